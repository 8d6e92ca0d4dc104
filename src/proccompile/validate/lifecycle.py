"""Lifecycle checks: released content against the lock file, review dates, withdrawal and issued copies."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.model import Corpus, Document, Form, Procedure
from proccompile.model.fingerprint import fingerprint
from proccompile.model.versions import parse_version

AnyDoc = Document[Procedure] | Document[Form]


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
            if (model.fingerprint or fingerprint(doc.source.data)) != entry.fingerprint:
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
            bag.add("PC412", f"Review of `{model.code}` was due on {due} ({late} day{'s' * (late != 1)} overdue)",
                    doc.span(*where),
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


def _lock_related(corpus: Corpus, code: str, version: str) -> tuple[Related, ...]:
    source = corpus.lock.source if corpus.lock else None
    if source is None:
        return ()
    return (Related(source.span(("documents", code, version)), f"`{version}` locked here"),)
