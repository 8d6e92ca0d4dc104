"""Plan a release: the next version, its revision entry, dates and signatures, as edits of the file's own tree.

An open revision is released with the signatures its signers recorded (`proccompile approve`), each
with their own name and date. Without one, the names given on the command line are transcribed from
a paper record, and the revision entry says so; a project that signs by hand (`signatures: by-hand`)
dates every role and leaves each name it was not given blank for the pen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.yamledit import append_item, block, set_key, set_keys
from proccompile.load.house_format import house_yaml
from proccompile.model import ProjectConfig
from proccompile.model.control import Copy
from proccompile.model.corpus import AnyDocument
from proccompile.model.revision import OpenRevision
from proccompile.model.versions import format_version, next_version, parse_version

# Where new control keys go in a file that lacks them: right after the identifying lines at the top.
_TOP = ("status", "version")


@dataclass(frozen=True)
class ReleaseRequest:
    change: str | None
    date: dt.date
    by: str | None = None
    effective: dt.date | None = None
    major: bool = False
    approved_by: str | None = None
    reviewed_by: str | None = None
    request: str | None = None

    @property
    def transcribes(self) -> bool:
        """Whether signers are named on the command line (copied from paper) rather than recorded."""
        return any((self.by, self.reviewed_by, self.approved_by))


@dataclass(frozen=True)
class Signature:
    name: str
    date: dt.date
    comment: str | None = None
    recorded_by: str | None = None


@dataclass(frozen=True)
class Release:
    code: str
    old_version: str
    version: str
    was_draft: bool
    tree: Any
    recalled: tuple[Copy, ...]
    """Controlled copies of the previous version that must be withdrawn from use."""
    signatures: Literal["recorded", "transcribed", "by-hand"]
    """How the signatures came: recorded with `approve`, transcribed at release, or left to the pen (by-hand)."""
    signed: dict[str, Signature]
    """The signature of each approval role as the release writes it."""
    change: str


def plan_release(doc: AnyDocument, config: ProjectConfig, req: ReleaseRequest) -> Release:
    """The edited tree of ``doc`` released as ``req`` asks; raises UsageError when it cannot be released.

    The release gate (lifecycle/gate.py) has already judged signatures and content; this plans the edit.
    """
    model, scheme = doc.model, config.versions
    if model.status == "obsolete":
        raise UsageError(f"`{model.code}` is obsolete; a withdrawn document is not released again", exit_code=1,
                         help="Give the document that replaces it a new code, and release that")
    was_draft = model.status == "draft"
    current = parse_version(model.version, scheme)
    if current is None:  # check refuses this first; kept for a caller that skipped it
        raise UsageError(f"`{model.code}` has version `{model.version}` outside the version scheme", exit_code=1)
    revision = model.open_revision
    if revision is not None:
        if req.transcribes:
            raise UsageError(f"Revision `{revision.version}` of `{model.code}` is open: its signatures are the ones "
                             "recorded with `proccompile approve`, not names given to release",
                             help="Leave out --by, --reviewed-by and --approved-by")
        if req.major:
            raise UsageError("--major is chosen when the revision is opened (`proccompile revise --major`)")
        version, change = revision.version, req.change or revision.change
        signed = recorded_signatures(config, revision)
        latest = max((s.date for s in signed.values()), default=req.date)
        if req.date < latest:
            raise UsageError(f"Release date {req.date} is before the last approval ({latest})", exit_code=1,
                             help="A document is issued after it is approved")
    else:
        if not req.change:
            raise UsageError(f"`{model.code}` has no open revision, so --change must say what changed",
                             help=f"Open a revision with `proccompile revise {model.code}`, or give --change")
        change = req.change
        if was_draft:
            version = model.version
        else:
            number = next_version(current, scheme, major=req.major)
            if number is None:
                raise UsageError(f"`{model.code}` `{model.version}` has no next version in the {scheme.style} "
                                 "scheme", exit_code=1, help="Give the document a new code")
            version = format_version(number, scheme)
            if config.signatures == "typed":  # signed by hand, the names are on the printed copy
                _require_signers(config, req)
        signed = {role: Signature(name, req.date) for role, name in signers(config, req).items()}
    if model.revisions and req.date < model.revisions[-1].date:
        raise UsageError(f"Release date {req.date} is before the last revision ({model.revisions[-1].date})",
                         exit_code=1, help="Give --date on or after the last revision date")
    effective = req.effective or req.date
    if effective < req.date:
        raise UsageError(f"Effective date {effective} is before the issue date {req.date}", exit_code=2,
                         help="A document takes effect on or after the day it is issued")

    tree = house_yaml().load(doc.source.text)
    roles = [r.id for r in config.approval_roles]
    author = (revision.author if revision else req.by) or (signed[roles[0]].name if roles[0] in signed else None) \
        or (model.revisions[-1].author if model.revisions else None)
    if author is None:
        raise UsageError(f"`{model.code}` has no revision history to take an author from", help="Give --by NAME")
    set_key(tree, "version", version)
    set_key(tree, "status", "released", after=("version",))
    set_keys(tree, [("issued", req.date), ("effective", effective)], after=_TOP)
    kind: Literal["recorded", "transcribed", "by-hand"] = "recorded" if revision is not None else \
        "by-hand" if config.signatures == "by-hand" and not signed else "transcribed"
    if revision is None and config.signatures == "by-hand":
        _date_for_hand(tree, config, req, keep=was_draft)
    else:
        _sign(tree, config, signed, replace=revision is not None)
    entry: dict[str, object] = {"version": version, "date": req.date, "change": change, "author": author}
    request = (revision.request if revision else None) or req.request
    if request:
        entry["request"] = request
    if kind != "by-hand":  # no name recorded or transcribed: nothing to say how signatures were taken
        entry["signatures"] = kind
    revisions = tree.get("revisions")
    if isinstance(revisions, CommentedSeq) and revisions and was_draft and model.revisions[-1].version == version:
        last = revisions[-1]  # the draft's own entry becomes the release entry
        for key, value in entry.items():
            set_key(last, key, value)
    elif isinstance(revisions, CommentedSeq):
        append_item(revisions, block(entry))
    else:
        set_key(tree, "revisions", block([entry]), after=("approvals", "effective", "issued", *_TOP))
    tree.pop("open_revision", None)
    recalled = () if was_draft else tuple(model.distribution)
    return Release(model.code, model.version, version, was_draft, tree, recalled, kind, signed, change)


def recorded_signatures(config: ProjectConfig, revision: OpenRevision) -> dict[str, Signature]:
    """Each role's last decision, when it is an approval, as the signature the release writes."""
    signed = {}
    for role, (_, decision) in revision.current().items():
        if decision.decision == "approved" and role in {r.id for r in config.approval_roles}:
            signed[role] = Signature(decision.by, decision.date, decision.comment, decision.recorded_by)
    return signed


def signers(config: ProjectConfig, req: ReleaseRequest) -> dict[str, str]:
    """Approval role → name from the options: --by the first role, --approved-by the last, --reviewed-by between."""
    roles = [r.id for r in config.approval_roles]
    named: dict[str, str] = {}
    for i, role in enumerate(roles):
        name = req.by if i == 0 else req.approved_by if i == len(roles) - 1 else req.reviewed_by
        if name:
            named[role] = name
    return named


def _require_signers(config: ProjectConfig, req: ReleaseRequest) -> None:
    # The previous version's signatures approved the previous content; a new version is signed anew.
    roles = [r.id for r in config.approval_roles]
    named = signers(config, req)
    missing = [role for role in roles if role not in named]
    if missing:
        options = {roles[0]: "--by", roles[-1]: "--approved-by"}
        wanted = sorted({options.get(role, "--reviewed-by") for role in missing}, key=["--by", "--reviewed-by",
                                                                                       "--approved-by"].index)
        raise UsageError(f"A new version needs every signature; nobody signs as {', '.join(missing)}",
                         help=f"Record them with `proccompile revise` and `proccompile approve`, or transcribe a "
                              f"paper record: {' '.join(f'{o} NAME' for o in wanted)}")


def _date_for_hand(tree: CommentedMap, config: ProjectConfig, req: ReleaseRequest, *, keep: bool) -> None:
    """Signed by hand: every role gets the release date (a draft keeps the dates it has), and a name only when
    one is given; a new version drops the names of whoever signed the version before."""
    named = signers(config, req)
    if not isinstance(tree.get("approvals"), CommentedMap):
        set_key(tree, "approvals", CommentedMap(), after=("effective", "issued", *_TOP))
    approvals = tree["approvals"]
    roles = [r.id for r in config.approval_roles]
    for role in roles:
        current = approvals.get(role)
        if not isinstance(current, CommentedMap):
            entry = {"name": named[role], "date": req.date} if role in named else {"date": req.date}
            set_key(approvals, role, block(entry), after=list(reversed(roles[: roles.index(role)])))
            continue
        if not keep:  # the previous version's signer and their comment do not carry over
            for key in ("name", "comment", "recorded_by"):
                current.pop(key, None)
        if role in named:  # the signer named now signs now
            set_key(current, "name", named[role])
            set_key(current, "date", req.date, after=("name", "role"))
            continue
        if not (keep and current.get("date")):
            set_key(current, "date", req.date, after=("name", "role"))


def _sign(tree: CommentedMap, config: ProjectConfig, signed: dict[str, Signature], *, replace: bool) -> None:
    """Write each signature; with ``replace`` (recorded signatures) what the previous signer left — a comment,
    a recorder, a job title that was someone else's — goes with them."""
    if not signed:
        return
    if not isinstance(tree.get("approvals"), CommentedMap):
        set_key(tree, "approvals", CommentedMap(), after=("effective", "issued", *_TOP))
    approvals = tree["approvals"]
    roles = [r.id for r in config.approval_roles]
    for role, signature in sorted(signed.items(), key=lambda item: roles.index(item[0]) if item[0] in roles else 0):
        values: dict[str, object] = {"name": signature.name, "date": signature.date}
        if signature.comment:
            values["comment"] = signature.comment
        if signature.recorded_by:
            values["recorded_by"] = signature.recorded_by
        earlier = list(reversed(roles[: roles.index(role)])) if role in roles else []
        old = approvals.get(role)
        if isinstance(old, CommentedMap):
            if replace:
                for key in [k for k in old if k not in values and not (k == "title" and old["name"] == signature.name)]:
                    del old[key]
            if "name" not in old:  # an approval signed by hand so far: the recorded name comes first
                old.insert(0, "name", values["name"])
            anchors = ["name"]
            for key, value in values.items():
                set_key(old, key, value, after=anchors)
                anchors = [key, *anchors]
        else:
            set_key(approvals, role, block(values), after=earlier)
