"""The procedure (程序文件) model: one controlled procedure per YAML file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from proccompile.model.base import StrictModel
from proccompile.model.types import Clause, DeptId, DocCode, DurationField, Text, Version

Status = Literal["draft", "released", "obsolete"]


class Approval(StrictModel):
    name: Text
    """Name of the person who signed in this role."""
    date: dt.date | None = None
    """Date of signature (YYYY-MM-DD)."""


class Term(StrictModel):
    term: Text
    definition: Text


class Responsibility(StrictModel):
    department: DeptId
    """Department id from the project config."""
    duties: list[Text] = Field(min_length=1)


class Step(StrictModel):
    text: Text
    """What is done, written as an instruction."""
    owner: DeptId
    """Department that performs the step."""
    time_limit: DurationField | None = None
    """Time allowed for the step, e.g. 2h, 24h, 3d."""
    records: list[DocCode] = []
    """Form codes of the records the step produces."""
    related: list[DocCode] = []
    """Codes of procedures or external documents the step relies on."""
    clauses: list[Clause] = []
    """ISO 9001:2015 clauses this step addresses, when narrower than the procedure's."""


class Section(StrictModel):
    title: Text
    intro: Text | None = None
    steps: list[Step] = Field(min_length=1)


class Commitment(StrictModel):
    metric: Text
    """What is measured, e.g. first response time."""
    target: Text
    """The committed value, e.g. ≤ 24 h or ≥ 90 %."""
    measured_by: Text
    """How and from which data the metric is measured."""
    owner: DeptId
    time_limit: DurationField | None = None
    """The target as a typed duration, when the commitment is a time limit."""
    records: list[DocCode] = []
    """Forms whose records hold the measurement data."""


class RecordEntry(StrictModel):
    form: DocCode
    """Code of the form the record is kept on."""
    keeper: DeptId
    """Department that keeps the record."""
    retention: DurationField | None = None
    """How long the record is kept; defaults to the form's retention."""
    storage: Text | None = None
    """Where and how the record is stored."""


class Attachment(StrictModel):
    title: Text
    form: DocCode | None = None


class Revision(StrictModel):
    version: Version
    date: dt.date
    change: Text
    author: Text


class Procedure(StrictModel):
    """A controlled procedure (程序文件)."""

    code: DocCode
    """Document code in the house pattern, without version or year, e.g. Q/FL2.0813."""
    title: Text
    version: Version
    """Current version in the project's scheme, e.g. A/0 (edition letter / amendment number)."""
    status: Status
    issued: dt.date | None = None
    effective: dt.date | None = None
    owner: DeptId
    """Department that owns (归口) the procedure."""
    approvals: dict[str, Approval] = {}
    """Signatures by approval role id (prepared, reviewed, approved by default)."""
    iso_clauses: list[Clause] = []
    """ISO 9001:2015 clauses the procedure addresses."""
    purpose: Text
    scope: Text
    terms: list[Term] = []
    responsibilities: list[Responsibility] = Field(min_length=1)
    process: list[Section] = Field(min_length=1)
    commitments: list[Commitment] = []
    """Service commitments and KPIs."""
    related_documents: list[DocCode] = []
    """Codes of procedures in the corpus or registered external documents, never with a version."""
    records: list[RecordEntry] = []
    attachments: list[Attachment] = []
    revisions: list[Revision] = Field(min_length=1)
    """Revision history, oldest first; the last entry is the current version."""
