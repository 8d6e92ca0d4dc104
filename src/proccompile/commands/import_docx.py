"""`proccompile import`: legacy Word procedures into YAML drafts, and a located list of what was not mapped."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from proccompile.commands.common import EXIT_CLEAN, EXIT_FINDINGS, config_failure
from proccompile.diagnostics.counts import counted
from proccompile.diagnostics.usage import UsageError
from proccompile.importer.result import Imported
from proccompile.load.discover import FORM_DIR, PROCEDURE_DIR
from proccompile.load.house_data import modeline, yaml_bytes
from proccompile.pipeline import ConfigError, protected_paths
from proccompile.pipeline.publish import ImportResult, import_project
from proccompile.scaffold.documents import FORM_SCHEMA, PROCEDURE_SCHEMA, file_name
from proccompile.write.atomic import write_all_or_none, write_new
from proccompile.write.guard import refuse_targets

if TYPE_CHECKING:
    from proccompile.importer.dates import DateOrder

# Room for the temporary name the atomic writer gives a file beside its target (.NAME.PID.XXXX.tmp).
_MAX_NAME_BYTES = 200
_LISTED_IN_FILE = 300  # a draft's header comment lists this many unmapped parts, then says how many more


@dataclass(frozen=True)
class _Output:
    path: Path
    data: bytes
    draft: Imported | None
    """The import this is the draft of; None for a form stub."""
    cited_by: str = ""


@click.command("import", short_help="Read Word procedures (.docx) into YAML drafts and list what was not mapped.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Folder for the drafts (default: PROJECT/procedures).")
@click.option("-p", "--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Project whose departments, numbering and wording the documents use.")
@click.option("--stub-forms", is_flag=True,
              help="Also write a draft form for each cited form the project does not have (into PROJECT/forms, "
                   "or DIR/forms with -o).")
@click.option("--date-order", type=click.Choice(["mdy", "dmy"]), default=None,
              help="How to read dates such as 03/04/2024 (month first or day first); without it they are listed.")
def import_docx(files: tuple[Path, ...], output: Path | None, project: Path, stub_forms: bool,
                date_order: str | None) -> None:
    """Read Word procedures (.docx) into YAML drafts and list what was not mapped.

    Headings such as 1 目的 or 1.0 PURPOSE, the header table, duties per department, process and records
    tables, approvals and the revision history become fields; every paragraph and table cell is either read
    or printed with its position and the reason, and department names missing from proccompile.yaml are
    proposed as new ids. Existing files are never overwritten: every target is checked before the first
    file is written. Exits 1 when a file could not be read as a Word document, 2 on a usage or file-system
    problem (nothing is written then).
    """
    for path in files:
        _refuse_input(path)
    try:
        result = import_project(project, [(path, str(path)) for path in files],
                                date_order=cast("DateOrder | None", date_order), stub_forms=stub_forms)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    drafts_dir = output if output is not None else project / PROCEDURE_DIR
    forms_dir = (output / FORM_DIR) if output is not None else project / FORM_DIR
    outputs = _plan(result, drafts_dir, forms_dir)
    _refuse_targets(outputs, project)
    _write_all(outputs)
    _report(result, outputs)
    sys.exit(EXIT_FINDINGS if result.failures else EXIT_CLEAN)


def _refuse_input(path: Path) -> None:
    """A Word file must be a regular file this user can read: a pipe would block, a device never end."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"cannot import `{path}`: it is not a regular file (a device, pipe or socket)")
        with path.open("rb"):
            pass
    except OSError as exc:
        raise UsageError(f"cannot import `{path}`: {exc.strerror or exc}") from None


def _plan(result: ImportResult, drafts_dir: Path, forms_dir: Path) -> list[_Output]:
    outputs = []
    for draft in result.drafts:
        name = file_name(draft.code) if draft.code else Path(draft.name).stem + ".yaml"
        path = drafts_dir / name
        outputs.append(_Output(path, yaml_bytes(draft.data, comment=_draft_heading(draft)), draft))
    for code, data in result.stubs.items():
        cited_by = next(d.name for d in result.drafts if code in d.stubs)
        heading = (f"{modeline(FORM_SCHEMA)}\nDraft of form {code}, cited by {Path(cited_by).name} and not yet in the "
                   "project; lay out its fields from the paper form, then run `proccompile check`.")
        outputs.append(_Output(forms_dir / file_name(code), yaml_bytes(data, comment=heading), None, cited_by))
    return outputs


def _refuse_targets(outputs: list[_Output], project: Path) -> None:
    """Judge every target before the first is written, through the output guard: never over an existing file,
    a link or a device, never into the project's inputs (a draft only into procedures/ among them, a form stub
    only into forms/), always where a file can be made."""
    seen: set[Path] = set()
    for out in outputs:
        # The atomic writer adds about 20 bytes to a name for its temporary file beside the target.
        if len(os.fsencode(out.path.name)) > _MAX_NAME_BYTES:
            raise UsageError(f"the file name `{out.path.name}` is too long",
                             help="Rename the Word file and import it again")
        if out.path in seen:
            raise UsageError(f"two drafts would both be written to `{out.path}`",
                             help="Import the files one at a time, or give them different codes")
        seen.add(out.path)
    inputs = protected_paths(project)
    for own, is_draft in ((PROCEDURE_DIR, True), (FORM_DIR, False)):
        refuse_targets([o.path for o in outputs if (o.draft is not None) == is_draft],
                       inputs.without(project / own), new=True)


def _write_all(outputs: list[_Output]) -> None:
    """Write every output or none; a file that appears meanwhile is never overwritten (the run is undone)."""
    try:
        write_all_or_none({out.path: out.data for out in outputs}, write=write_new)
    except OSError as exc:
        reason = "it was created meanwhile" if isinstance(exc, FileExistsError) else exc.strerror or str(exc)
        raise UsageError(f"cannot write `{exc.filename or ''}`: {reason}; nothing was written") from None


def _report(result: ImportResult, outputs: list[_Output]) -> None:
    lines = []  # echoed at once: one write per listed paragraph would cost more than the import
    for out in outputs:
        draft = out.draft
        if draft is None:
            lines.append(f"wrote {out.path} (a draft of a form {Path(out.cited_by).name} cites)")
            continue
        account = draft.account
        lines.append(f"wrote {out.path} from {draft.name} (read {account.read} of {_units(account.units)}; "
                     f"{len(draft.unmapped)} not mapped)")
        lines += [f"  {draft.name}: {item.where}: not mapped ({item.reason}): {_short(item.text)}"
                  for item in draft.unmapped]
    proposed: dict[str, str] = {}
    for draft in result.drafts:
        proposed |= draft.proposed
    if proposed:
        language = result.config.language
        lines.append("\nDepartments not in proccompile.yaml; add them under `departments` (or rename the ids):")
        lines += [f"  - id: {dept_id}\n    {language}: {name}" for name, dept_id in proposed.items()]
    if lines:
        click.echo("\n".join(lines))
    for name, reason in result.failures:
        click.echo(f"proccompile: cannot import {name}: {reason}", err=True)


def _draft_heading(draft: Imported) -> str:
    lines = [modeline(PROCEDURE_SCHEMA),
             f"Imported from {Path(draft.name).name}; review it, then run `proccompile check`.",
             f"Read {draft.account.read} of {_units(draft.account.units)}."]
    if draft.unmapped:
        lines.append(f"Not mapped ({len(draft.unmapped)}):")
        for item in draft.unmapped[:_LISTED_IN_FILE]:
            lines.append(f"  {item.where}: {item.reason}: {_short(item.text, 80)}")
        if len(draft.unmapped) > _LISTED_IN_FILE:
            lines.append(f"  … and {len(draft.unmapped) - _LISTED_IN_FILE} more: see the import output.")
    return "\n".join(lines)


def _units(n: int) -> str:
    return counted(n, "paragraph or table cell", "paragraphs and table cells")


def _short(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters; control characters from the document are shown as �."""
    head = text[: limit * 4]  # a listed paragraph may be long: only its start is shown
    flat = " ".join(head.split())
    if len(flat) > limit or len(head) < len(text.rstrip()):
        flat = flat[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in flat)
