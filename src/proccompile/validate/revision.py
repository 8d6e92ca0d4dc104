"""Open revisions: the stored copy of the version in force, and the signers' decisions on the working content."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.fingerprint import fingerprint
from proccompile.model.revision import OpenRevision, separation_conflicts
from proccompile.model.versions import format_version, parse_version, successors

AnyDoc = AnyDocument


def open_revisions(corpus: Corpus, bag: Diagnostics) -> None:
    """Each open revision is reported (PC416) with its state; its planned version must follow the current one,
    and its decisions must name configured roles, sign in time, and still hold for the content (PC417, PC418)."""
    roles = [r.id for r in corpus.config.approval_roles]
    scheme = corpus.config.versions
    for doc in corpus.documents():
        revision = doc.model.open_revision
        if revision is None:
            continue
        model = doc.model
        if model.status == "obsolete":
            bag.add("PC414", f"Obsolete `{model.code}` has an open revision", doc.span("open_revision", key=True),
                    help="A withdrawn document is not revised; remove `open_revision`")
            continue
        bag.add("PC416", _state(model.code, revision, roles, fingerprint(doc.source.data)),
                doc.span("open_revision", key=True))
        now, planned = parse_version(model.version, scheme), parse_version(revision.version, scheme)
        if now is None or planned is None:
            pass  # PC401 reports a version outside the scheme
        elif planned not in (expected := [now] if model.status == "draft" else successors(now, scheme)):
            allowed = " or ".join(f"`{format_version(v, scheme)}`" for v in expected)
            bag.add("PC403", f"Revision `{revision.version}` cannot follow `{model.version}`",
                    doc.span("open_revision", "version"), help=f"After `{model.version}` comes {allowed}")
        decisions(doc, revision, roles, corpus, bag)


def _state(code: str, revision: OpenRevision, roles: list[str], content: str) -> str:
    current = revision.current()
    approved = [r for r in roles if r in current and current[r][1].decision == "approved"
                and current[r][1].content == content]
    rejected = [r for r in roles if r in current and current[r][1].decision == "rejected"]
    waiting = [r for r in roles if r not in approved and r not in rejected]
    request = f" ({revision.request})" if revision.request else ""
    parts = [f"{len(approved)} of {len(roles)} roles approved"]
    if rejected:
        parts.append("rejected by " + ", ".join(f"`{r}` ({current[r][1].by})" for r in rejected))
    if waiting:
        parts.append("waiting for " + ", ".join(f"`{r}`" for r in waiting))
    return f"Revision `{revision.version}` of `{code}` is open{request}: {'; '.join(parts)}"


def decisions(doc: AnyDoc, revision: OpenRevision, roles: list[str], corpus: Corpus, bag: Diagnostics) -> None:
    content = fingerprint(doc.source.data)
    for i, decision in enumerate(revision.decisions):
        where = ("open_revision", "decisions", i)
        if decision.role not in roles:
            bag.add("PC203", f"Unknown approval role `{decision.role}`", doc.span(*where, "role"),
                    help=did_you_mean(decision.role, roles) or f"Approval roles: {', '.join(roles)}")
        if decision.date < revision.opened:
            bag.add("PC404", f"`{decision.role}` decided on {decision.date}, before the revision was opened "
                    f"({revision.opened})", doc.span(*where, "date"))
    current = revision.current()
    for role, (i, decision) in current.items():
        if decision.decision == "approved" and decision.content != content:
            bag.add("PC417", f"The `{role}` approval by {decision.by} ({decision.date}) was given for other "
                    "content; the document changed after it", doc.span("open_revision", "decisions", i, "content"),
                    help=f"Ask {decision.by} to approve again: `proccompile approve {doc.model.code} --role {role} "
                         f"--by {decision.by}`")
    approved = {role: d.by for role, (_, d) in current.items() if d.decision == "approved"}
    allowed = [(a, b) for a, b in corpus.config.change_control.same_signer]
    for first, second, name in separation_conflicts(roles, allowed, revision.author, approved):
        index = current[second][0] if second in current else current[first][0]
        bag.add("PC418", f"{name} signs both as `{first}` and as `{second}`",
                doc.span("open_revision", "decisions", index, "by"),
                help="Ask someone else to sign one of the roles, or allow the pair under "
                     "`change_control.same_signer` in proccompile.yaml (never the author and the approver)")


def in_force_copies(corpus: Corpus, bag: Diagnostics) -> None:
    """A released document with an open revision has its released content stored in `in-force/` (PC419), as
    the lock file recorded it."""
    for doc in corpus.named:
        names = doc.names
        if names.open_revision is None or names.status != "released":
            continue
        stored = corpus.in_force_named.get(names.code)
        where = doc.span("open_revision", key=True)
        if stored is None:
            if names.code not in corpus.broken_in_force:
                bag.add("PC419", f"The version in force of `{names.code}` (`{names.version}`) is not stored in "
                        f"`in-force/{doc.source.rel}`", where)
            continue
        kept = stored.names
        opened = (Related(where, "revision opened here"),)
        if (kept.code, kept.version, kept.status) != (names.code, names.version, "released"):
            bag.add("PC419", f"`{stored.source.rel}` holds `{kept.code}` `{kept.version}` ({kept.status}), not "
                    f"the released `{names.code}` `{names.version}`", stored.span("version"), related=opened)
            continue
        entry = corpus.lock.versions(names.code).get(names.version) if corpus.lock else None
        if entry is not None and entry.fingerprint not in kept.fingerprints:
            bag.add("PC419", f"`{stored.source.rel}` differs from the released `{names.code}` `{names.version}` "
                    "recorded in the lock file", stored.span("version"), related=opened)
