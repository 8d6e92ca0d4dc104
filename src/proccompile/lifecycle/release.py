"""Plan a release: the next version, its revision entry, dates and signatures, as edits of the file's own tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.yamledit import append_item, block, set_key, set_keys
from proccompile.load.house_format import house_yaml
from proccompile.model import ProjectConfig
from proccompile.model.control import Copy
from proccompile.model.corpus import AnyDocument
from proccompile.model.versions import format_version, next_version, parse_version

# Where new control keys go in a file that lacks them: right after the identifying lines at the top.
_TOP = ("status", "version")


@dataclass(frozen=True)
class ReleaseRequest:
    change: str
    date: dt.date
    by: str | None = None
    effective: dt.date | None = None
    major: bool = False
    approved_by: str | None = None
    reviewed_by: str | None = None


@dataclass(frozen=True)
class Release:
    code: str
    old_version: str
    version: str
    was_draft: bool
    tree: Any
    recalled: tuple[Copy, ...]
    """Controlled copies of the previous version that must be withdrawn from use."""


def plan_release(doc: AnyDocument, config: ProjectConfig, req: ReleaseRequest) -> Release:
    """The edited tree of ``doc`` released as ``req`` asks; raises UsageError when it cannot be released."""
    model, scheme = doc.model, config.versions
    if model.status == "obsolete":
        raise UsageError(f"`{model.code}` is obsolete; a withdrawn document is not released again", exit_code=1,
                         help="Give the document that replaces it a new code, and release that")
    was_draft = model.status == "draft"
    current = parse_version(model.version, scheme)
    if current is None:  # check refuses this first; kept for a caller that skipped it
        raise UsageError(f"`{model.code}` has version `{model.version}` outside the version scheme", exit_code=1)
    if was_draft:
        version = model.version
    else:
        number = next_version(current, scheme, major=req.major)
        if number is None:
            raise UsageError(f"`{model.code}` `{model.version}` has no next version in the {scheme.style} scheme",
                             exit_code=1, help="Give the document a new code")
        version = format_version(number, scheme)
    if model.revisions and req.date < model.revisions[-1].date:
        raise UsageError(f"Release date {req.date} is before the last revision ({model.revisions[-1].date})",
                         exit_code=1, help="Give --date on or after the last revision date")
    effective = req.effective or req.date
    if effective < req.date:
        raise UsageError(f"Effective date {effective} is before the issue date {req.date}", exit_code=2,
                         help="A document takes effect on or after the day it is issued")

    if not was_draft and config.signatures == "typed":
        _require_signers(config, req)
    tree = house_yaml().load(doc.source.text)
    author = req.by or (model.revisions[-1].author if model.revisions else None)
    if author is None:
        raise UsageError(f"`{model.code}` has no revision history to take an author from", help="Give --by NAME")
    set_key(tree, "version", version)
    set_key(tree, "status", "released", after=("version",))
    set_keys(tree, [("issued", req.date), ("effective", effective)], after=_TOP)
    if config.signatures == "by-hand":
        _date_for_hand(tree, config, req, keep=was_draft)
    else:
        _sign(tree, config, req)
    entry = {"version": version, "date": req.date, "change": req.change, "author": author}
    revisions = tree.get("revisions")
    if isinstance(revisions, CommentedSeq) and revisions and was_draft and model.revisions[-1].version == version:
        last = revisions[-1]  # the draft's own entry becomes the release entry
        for key, value in entry.items():
            set_key(last, key, value)
    elif isinstance(revisions, CommentedSeq):
        append_item(revisions, block(entry))
    else:
        set_key(tree, "revisions", block([entry]), after=("approvals", "effective", "issued", *_TOP))
    recalled = () if was_draft else tuple(model.distribution)
    return Release(model.code, model.version, version, was_draft, tree, recalled)


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
                         help=f"Give {' '.join(f'{o} NAME' for o in wanted)}")


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
        if role in named:  # the signer named now signs now
            set_key(current, "name", named[role])
            set_key(current, "date", req.date, after=("name", "role"))
            continue
        if not keep and "name" in current:
            del current["name"]
        if not (keep and current.get("date")):
            set_key(current, "date", req.date, after=("name", "role"))


def _sign(tree: CommentedMap, config: ProjectConfig, req: ReleaseRequest) -> None:
    named = signers(config, req)
    if not named:
        return
    if not isinstance(tree.get("approvals"), CommentedMap):
        set_key(tree, "approvals", CommentedMap(), after=("effective", "issued", *_TOP))
    approvals = tree["approvals"]
    roles = [r.id for r in config.approval_roles]
    for role, name in named.items():
        earlier = list(reversed(roles[: roles.index(role)]))
        if isinstance(approvals.get(role), CommentedMap):
            set_key(approvals[role], "name", name)
            set_key(approvals[role], "date", req.date, after=("name",))
        else:
            set_key(approvals, role, block({"name": name, "date": req.date}), after=earlier)
