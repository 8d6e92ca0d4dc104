"""The one model base of every controlled document (identity and document control), and of chaptered ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from proccompile.model.base import StrictModel
from proccompile.model.chapters import FreeChapter
from proccompile.model.control import Approval, Copy, Review, Revision, Status, Withdrawal
from proccompile.model.revision import OpenRevision
from proccompile.model.types import Clause, DeptRef, DocCode, DurationField, Paper, Text, Version

ChapterKind = Literal["text", "list", "terms", "responsibilities", "steps", "operations", "table", "commitments",
                      "related", "attachments", "records", "clauses", "scope", "free", "form"]
# What an empty chapter prints: "none" its heading and 无, "omit" nothing (the chapters after it move up).
WhenEmpty = Literal["none", "omit"]


@dataclass(frozen=True)
class ChapterSpec:
    """One chapter of a type: ``id`` names it in numbering, wording and `chapter_order`; ``field`` is the YAML
    key that holds its content (the same, but for the procedure's `related_documents`)."""

    id: str
    kind: ChapterKind
    field: str = ""
    when_empty: WhenEmpty = "none"
    numbered: bool = True
    """False for front matter printed without a number (a manual's 颁布令), and for a chapter kind that prints its
    own numbers (a manual's clause chapters)."""
    index: int | None = None
    """For a free chapter: its place under the document's `chapters`."""
    title: str | None = None
    """The heading, when not the wording label of ``id`` (free chapters, project-defined types)."""

    @property
    def key(self) -> str:
        return self.field or self.id


class ControlledDocument(StrictModel):
    """What document control reads of any document, whatever its type: identity, status, dates, signatures,
    revisions, reviews, issued copies and withdrawal."""

    KIND: ClassVar[str] = ""
    """The id of the document type the model belongs to (procedure, form, manual …)."""
    CHAPTERS: ClassVar[tuple[ChapterSpec, ...]] = ()
    """The type's chapters in their standard order."""

    code: DocCode
    """Document code in the type's house pattern, without version or year."""
    title: Text
    """Document title, without code or version."""
    version: Version
    """Current version in the project's scheme, e.g. A/0 (edition letter / amendment number)."""
    status: Status
    """draft (being written), released (in force) or obsolete (withdrawn)."""
    issued: dt.date | None = None
    """Issue date (发布日期); required once released."""
    effective: dt.date | None = None
    """Effective date (实施日期), on or after the issue date; required once released."""
    owner: DeptRef
    """Department that owns (归口) the document."""
    page: Paper | None = None
    """Paper size, when not the project's `page`: A4 or Letter."""
    company: DeptRef | None = None
    """Id of the legal entity (under `companies` in proccompile.yaml) the document belongs to, when not the
    project's `company`; its name heads the document's pages."""
    approvals: dict[str, Approval] = {}
    """Signatures by approval role id (prepared, reviewed, approved by default)."""
    revisions: list[Revision] = []
    """Revision history, oldest first; the last entry is the current version."""
    review_interval: DurationField | None = None
    """How often this document is reviewed, when not the project's `review_interval`."""
    reviews: list[Review] = []
    """Periodic reviews recorded without a new version (`proccompile review`), oldest first."""
    distribution: list[Copy] = []
    """Controlled copies issued, by department and copy number; recalled when a new version is released."""
    withdrawn: Withdrawal | None = None
    """Withdrawal date and reason once the document is obsolete (`proccompile retire`)."""
    open_revision: OpenRevision | None = None
    """The next version being drafted and approved (`proccompile revise`); the version in force stays the
    controlled copy until `proccompile release`."""


class ChapteredDocument(ControlledDocument):
    """A document printed as numbered chapters (all but blank forms): its type's chapters, and free ones."""

    revisions: list[Revision] = Field(min_length=1)
    """Revision history, oldest first; the last entry is the current version."""
    iso_clauses: list[Clause] = []
    """Clauses of the project's clause set (audit.clause_set) the document addresses, printed on its cover."""
    chapters: list[FreeChapter] = []
    """Chapters of the document's own (概述, 重要性 …), each placed `before` or `after` a chapter of its type."""
    chapter_order: list[str] = []
    """The type's chapter ids in the order this document prints them, when not the project's order; list every
    one, e.g. commitments as the third of a procedure's."""
