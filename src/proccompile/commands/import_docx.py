"""`proccompile import`: legacy Word procedures into YAML drafts, and a located list of what was not mapped."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from proccompile.commands.common import EXIT_CLEAN, EXIT_FINDINGS, config_failure
from proccompile.diagnostics.usage import UsageError
from proccompile.importer.result import Imported
from proccompile.load.discover import PROCEDURE_DIR
from proccompile.load.house_data import modeline, yaml_bytes
from proccompile.pipeline import ConfigError, protected_paths
from proccompile.pipeline.publish import import_project
from proccompile.scaffold.documents import file_name
from proccompile.write.atomic import write_atomic
from proccompile.write.guard import refuse_targets


@click.command("import", short_help="Read Word procedures (.docx) into YAML drafts and list what was not mapped.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the drafts (default: PROJECT/procedures).")
@click.option("-p", "--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Project whose departments, numbering and wording the documents use.")
def import_docx(files: tuple[Path, ...], output: Path | None, project: Path) -> None:
    """Read Word procedures (.docx) into YAML drafts and list what was not mapped.

    Headings such as 1 目的 … 7 记录, the header table, duties per department, process and records tables,
    approvals and the revision history become fields; every paragraph or table row that has no place is
    printed with its position, and department names missing from proccompile.yaml are proposed as new
    ids. Existing files are never overwritten. Exits 1 when a file could not be read or written.
    """
    try:
        result = import_project(project, [(path, str(path)) for path in files])
    except ConfigError as error:
        config_failure(error, "concise")
        return
    folder = output if output is not None else project / PROCEDURE_DIR
    targets = {d.name: folder / (file_name(d.code) if d.code else Path(d.name).stem + ".yaml") for d in result.drafts}
    clashes = sorted(str(t) for t in targets.values() if t.exists())
    if clashes or len(set(targets.values())) < len(targets):
        raise UsageError(f"would overwrite {', '.join(clashes) or 'one draft with another'}",
                         help="Move the existing files away or import into another folder with -o")
    # Drafts are new sources: they may go into procedures/, never over a file or into another input folder.
    refuse_targets(targets.values(), protected_paths(project).without(project / PROCEDURE_DIR), new=True)
    proposed: dict[str, str] = {}
    for draft in result.drafts:
        write_atomic(targets[draft.name], yaml_bytes(draft.data, comment=_heading(draft, targets[draft.name])))
        click.echo(f"wrote {targets[draft.name]} from {draft.name}")
        for item in draft.unmapped:
            click.echo(f"  {draft.name}: {item.where}: not mapped ({item.reason}): {_short(item.text)}")
        proposed |= draft.proposed
    if proposed:
        click.echo("\nDepartments not in proccompile.yaml; add them under `departments` (or rename the ids):")
        for name, dept_id in proposed.items():
            click.echo(f"  - id: {dept_id}\n    zh: {name}\n    en: {name}")
    for name, reason in result.failures:
        click.echo(f"proccompile: cannot import {name}: {reason}", err=True)
    sys.exit(EXIT_FINDINGS if result.failures else EXIT_CLEAN)


def _heading(draft: Imported, target: Path) -> str:
    schema = modeline(Path("..", "schemas", "procedure.schema.json").as_posix())
    note = f"Imported from {Path(draft.name).name}; review it, then run `proccompile check`."
    if draft.unmapped:
        note += f" {len(draft.unmapped)} part(s) were not mapped: see the import output."
    return f"{schema}\n{note}"


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
