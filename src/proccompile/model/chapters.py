"""What the chapters of a document hold, one content model per chapter kind: terms, duties, steps, KPIs, records …"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from proccompile.diagnostics.counts import counted
from proccompile.model.base import StrictModel
from proccompile.model.retention import RetentionField
from proccompile.model.types import Actors, Clause, DeptRef, DocCode, DurationField, StepId, Text


class Term(StrictModel):
    term: Text
    """The term as used in the procedure."""
    definition: Text
    """What it means in this procedure."""


class Responsibility(StrictModel):
    department: Actors
    """Id of the department, role or group the duties are of, or a list of ids when several share them (one
    numbered entry names them all), e.g. `[sales, intl-trade]`."""
    duties: list[Text] = []
    """What they do under this document, one duty per item."""
    authorities: list[Text] = []
    """What they may decide (权限), apart from their duties, e.g. stop a shipment or release product (IATF 16949
    5.3.2); printed after the duties and marked in the responsibility matrix."""

    @model_validator(mode="after")
    def _says_something(self) -> Responsibility:
        if not self.duties and not self.authorities:
            raise ValueError("an entry needs `duties` or `authorities`")
        return self


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


END = "end"
"""The flow target that ends a subsection's process (the end terminator of its flowchart)."""


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
    owner: Actors
    """Id of the department, role or group that leads the step (主责), or a list of ids when several do it."""
    support: list[DeptRef] = []
    """Departments, roles or groups that take part in the step (配合)."""
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
    """Clauses of the project's clause set (audit.clause_set) this step addresses. Without them the step is
    listed under the document's clauses in the clause view, marked as inherited, and covers no clause."""
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
    target: Text | None = None
    """The committed value, e.g. ≤ 24 h or ≥ 90 %; leave it out while none is set (the KPI is measured but no
    value is committed): the document says 目标未规定 and the checklist asks for one, instead of a guess."""
    measured_by: Text
    """How and from which data the metric is measured."""
    owner: DeptRef
    """Department responsible for meeting and measuring the commitment."""
    time_limit: DurationField | None = None
    """The target as a typed duration, when the commitment is a time limit."""
    records: list[DocCode] = []
    """Forms whose records hold the measurement data."""
    clauses: list[Clause] = []
    """Clauses of the project's clause set the commitment addresses, e.g. 9.1.2; without them it is audited
    under the document's clauses, marked as inherited."""


Medium = Literal["paper", "electronic", "both"]


class RecordEntry(StrictModel):
    form: DocCode | None = None
    """Code of the form the record is kept on; or give `record` for a record kept without a form of ours."""
    record: Text | None = None
    """Name of a record not kept on a form of ours, e.g. PPAP package, calibration certificates from the lab,
    customer approval e-mails, ERP entries; steps cite it by this name under their `records`."""
    keeper: DeptRef
    """Department (or role) that keeps the record."""
    medium: Medium | None = None
    """What the record is kept on: paper, electronic or both; a form's records default to the form's `medium`.
    Printed in the records register, which says "not declared" rather than guess it from `storage` (PC331)."""
    retention: RetentionField | None = None
    """How long the record is kept: a duration (3y, permanent), or `{after: EVENT, plus: 1y}` counted from an
    event the config declares under `records.retention_events`; defaults to the form's retention."""
    storage: Text | None = None
    """Where and how the record is stored (location, filing order, system)."""

    @model_validator(mode="after")
    def _form_or_record(self) -> RecordEntry:
        if (self.form is None) == (self.record is None):
            raise ValueError("give `form` (a form code) or `record` (the name of a record kept without a form), "
                             "not both")
        return self

    @property
    def name(self) -> str:
        """The form code, or the described record's name: what steps cite."""
        return self.form or self.record or ""


class Attachment(StrictModel):
    title: Text
    """Title of the attachment, e.g. 售后服务流程图."""
    form: DocCode | None = None
    """Form code when the attachment is a form."""
    file: Text | None = None
    """Project-relative path of the attached file (e.g. a flowchart), which must exist inside the project."""


class Picture(StrictModel):
    file: Text
    """Project-relative path of the picture (PNG, JPEG, GIF, BMP or TIFF), which must exist inside the project."""
    title: Text | None = None
    """Caption printed under the picture, e.g. 扭矩扳手的读数位置."""


class DataTable(StrictModel):
    title: Text | None = None
    """Caption printed above the table, e.g. 工艺参数 or Inspection characteristics."""
    columns: list[Text] = Field(min_length=1, max_length=12)
    """Column headings."""
    rows: list[list[Text]] = Field(min_length=1, max_length=200)
    """Rows of cells, as many cells as columns."""
    notes: list[Text] = []
    """Notes printed under the table (注)."""

    @model_validator(mode="after")
    def _rows_fit_columns(self) -> DataTable:
        for i, row in enumerate(self.rows, 1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {i} has {counted(len(row), 'cell')} but the table has "
                                 f"{counted(len(self.columns), 'column')}")
        return self


class Operation(StrictModel):
    text: Text
    """What the operator does, written as an instruction."""
    key_points: list[Text] = []
    """Key points (要点) that decide whether the step is done right: a setting, a check, a hazard."""
    picture: Picture | None = None
    """A picture showing the step, printed under it."""
    records: list[DocCode] = []
    """Records the step produces: form codes, or described records of this document's `records`."""


class ClauseChapter(StrictModel):
    clause: Clause
    """Clause of the project's clause set (audit.clause_set) the chapter answers, e.g. 4, 7.5 or 8.5.1; printed
    as its number with the clause set's title."""
    title: Text | None = None
    """Heading, when not the clause set's title of the clause."""
    text: Text | None = None
    """How the organisation meets the clause; blank lines separate paragraphs."""
    items: list[Text] = []
    """Points printed as a lettered list after the text."""
    picture: Picture | None = None
    """A picture printed after the text, e.g. the process map under 4.4."""
    documents: list[DocCode] = []
    """Codes of the procedures and other documents that carry out the clause (documented information)."""


class FreeChapter(StrictModel):
    title: Text
    """Heading of the chapter, e.g. 概述 or Introduction."""
    before: str | None = None
    """Id of the chapter this one is printed before, e.g. purpose."""
    after: str | None = None
    """Id of the chapter this one is printed after; without `before` or `after` it comes last."""
    text: Text | None = None
    """Paragraphs of the chapter; blank lines separate them."""
    items: list[Text] = []
    """Points printed as a lettered list after the text."""
    table: DataTable | None = None
    """A table printed after the points."""
    picture: Picture | None = None
    """A picture printed last."""

    @model_validator(mode="after")
    def _one_place(self) -> FreeChapter:
        if self.before is not None and self.after is not None:
            raise ValueError("give `before` or `after`, not both")
        if self.text is None and not self.items and self.table is None and self.picture is None:
            raise ValueError("a chapter needs `text`, `items`, a `table` or a `picture`")
        return self
