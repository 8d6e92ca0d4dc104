"""Options and printing shared by the commands: the only place besides cli.py that writes to the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.report import FORMATS, render
from proccompile.audit.tables import TEXT_FORMATS
from proccompile.pipeline import AuditResult, ConfigError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

path_argument = click.argument(
    "path", type=click.Path(file_okay=False, path_type=Path), default=".", required=False
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Output format (default: full on a terminal, concise otherwise).",
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as failures.")


def resolve_format(fmt: str | None) -> str:
    return fmt or ("full" if sys.stdout.isatty() else "concise")


def print_findings(bag: Diagnostics, fmt: str, files: int) -> None:
    color = fmt == "full" and sys.stdout.isatty()
    click.echo(render(bag, fmt, files=files, color=color))


def config_failure(error: ConfigError, fmt: str) -> None:
    print_findings(error.diagnostics, fmt, 1)
    click.echo("proccompile: cannot continue without a valid proccompile.yaml", err=True)
    sys.exit(EXIT_ERROR)


def write_failure(error: OSError) -> None:
    click.echo(f"proccompile: cannot write output: {error.strerror or error} ({error.filename})", err=True)
    sys.exit(EXIT_ERROR)


def output_option(stem: str):  # type: ignore[no-untyped-def]
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
        click.echo(render(bag, "concise", files=result.check.files), err=printed)
    if bag.has_errors:
        click.echo("proccompile: nothing was written; fix the errors above first", err=True)
        sys.exit(EXIT_FINDINGS)
    if result.text is not None:
        click.echo(result.text, nl=False)
        sys.exit(EXIT_CLEAN)
    for written in result.outputs:
        click.echo(f"wrote {written}")
    sys.exit(EXIT_CLEAN)
