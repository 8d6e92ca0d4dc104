"""`proccompile release`: issue the approved revision of a document, or release a draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import path_argument
from proccompile.commands.lifecycle_output import (
    date_option,
    log_target,
    recall_log_option,
    record_date,
    required_text,
    run_edit,
)
from proccompile.diagnostics.counts import counted
from proccompile.diagnostics.emitters import FORMATS
from proccompile.lifecycle.release import ReleaseRequest
from proccompile.model.display import department_name, name_in
from proccompile.pipeline.lifecycle import release_project


@click.command()
@click.argument("code")
@path_argument
@click.option("--change", default=None,
              help="What changed and why, for the revision history (default: the open revision's reason).")
@date_option
@click.option("--effective", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              callback=lambda _c, _p, v: v.date() if v else None,
              help="Effective date (default: the issue date).")
@click.option("--request", default=None, metavar="ID", help="Change request number, without an open revision.")
@click.option("--major", is_flag=True, help="Without an open revision: start a new edition (A/3 → B/0).")
@click.option("--by", default=None, metavar="NAME",
              help="Transcribe a paper record: the author, who signed the first approval role.")
@click.option("--reviewed-by", default=None, metavar="NAME",
              help="Transcribe a paper record: who signed the roles between the first and the last.")
@click.option("--approved-by", default=None, metavar="NAME", help="Transcribe a paper record: who approved.")
@recall_log_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="concise", show_default=True,
              help="Format of the findings that refuse a release (e.g. github in a CI job).")
def release(code: str, path: Path, change: str | None, date: dt.date | None, effective: dt.date | None,
            request: str | None, major: bool, by: str | None, reviewed_by: str | None, approved_by: str | None,
            recall_log: str | None, fmt: str) -> None:
    """Release CODE: issue its approved revision as the new version, or release a draft.

    An open revision (`proccompile revise`) is released only when every approval role has approved its
    current content (`proccompile approve`), the signers are kept apart as the project requires and the
    content changed; each signer's own name and date go into the document. Without an open revision,
    --by, --reviewed-by and --approved-by transcribe signatures from a paper record, and the revision
    entry says they were transcribed; a project that signs by hand (`signatures: by-hand`) dates every
    role and leaves the names it is not given for the pen. Writes the file (changing only those lines), records the new
    content in proccompile.lock and, with --recall-log, the distribution and recall log — all of it or
    nothing. Refuses (exit 1) when the project has errors, the release gate says no, or the release
    would leave an error.
    """
    if change is not None:
        required_text(change, "--change", "what changed and why")
    log = log_target(recall_log)
    req = ReleaseRequest(change=change, date=record_date(date), by=by, effective=effective, major=major,
                         approved_by=approved_by, reviewed_by=reviewed_by, request=request)
    result = run_edit(lambda: release_project(path, code, req, log), path, fmt)
    done = result.release
    if done is None:
        return
    corpus = result.check.corpus
    was = "draft" if done.was_draft else done.old_version
    click.echo(f"released {done.code} {done.version} (was {was}), issued {req.date}, "
               f"effective {req.effective or req.date}")
    roles = {r.id: name_in(r, corpus.config.language) for r in corpus.config.approval_roles}
    signed = ", ".join(f"{roles.get(role, role)} {s.name} {s.date}" for role, s in done.signed.items())
    if done.signatures == "recorded":
        click.echo(f"signed: {signed} (each recorded by the signer with proccompile approve)")
    elif done.signatures == "by-hand" or (signed and corpus.config.signatures == "by-hand"):
        # What the printed copy must carry: each role's wet signature, on the date recorded.
        released = (result.after or result.check).corpus.document(done.code)
        for role in corpus.config.approval_roles:
            approval = released.model.approvals.get(role.id) if released is not None else None
            if approval is not None:
                who = approval.name or "signed by hand on the printed copy"
                click.echo(f"  {role.id}: {who}, {approval.date or 'no date'}")
    elif signed:
        click.echo(f"signed: {signed} (transcribed: typed in at release, not recorded by the signers)")
    if result.adopted:
        click.echo(f"locked the released versions of {counted(len(result.adopted), 'document')} (new proccompile.lock)")
    for copy in done.recalled:
        click.echo(f"recall: {done.code} {done.old_version} copy {copy.number} from "
                   f"{department_name(corpus, copy.department)}")
