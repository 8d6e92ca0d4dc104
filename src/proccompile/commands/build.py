"""`proccompile build`: check, then compile every controlled document into Word (and PDFs)."""

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
from proccompile.diagnostics.counts import counted
from proccompile.pipeline import ConfigError, build_project, default_jobs


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
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes that render documents, and LibreOffice processes for --pdf (default: the cores).")
@click.option("--force", is_flag=True, help="Render every document, even those whose inputs have not changed.")
@format_option
@strict_option
def build(path: Path, output: Path | None, pdf: bool, jobs: int | None, force: bool, fmt: str | None,
          strict: bool) -> None:
    """Build controlled .docx files for every document under PATH (manual, procedures, instructions, forms …).

    Only documents whose inputs changed since the last build into OUTPUT are rendered again (see
    manifest.json there); the files are the same bytes whatever --jobs is.
    """
    fmt = resolve_format(fmt)
    out_dir = output or path / "build"
    progress = _ProgressBar()
    jobs = jobs or default_jobs()
    try:
        result = build_project(path, out_dir, progress, jobs=jobs, force=force, strict=strict, pdf=pdf)
    except ConfigError as error:
        config_failure(error, fmt)
        return
    except OSError as error:
        write_failure(error)
    finally:
        progress.close()
    bag = result.check.diagnostics
    if len(bag) or not result.outputs:
        print_findings(Report(bag, result.check.paths, strict), fmt)
    if result.outputs:
        documents = sum(p.suffix == ".docx" for p in result.outputs)
        pdfs = sum(p.parts[len(out_dir.parts)] == "pdf" for p in result.outputs)
        extra = f" and {counted(pdfs, 'PDF')}" if pdfs else ""
        copied = len(result.outputs) - documents - pdfs
        unchanged = documents - sum(relpath.endswith(".docx") for relpath in result.rendered)
        note = f" ({unchanged} unchanged)" if unchanged else ""
        extra += f", copied {counted(copied, 'attached file')}," if copied else ""
        click.echo(f"Built {counted(documents, 'document')}{note}{extra} into {out_dir}")
    sys.exit(EXIT_FINDINGS if bag.fails(strict=strict) else EXIT_CLEAN)
