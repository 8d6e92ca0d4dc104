"""`proccompile release`: release a draft, or move a released document to its next version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import path_argument, write_failure
from proccompile.commands.lifecycle_output import date_option, record_date, run_edit
from proccompile.diagnostics.counts import counted
from proccompile.lifecycle.release import ReleaseRequest
from proccompile.model.display import department_name
from proccompile.pipeline.audit import recall_log_project
from proccompile.pipeline.lifecycle import release_project
from proccompile.views.tables import FORMATS


@click.command()
@click.argument("code")
@path_argument
@click.option("--change", required=True, help="What changed and why, for the revision history.")
@click.option("--by", default=None, metavar="NAME",
              help="Author of the change; also signs the first approval role (default: the last author).")
@date_option
@click.option("--effective", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              callback=lambda _c, _p, v: v.date() if v else None,
              help="Effective date (default: the issue date).")
@click.option("--major", is_flag=True, help="Start a new edition (A/3 → B/0) instead of the next amendment.")
@click.option("--reviewed-by", default=None, metavar="NAME", help="Signs the roles between the first and last.")
@click.option("--approved-by", default=None, metavar="NAME", help="Signs the last approval role.")
@click.option("--recall-log", default=None, metavar="FILE",
              help="Also write the distribution and recall log (文件发放/回收记录) of the new version to FILE "
                   "(.xlsx, .docx, .csv or .md), with columns to sign.")
def release(code: str, path: Path, change: str, by: str | None, date: dt.date | None, effective: dt.date | None,
            major: bool, reviewed_by: str | None, approved_by: str | None, recall_log: str | None) -> None:
    """Release CODE: a draft becomes released, a released document its next version.

    Appends the revision entry, sets the issue and effective dates and the signatures given, writes
    the file back changing only those lines, and records the new content in proccompile.lock.
    Refuses (exit 1) when the project has errors or the release would leave one.
    """
    if not change.strip():
        raise click.BadParameter("say what changed and why; it is printed in the revision history",
                                 param_hint="--change")
    log_format = Path(recall_log).suffix.lstrip(".").lower() if recall_log else None
    if log_format is not None and log_format not in FORMATS:
        raise click.BadParameter(f"give a .xlsx, .docx, .csv or .md file, not {recall_log}", param_hint="--recall-log")
    request = ReleaseRequest(change=change, date=record_date(date), by=by, effective=effective, major=major,
                             approved_by=approved_by, reviewed_by=reviewed_by)
    result = run_edit(lambda: release_project(path, code, request), path)
    done = result.release
    if done is None:
        return
    was = "draft" if done.was_draft else done.old_version
    click.echo(f"released {done.code} {done.version} (was {was}), issued {request.date}, "
               f"effective {request.effective or request.date}")
    if result.adopted:
        click.echo(f"locked the released versions of {counted(len(result.adopted), 'document')} (new proccompile.lock)")
    corpus = result.check.corpus
    for copy in done.recalled:
        click.echo(f"recall: {done.code} {done.old_version} copy {copy.number} from "
                   f"{department_name(corpus, copy.department)}")
    if recall_log and log_format:
        try:
            logged = recall_log_project(path, done.code, Path(recall_log), log_format)
        except OSError as error:
            write_failure(error)
        for written in logged.outputs:
            click.echo(f"wrote {written}")
