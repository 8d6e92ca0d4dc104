"""`proccompile where`: every place that references a document, external document, department, role or group."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from proccompile.commands.common import EXIT_CLEAN, EXIT_FINDINGS, config_failure, path_argument
from proccompile.diagnostics.printable import printable
from proccompile.pipeline import ConfigError
from proccompile.pipeline.audit import where_project

if TYPE_CHECKING:
    from proccompile.audit.where import Use


@click.command()
@click.argument("code")
@path_argument
def where(code: str, path: Path) -> None:
    """List every document, step and file:line under PATH that references CODE.

    CODE is the code of a document of any type or of an external document, or the id of a department, a
    role or a group. Exits 1 when
    nothing references it or it is unknown.
    """
    try:
        checked, result = where_project(path, code)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    if checked.corpus.broken_codes or checked.corpus.broken_procedures:
        click.echo("proccompile: some files could not be read, so their references are missing; "
                   "run `proccompile check`", err=True)
    if result.kind is None and not result.uses:
        hint = f"\nhelp: {printable(result.suggestion)}" if result.suggestion else ""
        click.echo(f"proccompile: `{printable(code)}` is not a code or department of this project{hint}", err=True)
        sys.exit(EXIT_FINDINGS)
    if result.defined is not None:
        click.echo(printable(f"{result.defined.path}:{result.defined.line}:{result.defined.col}: `{code}` "
                             f"{result.title} ({result.kind}) is defined here"))
    else:
        click.echo(f"`{printable(code)}` is not defined in the project, but is referenced:")
    for use in result.uses:
        click.echo(printable(_line(use)))  # titles, names and paths are the project's text: one line each
    if not result.uses:
        click.echo(f"proccompile: nothing references `{printable(code)}`", err=True)
        sys.exit(EXIT_FINDINGS)
    files = len({u.span.path for u in result.uses})  # the config counts too: auditors name departments
    click.echo(f"{len(result.uses)} reference{'s' * (len(result.uses) != 1)} in {files} "
               f"file{'s' * (files != 1)}.")
    sys.exit(EXIT_CLEAN)


def _line(use: Use) -> str:
    where = use.document or "proccompile.yaml"
    if use.section:
        where += f" §{use.section}" + (f" row {use.row}" if use.row else "")
    return f"{use.span.path}:{use.span.line}:{use.span.col}: {where} ({use.role})"
