"""`proccompile revise`: open the next version of a document beside the version in force."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import path_argument
from proccompile.commands.lifecycle_output import date_option, record_date, required_text, run_edit
from proccompile.pipeline.revision import cancel_revision, revise_project


@click.command()
@click.argument("code")
@path_argument
@click.option("--change", default=None, help="What will change and why (the change request's reason).")
@click.option("--request", default=None, metavar="ID", help="Change request number, e.g. CR-2026-014.")
@click.option("--by", default=None, metavar="NAME", help="Who drafts the change (the author).")
@click.option("--major", is_flag=True, help="Plan a new edition (A/3 → B/0) instead of the next amendment.")
@click.option("--cancel", is_flag=True, help="Close the open revision without releasing it.")
@date_option
def revise(code: str, path: Path, change: str | None, request: str | None, by: str | None, major: bool,
           cancel: bool, date: dt.date | None) -> None:
    """Open a revision of CODE: its next version is drafted in the working file while the version in
    force stays the controlled copy.

    The released content is stored under in-force/ (taken from git history when the working file was
    already edited); `build` keeps issuing it and writes the working content as a review draft marked
    uncontrolled, and `diff CODE` shows the changes. Signers then record their decisions with
    `proccompile approve` or `reject`, and `proccompile release` issues it.
    """
    if cancel:
        if change or request or by or major:
            raise click.BadParameter("--cancel takes no other option", param_hint="--cancel")
        result = run_edit(lambda: cancel_revision(path, code), path)
        click.echo(f"cancelled the open revision of {code}; the version in force stays as it is")
        return
    if change is None:
        raise click.BadParameter("say what will change and why", param_hint="--change")
    required_text(change, "--change", "what will change and why")
    when = record_date(date)
    result = run_edit(lambda: revise_project(path, code, change, when, request=request, by=by, major=major), path)
    opened = result.opened
    if opened is None:
        return
    if opened.from_history:
        click.echo(f"the working file already held edits; the released content was taken from git commit "
                   f"{opened.from_history[:10]}")
    doc = result.check.corpus.document(code)
    kept = f"; {doc.model.version} stays the controlled copy" if doc and opened.in_force is not None else ""
    click.echo(f"opened revision {opened.version} of {code} on {when}{kept}")
    click.echo(f"next: edit the file, review it with `proccompile diff {code}`, then each role signs with "
               f"`proccompile approve {code} --role ROLE --by NAME`")
