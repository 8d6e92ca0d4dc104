"""`proccompile diff`: the changes of a document between two versions, as a list or a Word redline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from proccompile.commands.common import EXIT_FINDINGS, config_failure, path_argument, write_failure
from proccompile.diagnostics import Report
from proccompile.diagnostics.emitters import emit
from proccompile.lifecycle.report import DIFF_FORMATS, RENDERERS
from proccompile.pipeline import ConfigError, guard_outputs
from proccompile.pipeline.diffs import DiffResult, diff_project, redline_project
from proccompile.write.atomic import write_atomic


@click.command()
@click.argument("code")
@path_argument
@click.option("--from", "from_rev", default=None, metavar="REV",
              help="Older side: a git revision or a released version such as B/0 (default: the previous release).")
@click.option("--to", "to_rev", default=None, metavar="REV", help="Newer side (default: the working tree).")
@click.option("--format", "fmt", type=click.Choice([*DIFF_FORMATS, "docx"]), default="text", show_default=True)
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Write to FILE (default: print; docx: PATH/build/redline/CODE_FROM_TO.docx).")
def diff(code: str, path: Path, from_rev: str | None, to_rev: str | None, fmt: str, output: str | None) -> None:
    """Show what changed in CODE between two versions: sections, steps, duties, records, time limits, KPIs,
    terms and related documents added, removed or changed.

    REV is a git revision (HEAD~1, a tag, a commit) or a released version (B/0), found in the git history
    by its locked fingerprint. `--format docx` writes the newer version as a Word document with tracked
    changes that Word and LibreOffice show as a redline.
    """
    try:
        result = diff_project(path, code, from_rev, to_rev)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    if fmt != "docx":
        text = RENDERERS[fmt](result.old, result.new, result.changes)
        if output is None:
            click.echo(text, nl=False)
            return
        target = Path(output)
        guard_outputs(path, [target], result.check.corpus)
        _write(target, text.encode("utf-8"))
        return
    model = result.new.doc.model
    newer = model.open_revision.version if model.open_revision else model.version  # the version under review
    default = f"{model.code}_{result.old.doc.model.version}_{newer}".replace("/", "-") + ".docx"
    target = Path(output) if output else path / "build" / "redline" / default
    guard_outputs(path, [target], result.check.corpus)  # judged before the redline is laid out
    data = redline_project(path, result)
    if data is None:
        _refuse(result)
    _write(target, data)


def _refuse(result: DiffResult) -> NoReturn:
    click.echo(emit("concise", Report(result.check.diagnostics, result.check.paths)))
    click.echo("proccompile: nothing was written; fix the errors above first", err=True)
    sys.exit(EXIT_FINDINGS)


def _write(target: Path, data: bytes) -> None:
    try:
        write_atomic(target, data)
    except OSError as error:
        write_failure(error)
    click.echo(f"wrote {target}", err=True)
