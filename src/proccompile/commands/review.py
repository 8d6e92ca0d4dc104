"""`proccompile review`: record a periodic review of a document without a new version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import path_argument
from proccompile.commands.lifecycle_output import date_option, record_date, run_edit
from proccompile.model.control import ReviewResult
from proccompile.model.dates import next_review
from proccompile.pipeline.lifecycle import review_project


@click.command()
@click.argument("code")
@path_argument
@click.option("--by", required=True, metavar="NAME", help="Who reviewed the document.")
@date_option
@click.option("--result", type=click.Choice(["no-change", "revise"]), default="no-change", show_default=True,
              help="no-change: still adequate; revise: a new version is needed (opens a revision).")
@click.option("--note", default=None, help="What the review found; with --result revise, the reason to revise.")
def review(code: str, path: Path, by: str, date: dt.date | None, result: ReviewResult, note: str | None) -> None:
    """Record that CODE was reviewed: appends to its `reviews`.

    A review that finds the document still adequate restarts the review interval. One that finds a
    revision needed opens it (as `proccompile revise` does) unless one is open, and the document stays
    due for review until the revised version is released. The content and version stay as they are, so
    the lock file is not touched.
    """
    if result == "revise" and not (note and note.strip()):
        raise click.BadParameter("say what must change; it becomes the reason of the revision", param_hint="--note")
    when = record_date(date)
    done = run_edit(lambda: review_project(path, code, by, when, result, note), path)
    # The project as the review left it: checked once before writing, not read again.
    after = done.after.corpus if done.after is not None else done.check.corpus
    doc = after.document(code)
    due = next_review(doc, after.config.review_interval) if doc else None
    click.echo(f"reviewed {code} on {when} ({result})" + (f"; next review due {due}" if due else ""))
    if done.opened is not None:
        click.echo(f"opened revision {done.opened.version} of {code}; the review stays due until it is released")
    elif result == "revise" and doc is not None and doc.model.open_revision is not None:
        click.echo(f"revision {doc.model.open_revision.version} is open; the review stays due until it is released")
