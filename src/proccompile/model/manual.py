"""The quality manual (质量手册): policy, scope and one chapter per clause of the clause set, citing procedures."""

from __future__ import annotations

from pydantic import Field

from proccompile.model.chapters import Attachment, ClauseChapter, Term
from proccompile.model.document import ChapteredDocument, ChapterSpec
from proccompile.model.types import DocCode, Text


class Manual(ChapteredDocument):
    """A quality manual (质量手册), the top of the document pyramid."""

    KIND = "manual"
    CHAPTERS = (
        ChapterSpec("foreword", "text", when_empty="omit", numbered=False),
        ChapterSpec("policy", "text", numbered=False),
        ChapterSpec("objectives", "list", when_empty="omit", numbered=False),
        ChapterSpec("scope", "scope"),
        ChapterSpec("references", "related", field="related_documents"),
        ChapterSpec("terms", "terms"),
        ChapterSpec("clauses", "clauses", numbered=False),
        ChapterSpec("appendices", "attachments", field="attachments", when_empty="omit", numbered=False),
    )

    foreword: Text | None = None
    """Release statement of top management (颁布令): what the manual is and that it is binding."""
    policy: Text
    """The quality policy (质量方针) as top management set it; blank lines separate paragraphs."""
    objectives: list[Text] = []
    """Quality objectives (质量目标), one per item, each with the target the company committed to."""
    scope: Text
    """Scope of the quality management system (范围): products, sites and processes it covers. Clauses that do not
    apply are printed after it from `audit.exclusions` in proccompile.yaml."""
    related_documents: list[DocCode] = []
    """Normative references (规范性引用文件): codes of registered external documents, e.g. GB/T 19001-2016."""
    terms: list[Term] = []
    """Terms and definitions (术语和定义); printed as 无 when empty."""
    clauses: list[ClauseChapter] = Field(min_length=1)
    """One entry per clause the manual describes, in clause order; a top-level clause (4 … 10) is printed as a
    chapter, a subclause under it."""
    attachments: list[Attachment] = []
    """Appendices (附录), e.g. the process map or the organisation chart."""
