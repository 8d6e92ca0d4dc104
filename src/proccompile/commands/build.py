"""`proccompile build`: check, then compile procedures and forms into Word documents (and PDFs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click._termui_impl import ProgressBar

from proccompile.commands.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_failure,
    format_option,
    path_argument,
    print_findings,
    resolve_format,
    strict_option,
    write_failure,
)
from proccompile.diagnostics import Report
from proccompile.pipeline import ConfigError, build_project
from proccompile.write import export_pdfs


class _ProgressBar:
    """A progress bar on an interactive terminal; silent in CI and when output is piped."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self.bar: ProgressBar[int] | None = None

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command()
@path_argument
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: PATH/build).")
@click.option("--pdf", is_flag=True, help="Also export every document to PDF with LibreOffice, into OUTPUT/pdf.")
@click.option("--jobs", type=click.IntRange(1, 16), default=2, show_default=True,
              help="LibreOffice processes for --pdf (each with its own profile).")
@format_option
@strict_option
def build(path: Path, output: Path | None, pdf: bool, jobs: int, fmt: str | None, strict: bool) -> None:
    """Build controlled .docx files for every procedure and form under PATH."""
    fmt = resolve_format(fmt)
    out_dir = output or path / "build"
    progress = _ProgressBar()
    try:
        result = build_project(path, out_dir, progress)
        pdfs = export_pdfs([p for p in result.outputs if p.suffix == ".docx"], out_dir / "pdf", jobs) if pdf else []
    except ConfigError as error:
        config_failure(error, fmt)
        return
    except OSError as error:
        write_failure(error)
    finally:
        progress.close()
    bag = result.check.diagnostics
    if len(bag) or not result.outputs:
        print_findings(Report(bag, result.check.paths), fmt)
    if result.outputs:
        documents = sum(p.suffix == ".docx" for p in result.outputs)
        extra = f" and {len(pdfs)} PDFs" if pdf else ""
        copied = len(result.outputs) - documents
        extra += f", copied {copied} attached file{'s' if copied != 1 else ''}," if copied else ""
        click.echo(f"Built {documents} documents{extra} into {out_dir}")
    sys.exit(EXIT_FINDINGS if bag.fails(strict=strict) else EXIT_CLEAN)
