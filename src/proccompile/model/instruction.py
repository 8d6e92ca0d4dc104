"""The work instruction (作业指导书): how one job is done, step by step, with pictures, key points and parameters."""

from __future__ import annotations

from pydantic import Field

from proccompile.model.chapters import DataTable, Operation, RecordEntry
from proccompile.model.document import ChapteredDocument, ChapterSpec
from proccompile.model.types import DocCode, Text


class Instruction(ChapteredDocument):
    """A work instruction (作业指导书), the level below the procedures."""

    KIND = "instruction"
    CHAPTERS = (
        ChapterSpec("purpose", "text"),
        ChapterSpec("scope", "text"),
        ChapterSpec("equipment", "list"),
        ChapterSpec("safety", "list", when_empty="omit"),
        ChapterSpec("operations", "operations"),
        ChapterSpec("parameters", "table", when_empty="omit"),
        ChapterSpec("related", "related", field="related_documents"),
        ChapterSpec("records", "records"),
    )

    purpose: Text
    """Why the instruction exists (目的)."""
    scope: Text
    """Which job, product, line or site it applies to (适用范围)."""
    equipment: list[Text] = []
    """Equipment, tools and materials (设备、工具和材料) the job needs; printed as 无 when empty."""
    safety: list[Text] = []
    """Safety precautions (安全注意事项): protective equipment, lock-out, hazards."""
    operations: list[Operation] = Field(min_length=1)
    """The operation steps in order (操作步骤), numbered 5.1, 5.2 …, each with its key points and picture."""
    parameters: list[DataTable] = []
    """Parameter or inspection tables (工艺参数、检验要求): characteristic, specification, method, frequency …"""
    related_documents: list[DocCode] = []
    """Codes of the procedures this instruction serves and of other documents it relies on."""
    records: list[RecordEntry] = []
    """Records the job produces, with keeper and retention."""
