"""`proccompile site`: the current controlled documents as a static HTML site with offline search."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from proccompile.commands.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_failure,
    path_argument,
    print_findings,
    today_option,
    write_failure,
)
from proccompile.diagnostics import Report
from proccompile.diagnostics.counts import counted
from proccompile.model.dates import reference_date
from proccompile.pipeline import ConfigError
from proccompile.pipeline.publish import site_project


@click.command(short_help="Write a static HTML site of the controlled documents under PATH, with offline "
                                "search.")
@path_argument
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: PATH/build/site).")
@click.option("--pdf", is_flag=True, help="Also offer every document as PDF (needs LibreOffice).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="LibreOffice processes for --pdf.")
@today_option
def site(path: Path, output: Path | None, pdf: bool, jobs: int, today: dt.date | None) -> None:
    """Write a static HTML site of the controlled documents under PATH, with offline search.

    One page per document (the chapters and numbering of the Word document), form and department,
    an index by owning department, where-used lists, draft and obsolete marks, and the .docx files to
    download. The site makes no network requests: open OUTPUT/index.html or copy the folder to any web
    server. Nothing is written when check finds an error; pages and files of documents that are gone or
    superseded are removed. A released version whose effective date is after --today (default:
    SOURCE_DATE_EPOCH, else the local date) is marked as not yet effective.
    """
    out_dir = output or path / "build" / "site"
    try:
        result = site_project(path, out_dir, pdf=pdf, jobs=jobs, today=reference_date(today, clock=True))
    except ConfigError as error:
        config_failure(error, "concise")
        return
    except OSError as error:
        write_failure(error)
        return
    bag = result.check.diagnostics
    if len(bag) or not result.outputs:
        print_findings(Report(bag, result.check.paths), "concise")
    if result.outputs:
        click.echo(f"Wrote {counted(len(result.outputs), 'file')} into {out_dir}; open {out_dir / 'index.html'}")
    sys.exit(EXIT_FINDINGS if bag.has_errors else EXIT_CLEAN)
