"""`proccompile init`: scaffold a new project that checks and builds cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.diagnostics.usage import UsageError
from proccompile.scaffold.project import project_files
from proccompile.write.atomic import lexists, write_all_or_none
from proccompile.write.guard import NOTHING, refuse_targets


@click.command(short_help="Create a new project in DIR: config, a procedure and its form, CI and editor set-up.")
@click.argument("directory", metavar="[DIR]", type=click.Path(file_okay=False, path_type=Path), default=".",
                required=False)
@click.option("--language", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the documents, labels and headings.")
@click.option("--company", metavar="NAME", default=None, help="Company name printed in every header.")
def init(directory: Path, language: str, company: str | None) -> None:
    """Create a new project in DIR (default: the current directory).

    Writes proccompile.yaml, one procedure (QP-01) and the form it uses (QR-01-01), the JSON Schemas,
    a .pre-commit-config.yaml, CI for GitHub Actions and GitLab CI, VS Code settings that bind the
    schemas, and a .gitignore for build output. Refuses to overwrite any existing file.
    """
    if company is not None and not company.strip():
        raise UsageError("--company is empty", help="Give the company name as printed in headers")
    files = project_files(language, company.strip() if company else None, dt.date.today())
    present = sorted(rel for rel in files if lexists(directory / rel))
    if present:
        raise UsageError(f"{directory} already has {', '.join(present[:3])}{' …' if len(present) > 3 else ''}",
                         help="Run init in an empty folder, or move these files away first")
    targets = {directory / rel: data for rel, data in files.items()}
    # Every target is judged first, and a write that fails all the same takes the others back with it: a
    # half-made project would be refused by the next init.
    refuse_targets(targets, NOTHING, new=True)
    try:
        write_all_or_none(targets)
    except OSError as error:
        raise UsageError(f"cannot create the project in `{directory}`: {error.strerror or error} "
                         f"({error.filename}); nothing was written") from None
    for target in targets:
        click.echo(f"wrote {target}")
    where = "" if directory == Path(".") else f" {directory}"
    click.echo(f"\nNext: proccompile check{where} && proccompile build{where}")
