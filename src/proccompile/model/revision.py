"""An open revision: the next version of a document being drafted, reviewed and approved while the
version in force stays the controlled copy; and the signers' decisions, each bound to the content it saw."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from pydantic import Field

from proccompile.model.base import StrictModel
from proccompile.model.types import DeptId, Text, Version

if TYPE_CHECKING:
    from proccompile.model.document import ControlledDocument

M = TypeVar("M", bound="ControlledDocument")
Fingerprint = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]


class Decision(StrictModel):
    role: DeptId
    """Approval role the signer acts in (an id of `approval_roles`), e.g. reviewed."""
    decision: Literal["approved", "rejected"]
    """approved, or rejected (with a comment saying why)."""
    by: Text
    """Who signed, as printed on the document."""
    date: dt.date
    """The day the signer decided."""
    comment: Text | None = None
    """What the signer said, e.g. the condition of an approval or the reason for a rejection."""
    content: Fingerprint
    """Fingerprint of the document's content the signer saw; a later edit voids the decision."""
    recorded_by: Text
    """Who ran `proccompile approve` or `reject`: the git identity, else the operating-system user."""


class OpenRevision(StrictModel):
    version: Version
    """The version this revision will be released as, e.g. B/1."""
    change: Text
    """What changes and why, for the revision history."""
    request: Text | None = None
    """Change request (变更申请) number the revision answers, e.g. CR-2026-014."""
    author: Text | None = None
    """Who drafts the change (default: the signer of the first approval role)."""
    opened: dt.date
    """The day the revision was opened."""
    decisions: list[Decision] = []
    """Approvals and rejections in the order they were recorded; the last one of each role counts."""

    def current(self) -> dict[str, tuple[int, Decision]]:
        """Each role's last decision, with its index in `decisions`."""
        latest: dict[str, tuple[int, Decision]] = {}
        for i, decision in enumerate(self.decisions):
            latest[decision.role] = (i, decision)
        return latest


def separation_conflicts(roles: list[str], allowed: list[tuple[str, str]], author: str | None,
                         signers: dict[str, str]) -> list[tuple[str, str, str]]:
    """(earlier role, later role, name) for every pair of roles signed by one person that the project does
    not allow; the author counts as a signer of the first role."""
    names = dict(signers)
    people: list[tuple[str, str]] = [(role, names[role]) for role in roles if role in names]
    if author and roles and names.get(roles[0]) != author:
        people.insert(0, (roles[0], author))
    permitted = {frozenset(pair) for pair in allowed}
    conflicts = []
    for i, (first, name) in enumerate(people):
        for second, other in people[i + 1:]:
            if name == other and first != second and frozenset((first, second)) not in permitted:
                conflicts.append((first, second, name))
    return conflicts


def under_review(model: M) -> M:
    """``model`` as its open revision would issue it, for the review draft: the planned version and revision
    entry (no issue date yet), no signatures or dates of the version in force. Not validated: a view only."""
    from proccompile.model.control import Revision

    revision = model.open_revision
    assert revision is not None
    entry = Revision.model_construct(version=revision.version, date=None, change=revision.change,
                                     author=revision.author or "", request=revision.request, signatures=None)
    return model.model_copy(update={"version": revision.version, "status": "draft", "issued": None,
                                    "effective": None, "approvals": {}, "revisions": [*model.revisions, entry],
                                    "distribution": [], "reviews": []})
