"""The procedure (程序文件) model: one controlled procedure per YAML file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from proccompile.diagnostics.counts import counted
from proccompile.model.base import StrictModel
from proccompile.model.control import Copy, Review, Withdrawal
from proccompile.model.revision import OpenRevision
from proccompile.model.types import Clause, DeptRef, DocCode, DurationField, Paper, StepId, Text, Version

Status = Literal["draft", "released", "obsolete"]
END = "end"
"""The flow target that ends a subsection's process (the end terminator of its flowchart)."""


class Approval(StrictModel):
    name: Text
    """Name of the person who signed in this role."""
    title: Text | None = None
    """Job title printed under the name, e.g. 质量部经理 or Quality Manager."""
    date: dt.date | None = None
    """Date of signature (YYYY-MM-DD)."""
    comment: Text | None = None
    """What the signer said when approving (from `proccompile approve --comment`)."""
    recorded_by: Text | None = None
    """Who recorded the signature with `proccompile approve` (git identity or OS user); absent when the
    signature was typed or transcribed from paper."""


class Term(StrictModel):
    term: Text
    """The term as used in the procedure."""
    definition: Text
    """What it means in this procedure."""


class Responsibility(StrictModel):
    department: DeptRef
    """Department id from the project config."""
    duties: list[Text] = Field(min_length=1)
    """What the department does under this procedure, one duty per item."""


class StepTable(StrictModel):
    title: Text | None = None
    """Caption, e.g. 处置权限."""
    columns: list[Text] = Field(min_length=1, max_length=8)
    """Column headings."""
    rows: list[list[Text]] = Field(min_length=1, max_length=50)
    """Rows of cells, as many cells as columns."""

    @model_validator(mode="after")
    def _rows_fit_columns(self) -> StepTable:
        for i, row in enumerate(self.rows, 1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {i} has {counted(len(row), 'cell')} but the table has "
                                 f"{counted(len(self.columns), 'column')}")
        return self


class Outcome(StrictModel):
    label: Text = Field(max_length=40)
    """The outcome as printed on its arrow, e.g. 合格, 不合格 or Yes."""
    next: StepId
    """Id of the step this outcome leads to, or `end`."""


class Decision(StrictModel):
    question: Text | None = Field(default=None, max_length=80)
    """The question in the flowchart's diamond, e.g. 重大质量问题？; by default the step's short text."""
    outcomes: list[Outcome] = Field(min_length=1, max_length=20)
    """The possible outcomes, each with the step it leads to."""


class Step(StrictModel):
    id: StepId | None = None
    """Name that `next:` and decision outcomes use to lead to this step, e.g. grade."""
    text: Text
    """What is done, written as an instruction."""
    owner: DeptRef
    """Department that leads the step (主责)."""
    support: list[DeptRef] = []
    """Departments that take part in the step (配合)."""
    items: list[Text] = []
    """Sub-items printed as a bulleted list under the text."""
    notes: list[Text] = []
    """Notes printed under the text (注)."""
    table: StepTable | None = None
    """A small table the step needs, e.g. who may decide which disposition; printed after the step."""
    time_limit: DurationField | None = None
    """Time allowed for the step, e.g. 2h, 24h, 3d, 2w."""
    anchor: Text | None = None
    """Event the time limit counts from (after it) or to (`before: true`), e.g. 内审 or the audit."""
    before: bool = False
    """The step is done `time_limit` before the `anchor` event, not after it."""
    records: list[DocCode] = []
    """Form codes of the records the step produces."""
    related: list[DocCode] = []
    """Codes of procedures or external documents the step relies on."""
    clauses: list[Clause] = []
    """ISO 9001 (or IATF 16949) clauses this step addresses. Without them the step is listed under the
    procedure's clauses in the clause view, marked as inherited, and covers no clause."""
    short: Text | None = Field(default=None, max_length=80)
    """The step's text in its flowchart box; by default the text's main clause, shortened to fit."""
    next: StepId | None = None
    """Id of the step that follows when it is not the next one in the list (a jump or a loop back), or `end`."""
    decision: Decision | None = None
    """The step is a decision: a diamond in the flowchart with an arrow per outcome."""

    @model_validator(mode="after")
    def _anchor_needs_limit(self) -> Step:
        if (self.anchor is not None or self.before) and self.time_limit is None:
            raise ValueError("`anchor` and `before` qualify a `time_limit`; give the time limit too")
        if self.before and self.anchor is None:
            raise ValueError("`before: true` needs the `anchor` event the step comes before")
        if self.next is not None and self.decision is not None:
            raise ValueError("a decision leads on through its `outcomes`; remove `next`")
        if self.id == END:
            raise ValueError("`end` names the end of the flow; give the step another id")
        return self


class Section(StrictModel):
    title: Text
    """Subsection title under the procedure section, e.g. 售后服务."""
    intro: Text | None = None
    """Optional paragraph printed before the steps."""
    trigger: Text | None = Field(default=None, max_length=80)
    """Event that starts this subsection's process, printed in its flowchart's start terminator, e.g. 顾客投诉."""
    steps: list[Step] = Field(min_length=1)
    """Steps in order; numbered 5.1.1, 5.1.2 … in the document."""


class Commitment(StrictModel):
    metric: Text
    """What is measured, e.g. first response time."""
    target: Text
    """The committed value, e.g. ≤ 24 h or ≥ 90 %."""
    measured_by: Text
    """How and from which data the metric is measured."""
    owner: DeptRef
    """Department responsible for meeting and measuring the commitment."""
    time_limit: DurationField | None = None
    """The target as a typed duration, when the commitment is a time limit."""
    records: list[DocCode] = []
    """Forms whose records hold the measurement data."""
    clauses: list[Clause] = []
    """ISO 9001 (or IATF 16949) clauses the commitment addresses, e.g. 9.1.2; without them it is audited under
    the procedure's clauses, marked as inherited."""


class RecordEntry(StrictModel):
    form: DocCode
    """Code of the form the record is kept on."""
    keeper: DeptRef
    """Department that keeps the record."""
    retention: DurationField | None = None
    """How long the record is kept; defaults to the form's retention."""
    storage: Text | None = None
    """Where and how the record is stored."""


class Attachment(StrictModel):
    title: Text
    """Title of the attachment, e.g. 售后服务流程图."""
    form: DocCode | None = None
    """Form code when the attachment is a form."""
    file: Text | None = None
    """Project-relative path of the attached file (e.g. a flowchart), which must exist inside the project."""


class Revision(StrictModel):
    version: Version
    """Version this entry introduced."""
    date: dt.date
    """Date of the revision (issue date of that version)."""
    change: Text
    """What changed, and why."""
    author: Text
    """Who made the change."""
    request: Text | None = None
    """Change request (变更申请) number the revision answered."""
    signatures: Literal["recorded", "transcribed"] | None = None
    """recorded: each signer approved this content with `proccompile approve`; transcribed: the names and
    dates were copied from a paper record at release (`release --reviewed-by/--approved-by`)."""


class Procedure(StrictModel):
    """A controlled procedure (程序文件)."""

    code: DocCode
    """Document code in the house pattern, without version or year, e.g. Q/FL2.0813."""
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
    """Department that owns (归口) the procedure."""
    page: Paper | None = None
    """Paper size, when not the project's `page`: A4 or Letter."""
    approvals: dict[str, Approval] = {}
    """Signatures by approval role id (prepared, reviewed, approved by default)."""
    iso_clauses: list[Clause] = []
    """ISO 9001:2015 clauses the procedure addresses."""
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
    revisions: list[Revision] = Field(min_length=1)
    """Revision history, oldest first; the last entry is the current version."""
    review_interval: DurationField | None = None
    """How often this procedure is reviewed, when not the project's `review_interval`."""
    reviews: list[Review] = []
    """Periodic reviews recorded without a new version (`proccompile review`), oldest first."""
    distribution: list[Copy] = []
    """Controlled copies issued, by department and copy number; recalled when a new version is released."""
    withdrawn: Withdrawal | None = None
    """Withdrawal date and reason once the procedure is obsolete (`proccompile retire`)."""
    open_revision: OpenRevision | None = None
    """The next version being drafted and approved (`proccompile revise`); the version in force stays the
    controlled copy until `proccompile release`."""
