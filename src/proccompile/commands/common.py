"""Options and printing shared by the commands: the only place besides cli.py that writes to the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click
from click.decorators import FC

from proccompile.diagnostics import Report
from proccompile.diagnostics.emitters import FORMATS, emit
from proccompile.load.discover import CONFIG_NAME, FORM_DIR, PROCEDURE_DIR
from proccompile.load.paths import exists
from proccompile.pipeline import ConfigError
from proccompile.pipeline.audit import AuditResult
from proccompile.views.tables import TEXT_FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

def project_root(start: Path) -> Path:
    """The project ``start`` lies in: ``start`` itself when it holds proccompile.yaml, else the nearest folder
    above it that does (as git finds its repository), else ``start`` (which then reports the missing config).

    A folder with `procedures/` or `forms/` of its own is a project whose config is missing, and is not
    searched above. A folder found above is given relative to the current directory when it can be, so
    messages stay short.
    """
    if any(exists(start / name) for name in (CONFIG_NAME, PROCEDURE_DIR, FORM_DIR)):
        return start
    absolute = Path(os.path.abspath(start))
    for folder in absolute.parents:  # bounded: one step per path component
        if (folder / CONFIG_NAME).is_file():
            try:
                return Path(os.path.relpath(folder))
            except ValueError:  # another drive
                return folder
    return start


path_argument = click.argument(
    "path", type=click.Path(file_okay=False, path_type=Path), default=".", required=False,
    callback=lambda _ctx, _param, value: project_root(value),
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Output format (default: full on a terminal, concise otherwise).",
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as failures.")
today_option = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="Judge review dates at this day (default: SOURCE_DATE_EPOCH, else the local date).",
)


def resolve_format(fmt: str | None) -> str:
    return fmt or ("full" if sys.stdout.isatty() else "concise")


def color_wanted() -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything but the empty text (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def print_findings(report: Report, fmt: str) -> None:
    click.echo(emit(fmt, report, color=color_wanted()))


def config_failure(error: ConfigError, fmt: str) -> NoReturn:
    # Nothing past the config was read, so it is the only file checked.
    print_findings(Report(error.diagnostics, (CONFIG_NAME,)), fmt)
    click.echo("proccompile: cannot continue without a valid proccompile.yaml", err=True)
    sys.exit(EXIT_ERROR)


def write_failure(error: OSError) -> NoReturn:
    click.echo(f"proccompile: cannot write output: {error.strerror or error} ({error.filename})", err=True)
    sys.exit(EXIT_ERROR)


def output_option(stem: str) -> Callable[[FC], FC]:
    return click.option("-o", "--output", default=None, metavar="FILE",
                        help=f"Output file (default: PATH/build/audit/{stem}.FORMAT); `-` prints csv or md.")


def resolve_output(path: Path, output: str | None, stem: str, fmt: str) -> Path | None:
    """The file to write, or None for stdout (`-o -`, text formats only)."""
    if output == "-":
        if fmt not in TEXT_FORMATS:
            raise click.BadParameter(f"{fmt} cannot be printed; give a file name", param_hint="-o")
        return None
    return Path(output) if output else path / "build" / "audit" / f"{stem}.{fmt}"


def report_audit(result: AuditResult, *, printed: bool = False) -> None:
    """Findings (warnings too), then what was written. ``printed``: the output went to stdout (`-o -`),
    so findings go to stderr and the csv or md stays clean for a pipe."""
    bag = result.check.diagnostics
    if len(bag):
        click.echo(emit("concise", Report(bag, result.check.paths)), err=printed)
    if bag.has_errors:
        click.echo("proccompile: nothing was written; fix the errors above first", err=True)
        sys.exit(EXIT_FINDINGS)
    if result.text is not None:
        click.echo(result.text, nl=False)
        sys.exit(EXIT_CLEAN)
    for written in result.outputs:
        click.echo(f"wrote {written}")
    sys.exit(EXIT_CLEAN)
