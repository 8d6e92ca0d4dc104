"""Lifecycle checks: released content against the lock file, review dates, withdrawal and issued copies."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.model import Corpus
from proccompile.model.actors import departments_of
from proccompile.model.display import department_name
from proccompile.model.fingerprint import content_fingerprints
from proccompile.model.refs import responsibilities, steps
from proccompile.model.versions import parse_version


def released_content(corpus: Corpus, bag: Diagnostics) -> None:
    """A locked version whose content changed (PC407), went backwards (PC408) or was never locked (PC411)."""
    lock = corpus.lock
    if lock is None:
        return
    scheme = corpus.config.versions
    for doc in corpus.named:
        model = doc.names
        if model.code in lock.broken:
            continue
        locked = lock.versions(model.code)
        entry = locked.get(model.version)
        newest, number = lock.newest(model.code), parse_version(model.version, scheme)
        # Checked first: a file put back to B/0 after B/1 was released matches B/0's fingerprint, yet it
        # would be built as the controlled copy of a superseded version.
        if newest is not None and number is not None and number < newest.number:
            bag.add("PC408", f"Version `{model.version}` is older than the released `{newest.version}`",
                    doc.span("version"), related=_lock_related(corpus, model.code, newest.version),
                    help=f"Versions only move forward; restore `{newest.version}` or release the next version")
            continue
        if entry is not None:
            # While a revision is open the working content may differ: the stored copy is the one in force.
            content = model.fingerprints or content_fingerprints(doc.source.data, form=model.kind == "form")
            if model.open_revision is None and entry.fingerprint not in content:
                bag.add("PC407", f"Released `{model.code}` `{model.version}` was changed without a new version",
                        doc.span("version"), related=_lock_related(corpus, model.code, model.version),
                        help=f"See the edit with `proccompile diff {model.code}`; undo it, or release it as a "
                             f"new version: `proccompile release {model.code} --change '…'`")
            continue
        if model.status == "released" and number is not None:
            bag.add("PC411", f"Released version `{model.version}` of `{model.code}` is not in the lock file",
                    doc.span("version"),
                    help=f"Release with `proccompile release {model.code}`, or adopt it with `proccompile lock`")


def locked_document_missing(corpus: Corpus, bag: Diagnostics) -> None:
    lock = corpus.lock
    if lock is None or lock.source is None:
        return
    present = {doc.names.code for doc in corpus.named}
    for code in sorted(lock.entries.keys() | lock.broken):
        if code not in present and not corpus.is_broken(code):
            bag.add("PC409", f"Locked document `{code}` no longer exists",
                    lock.source.span(("documents", code), key=True),
                    help="Keep withdrawn documents and mark them obsolete (`proccompile retire`); "
                         "never delete a released document's file")


def review_overdue(corpus: Corpus, bag: Diagnostics) -> None:
    today = corpus.today
    if today is None:
        return
    for doc in corpus.named:
        model, due = doc.names, doc.names.review_due
        if due is not None and due < today:
            where = model.review_loc
            late = (today - due).days
            overdue = f"due on {due} ({late} day{'s' * (late != 1)} overdue)"
            found, revision = model.revision_found, model.open_revision
            if found is not None:
                # The review was done; what is outstanding is the revision it asked for.
                bag.add("PC412", f"Review of `{model.code}` was {overdue}: the review of {found} found a "
                        "revision needed, which is not released yet", doc.span(*where),
                        help=f"Release revision `{revision}` (`proccompile release {model.code}`)"
                             if revision else f"Open the revision: `proccompile revise {model.code} --change '…'`")
                continue
            bag.add("PC412", f"Review of `{model.code}` was {overdue}", doc.span(*where),
                    help=f"Review it and record the result: `proccompile review {model.code} --by NAME "
                         f"--date {today}`")


def withdrawal(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.documents():
        model = doc.model
        gone = model.withdrawn
        if gone is not None and model.status != "obsolete":
            bag.add("PC414", f"`{model.code}` has a withdrawal record but its status is `{model.status}`",
                    doc.span("withdrawn", key=True), help="Set `status: obsolete`, or remove `withdrawn`")
        elif gone is not None and model.issued and gone.date < model.issued:
            bag.add("PC414", f"Withdrawn on {gone.date}, before it was issued ({model.issued})",
                    doc.span("withdrawn", "date"), help="A document is withdrawn after it was issued")


def distribution(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.documents():
        seen: dict[str, int] = {}
        for i, copy in enumerate(doc.model.distribution):
            if copy.number in seen:
                bag.add("PC415", f"Copy number `{copy.number}` is issued twice",
                        doc.span("distribution", i, "number"),
                        related=(Related(doc.span("distribution", seen[copy.number], "number"), "first issued here"),),
                        help="Give every controlled copy its own number, so a recall can account for each")
            seen.setdefault(copy.number, i)


def distribution_gap(corpus: Corpus, bag: Diagnostics) -> None:
    """A released document with a distribution list issues a copy to every department of the company with a
    duty or a step in it (PC425); a role's is its department's, a group's its members'."""
    for doc in corpus.documents():
        model = doc.model
        if model.status != "released" or not model.distribution:
            continue
        holders = set(departments_of(corpus.actors, [copy.department for copy in model.distribution]))
        involved = [a for _, duty in responsibilities(model) for a in duty.department]
        involved += [a for _, step in steps(model) for a in (*step.owner, *step.support)]
        for dept in departments_of(corpus.actors, involved):
            known = corpus.config.department(dept)
            if dept not in holders and known is not None and not known.external:
                bag.add("PC425", f"{department_name(corpus, dept)} (`{dept}`) has a part in `{model.code}` but "
                        "holds no controlled copy", doc.span("distribution", key=True),
                        help=f"Issue it a copy: add `- department: {dept}` with a copy number under `distribution`")


def replacement(corpus: Corpus, bag: Diagnostics) -> None:
    """A withdrawn document's named replacement is a document in force (PC426)."""
    status = {doc.names.code: doc.names.status for doc in corpus.named}
    for doc in corpus.named:
        code, replaced_by = doc.names.code, doc.names.replaced_by
        if replaced_by is None or (replaced_by not in status and corpus.is_broken(replaced_by)):
            continue
        if status.get(replaced_by) != "released":
            state = "is not in the project" if replaced_by not in status else f"is {status[replaced_by]}"
            bag.add("PC426", f"Replacement `{replaced_by}` of `{code}` {state}", doc.span("withdrawn", "replaced_by"),
                    help=did_you_mean(replaced_by, list(status)) or "Release the replacement, or correct the code")


def _lock_related(corpus: Corpus, code: str, version: str) -> tuple[Related, ...]:
    source = corpus.lock.source if corpus.lock else None
    if source is None:
        return ()
    return (Related(source.span(("documents", code, version)), f"`{version}` locked here"),)
