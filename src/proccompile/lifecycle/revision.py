"""Plan the edits of an open revision: open it (storing the version in force), record a decision, cancel it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.history import find_version
from proccompile.lifecycle.yamledit import append_item, block, set_key
from proccompile.load.discover import IN_FORCE_DIR
from proccompile.load.house_format import house_yaml
from proccompile.load.yaml import load_yaml
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.fingerprint import fingerprint, same_content
from proccompile.model.revision import separation_conflicts
from proccompile.model.versions import format_version, next_version, parse_version

AnyDoc = AnyDocument
# An open revision goes right after the revision history it will extend.
_AFTER = ("revisions", "approvals", "effective", "issued", "status", "version")


@dataclass(frozen=True)
class RevisionRequest:
    change: str
    date: dt.date
    request: str | None = None
    by: str | None = None
    major: bool = False


@dataclass(frozen=True)
class Opened:
    version: str
    tree: Any
    in_force: bytes | None
    """The released file to store under `in-force/` (None for a draft: nothing is in force yet)."""
    from_history: str | None = None
    """The git commit the released content was taken from, when the working file already held edits."""


def in_force_path(root: Path, doc: AnyDoc) -> Path:
    return root / IN_FORCE_DIR / doc.source.rel


def plan_open(root: Path, corpus: Corpus, doc: AnyDoc, req: RevisionRequest) -> Opened:
    """The file's tree with an `open_revision`, and the released content to keep as the controlled copy."""
    model, scheme = doc.model, corpus.config.versions
    if model.open_revision is not None:
        raise UsageError(f"`{model.code}` already has revision `{model.open_revision.version}` open", exit_code=1,
                         help=f"Release it, or cancel it with `proccompile revise {model.code} --cancel`")
    if model.status == "obsolete":
        raise UsageError(f"`{model.code}` is obsolete; a withdrawn document is not revised", exit_code=1,
                         help="Give the document that replaces it a new code")
    current = parse_version(model.version, scheme)
    if current is None:
        raise UsageError(f"`{model.code}` has version `{model.version}` outside the version scheme", exit_code=1)
    if model.status == "draft":
        version, stored, commit = model.version, None, None
    else:
        number = next_version(current, scheme, major=req.major)
        if number is None:
            raise UsageError(f"`{model.code}` `{model.version}` has no next version in the {scheme.style} scheme",
                             exit_code=1, help="Give the document a new code")
        version = format_version(number, scheme)
        stored, commit = _released_bytes(root, corpus, doc)
    if model.revisions and req.date < model.revisions[-1].date:
        raise UsageError(f"Date {req.date} is before the last revision ({model.revisions[-1].date})", exit_code=1)
    entry: dict[str, object] = {"version": version, "change": req.change}
    if req.request:
        entry["request"] = req.request
    if req.by:
        entry["author"] = req.by
    entry["opened"] = req.date
    tree = house_yaml().load(doc.source.text)
    set_key(tree, "open_revision", block(entry), after=_AFTER)
    return Opened(version, tree, stored, commit)


def _released_bytes(root: Path, corpus: Corpus, doc: AnyDoc) -> tuple[bytes, str | None]:
    """The file as it was released: the working file while it still holds the locked content, else the
    newest git commit of it that does; without a lock entry the working file is taken as released."""
    model = doc.model
    entry = corpus.lock.versions(model.code).get(model.version) if corpus.lock else None
    raw = doc.source.text.encode("utf-8")
    if entry is None or same_content(doc.source.data, entry.fingerprint, form=doc.kind == "form"):
        return (b"\xef\xbb\xbf" if doc.source.bom else b"") + raw, None

    def is_release(data: bytes) -> bool:
        source = load_yaml(doc.source.path, doc.source.rel, _quiet(), raw=data)
        return source.data is not None and same_content(source.data, entry.fingerprint, form=doc.kind == "form")

    try:
        commit = find_version(root, doc.source.rel, is_release)
    except UsageError:  # not a git project, or git is missing
        commit = None
    if commit is None:
        raise UsageError(f"`{doc.source.rel}` was edited since `{model.version}` was released, and the released "
                         "content is not in its git history", exit_code=1,
                         help="Undo the edits (keep a copy), run `proccompile revise` again, then redo them")
    from proccompile.lifecycle.history import file_at

    return file_at(root, commit, doc.source.rel), commit


def _quiet() -> Any:
    from proccompile.diagnostics import Diagnostics

    return Diagnostics()


def plan_cancel(root: Path, doc: AnyDoc, stored: AnyDoc | None) -> Any:
    """The file without its open revision. Refused while the working file holds edits: cancelling never
    throws work away, so they are undone by hand (the stored released file is there to copy back)."""
    model = doc.model
    if model.open_revision is None:
        raise UsageError(f"`{model.code}` has no open revision to cancel", exit_code=1)
    if stored is not None and fingerprint(stored.source.data) != fingerprint(doc.source.data):
        path = in_force_path(root, doc)
        raise UsageError(f"`{doc.source.rel}` holds edits made under revision `{model.open_revision.version}`; "
                         "cancelling would leave them as unreleased changes", exit_code=1,
                         help=f"Keep a copy if you need them, then put the released file back: "
                              f"`cp {path.relative_to(root).as_posix()} {doc.source.rel}`")
    tree = house_yaml().load(doc.source.text)
    tree.pop("open_revision", None)
    return tree


@dataclass(frozen=True)
class DecisionRequest:
    role: str
    decision: str  # approved | rejected
    by: str
    date: dt.date
    comment: str | None
    recorded_by: str


def plan_decision(corpus: Corpus, doc: AnyDoc, req: DecisionRequest, today: dt.date) -> Any:
    """The file's tree with one more decision on its open revision, bound to the content as it is now."""
    model = doc.model
    revision = model.open_revision
    if revision is None:
        raise UsageError(f"`{model.code}` has no open revision to {req.decision[:-1]}", exit_code=1,
                         help=f"Open one first: `proccompile revise {model.code} --change '…'`")
    roles = [r.id for r in corpus.config.approval_roles]
    if req.role not in roles:
        raise UsageError(f"`{req.role}` is not an approval role of this project", help=f"Roles: {', '.join(roles)}")
    if req.date > today:
        raise UsageError(f"Date {req.date} is after today ({today}); a decision is recorded when it is made",
                         exit_code=1)
    if req.date < revision.opened:
        raise UsageError(f"Date {req.date} is before the revision was opened ({revision.opened})", exit_code=1)
    content = fingerprint(doc.source.data)
    if req.decision == "approved":
        current = revision.current()
        pending = [role for role in roles[: roles.index(req.role)]
                   if role not in current or current[role][1].decision != "approved"
                   or current[role][1].content != content]
        if pending:
            raise UsageError(f"`{pending[0]}` has not approved the content as it is now; roles sign in order: "
                             f"{', '.join(roles)}", exit_code=1,
                             help=f"`{req.role}` signs after `{pending[-1]}` has approved this content")
        signers = {role: d.by for role, (_, d) in revision.current().items()
                   if d.decision == "approved" and role != req.role}
        signers[req.role] = req.by
        allowed = [(a, b) for a, b in corpus.config.change_control.same_signer]
        conflicts = separation_conflicts(roles, allowed, revision.author, signers)
        if conflicts:
            first, second, name = conflicts[0]
            raise UsageError(f"{name} would sign both as `{first}` and as `{second}`, which this project keeps "
                             "apart", exit_code=1,
                             help="Another person signs one of the roles (change_control.same_signer lists the "
                                  "pairs one person may sign)")
    entry: dict[str, object] = {"role": req.role, "decision": req.decision, "by": req.by, "date": req.date}
    if req.comment:
        entry["comment"] = req.comment
    entry["content"] = content
    entry["recorded_by"] = req.recorded_by
    tree = house_yaml().load(doc.source.text)
    opened = tree["open_revision"]
    assert isinstance(opened, CommentedMap)
    decisions = opened.get("decisions")
    if isinstance(decisions, CommentedSeq):
        append_item(decisions, block(entry))
    else:
        set_key(opened, "decisions", block([entry]))
    return tree
