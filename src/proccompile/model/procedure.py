"""The procedure (程序文件) model: one controlled procedure per YAML file."""

from __future__ import annotations

from pydantic import Field

from proccompile.model.chapters import (
    END,
    Attachment,
    Commitment,
    Decision,
    Outcome,
    RecordEntry,
    Responsibility,
    Section,
    Step,
    StepTable,
    Term,
)
from proccompile.model.control import Approval, Revision, Status
from proccompile.model.document import ChapteredDocument, ChapterSpec
from proccompile.model.types import DeptRef, DocCode, Text

# The content models moved to model/chapters.py (every chaptered type uses them); code that imported
# them from here keeps working.
__all__ = ["END", "Approval", "Attachment", "Commitment", "Decision", "Outcome", "Procedure", "RecordEntry",
           "Responsibility", "Revision", "Section", "Status", "Step", "StepTable", "Term"]


class Procedure(ChapteredDocument):
    """A controlled procedure (程序文件)."""

    KIND = "procedure"
    CHAPTERS = (
        ChapterSpec("purpose", "text"),
        ChapterSpec("scope", "text"),
        ChapterSpec("terms", "terms"),
        ChapterSpec("responsibilities", "responsibilities"),
        ChapterSpec("process", "steps"),
        ChapterSpec("commitments", "commitments", when_empty="omit"),
        ChapterSpec("related", "related", field="related_documents"),
        ChapterSpec("attachments", "attachments"),
        ChapterSpec("records", "records"),
    )

    owner: DeptRef
    """Department that owns (归口) the procedure."""
    purpose: Text
    """Why the procedure exists (目的)."""
    scope: Text
    """What and whom it applies to (范围)."""
    terms: list[Term] = []
    """Terms and definitions (术语和定义); printed as 无 when empty."""
    responsibilities: list[Responsibility] = Field(min_length=1)
    """Duties by department (职责)."""
    process: list[Section] = Field(min_length=1)
    """The procedure itself (工作程序): subsections of numbered steps."""
    commitments: list[Commitment] = []
    """Service commitments and KPIs."""
    related_documents: list[DocCode] = []
    """Codes of procedures in the corpus or registered external documents, never with a version."""
    records: list[RecordEntry] = []
    """Records table (记录): every record a step produces, with keeper and retention."""
    attachments: list[Attachment] = []
    """Attachments (附件); printed as 无 when empty."""
