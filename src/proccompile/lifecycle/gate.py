"""The release gate: what must hold before a version is issued, as located findings that refuse the release.

Signatures complete and for this content, signers kept apart as the project requires, a real change
(judged before the edit); no placeholder text and no draft relied on (judged on the file as released).
These are errors at release whatever the project's severity overrides say.
"""

from __future__ import annotations

from proccompile.diagnostics import CODES, Diagnostic, Diagnostics, Related, Severity, Span
from proccompile.lifecycle.release import ReleaseRequest, signers
from proccompile.lifecycle.semantic import semantic_diff
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.fingerprint import fingerprint
from proccompile.model.revision import separation_conflicts

AnyDoc = AnyDocument
_RELEASE_ERRORS = frozenset({"PC422", "PC423"})


def release_refusals(corpus: Corpus, doc: AnyDoc, in_force: AnyDoc | None, req: ReleaseRequest) -> Diagnostics:
    """Every reason ``doc`` may not be released as ``req`` asks, each located in its file."""
    bag = Diagnostics()
    model = doc.model
    roles = [r.id for r in corpus.config.approval_roles]
    allowed = [(a, b) for a, b in corpus.config.change_control.same_signer]
    revision = model.open_revision
    if revision is not None and not req.transcribes:
        content = fingerprint(doc.source.data)
        current = revision.current()
        unsigned = [role for role in roles if role not in current]
        if unsigned:
            who = ", ".join(f"`{role}`" for role in unsigned)
            _refuse(bag, "PC420", f"Revision `{revision.version}` is not approved by {who}",
                    doc.span("open_revision", key=True),
                    help=f"Each signs in turn: `proccompile approve {model.code} --role {unsigned[0]} --by NAME`")
        for role in roles:
            if role not in current:
                continue
            i, decision = current[role]
            if decision.decision == "rejected":
                said = f": {decision.comment}" if decision.comment else ""
                _refuse(bag, "PC420", f"`{role}` rejected revision `{revision.version}` ({decision.by}, "
                        f"{decision.date}){said}", doc.span("open_revision", "decisions", i, "decision"),
                        help="Address the rejection, then ask for the approval again")
            elif decision.content != content:
                _refuse(bag, "PC417", f"The `{role}` approval by {decision.by} ({decision.date}) was given for "
                        "other content; the document changed after it",
                        doc.span("open_revision", "decisions", i, "content"),
                        help=f"Ask {decision.by} to approve again: `proccompile approve {model.code} --role {role} "
                             f"--by {decision.by}`")
        approved = {role: d.by for role, (_, d) in current.items() if d.decision == "approved"}
        for first, second, name in separation_conflicts(roles, allowed, revision.author, approved):
            index = current[second][0] if second in current else current[first][0]
            _refuse(bag, "PC418", f"{name} signs both as `{first}` and as `{second}`",
                    doc.span("open_revision", "decisions", index, "by"),
                    help="Another person signs one of the roles (change_control.same_signer lists the pairs one "
                         "person may sign; never the author and the approver)")
    else:
        named = signers(corpus.config, req) or {role: a.name for role, a in model.approvals.items() if a.name}
        where = doc.span("approvals", key=True) if model.approvals else doc.span("version")
        for first, second, name in separation_conflicts(roles, allowed, req.by, named):
            _refuse(bag, "PC418", f"{name} would sign both as `{first}` and as `{second}`", where,
                    help="Name another person for one of the roles (change_control.same_signer lists the pairs "
                         "one person may sign; never the author and the approver)")
    if in_force is not None and model.status == "released" and not semantic_diff(in_force.model, model, history=False):
        _refuse(bag, "PC421", f"`{model.code}` has no content change from the `{in_force.model.version}` in force",
                doc.span("open_revision", key=True) if revision is not None else doc.span("version"))
    return bag


def released_refusals(after: Diagnostics, rel: str) -> Diagnostics:
    """What the released file itself may not hold, judged on the file as the release writes it: placeholder
    text (PC422) and drafts relied on (PC423) are warnings in `check` and errors for the document released."""
    bag = Diagnostics()
    for d in after:
        if d.code.id in _RELEASE_ERRORS and d.span.path == rel:
            bag.restore(Diagnostic(d.code, d.message, d.span, Severity.ERROR, d.help, d.related))
    return bag


def _refuse(bag: Diagnostics, code: str, message: str, span: Span, *, help: str | None = None,
            related: tuple[Related, ...] = ()) -> None:
    known = CODES[code]
    bag.restore(Diagnostic(known, message, span, Severity.ERROR, help or known.help, related))
