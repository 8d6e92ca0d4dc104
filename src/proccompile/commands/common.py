"""Options and printing shared by the commands: the only place besides cli.py that writes to the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.report import FORMATS, render
from proccompile.pipeline import ConfigError

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
