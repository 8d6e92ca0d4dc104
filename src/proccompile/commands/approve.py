"""`proccompile approve` and `proccompile reject`: a signer's decision on an open revision, bound to its content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import path_argument
from proccompile.commands.lifecycle_output import required_text, run_edit
from proccompile.diagnostics.usage import UsageError
from proccompile.model.dates import reference_date
from proccompile.pipeline.revision import decide_project

_date = click.option(
    "--date", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="The day of the decision (default: today, or SOURCE_DATE_EPOCH); never a day to come.")


def _decide(code: str, path: Path, role: str, decision: str, by: str, date: dt.date | None,
            comment: str | None) -> None:
    required_text(by, "--by", "who signs")
    today = reference_date(None, clock=True)
    assert today is not None
    when = date or today
    result = run_edit(lambda: decide_project(path, code, role, decision, by, when, comment, today), path)
    after = result.after.corpus if result.after is not None else result.check.corpus
    doc = after.document(code)
    revision = doc.model.open_revision if doc else None
    if revision is None:
        raise UsageError("the decision was not recorded")  # the pipeline refuses before this
    _, recorded = revision.current()[role]
    click.echo(f"recorded: {by} {decision} revision {revision.version} of {code} as {role} on {when} "
               f"(content {recorded.content[:19]}…, recorded by {recorded.recorded_by})")
    roles = [r.id for r in after.config.approval_roles]
    state = revision.current()
    waiting = [r for r in roles if r not in state or state[r][1].decision != "approved"
               or state[r][1].content != recorded.content]
    click.echo("every role has approved; release it with `proccompile release " + code + "`" if not waiting
               else "waiting for " + ", ".join(waiting))


@click.command()
@click.argument("code")
@path_argument
@click.option("--role", required=True, metavar="ROLE", help="The approval role signed, e.g. reviewed.")
@click.option("--by", required=True, metavar="NAME", help="Who approves, as printed on the document.")
@_date
@click.option("--comment", default=None, help="What the signer says with the approval.")
def approve(code: str, path: Path, role: str, by: str, date: dt.date | None, comment: str | None) -> None:
    """Record that NAME approves the open revision of CODE in ROLE, for its content as it is now.

    The fingerprint of the content, the date and who ran the command (the git identity, else the OS
    user) are recorded with the signature; any later edit voids it, and `check` says so.
    """
    _decide(code, path, role, "approved", by, date, comment)


@click.command()
@click.argument("code")
@path_argument
@click.option("--role", required=True, metavar="ROLE", help="The approval role deciding, e.g. reviewed.")
@click.option("--by", required=True, metavar="NAME", help="Who rejects the revision.")
@_date
@click.option("--comment", required=True, help="Why the revision is rejected.")
def reject(code: str, path: Path, role: str, by: str, date: dt.date | None, comment: str) -> None:
    """Record that NAME rejects the open revision of CODE in ROLE, and why.

    The revision cannot be released until that role approves it again.
    """
    required_text(comment, "--comment", "why the revision is rejected")
    _decide(code, path, role, "rejected", by, date, comment)
