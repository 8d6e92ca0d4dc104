"""`proccompile build`: check, then compile procedures and forms into Word documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from proccompile.commands.common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, config_failure, format_option, path_argument,
    print_findings, resolve_format, strict_option,
)
from proccompile.pipeline import ConfigError, build_project


@click.command()
@path_argument
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: PATH/build).")
@format_option
@strict_option
def build(path: Path, output: Path | None, fmt: str | None, strict: bool) -> None:
    """Build controlled .docx files for every procedure and form under PATH."""
    fmt = resolve_format(fmt)
    out_dir = output or path / "build"
    try:
        result = build_project(path, out_dir)
    except ConfigError as error:
        config_failure(error, fmt)
        return
    except OSError as error:
        click.echo(f"proccompile: cannot write output: {error.strerror or error} ({error.filename})", err=True)
        sys.exit(EXIT_ERROR)
    bag = result.check.diagnostics
    if len(bag) or not result.outputs:
        print_findings(bag, fmt, result.check.files)
    if result.outputs:
        click.echo(f"Built {len(result.outputs)} documents into {out_dir}")
    sys.exit(EXIT_FINDINGS if bag.fails(strict=strict) else EXIT_CLEAN)
