"""The record form (记录表单) model: one blank form per YAML file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from proccompile.model.base import StrictModel
from proccompile.model.control import Copy, Review, Withdrawal
from proccompile.model.procedure import Approval, Revision, Status
from proccompile.model.types import DeptRef, DocCode, DurationField, Text, Version

FieldKind = Literal["text", "date", "number", "choice", "checkbox", "signature"]


class FormField(StrictModel):
    label: Text
    """Label printed before the blank, e.g. 顾客名称."""
    type: FieldKind = "text"
    """How the blank is drawn: text, date, number, choice (with options), checkbox or signature."""
    options: list[Text] = []
    """Choices offered, for type choice."""
    lines: int = Field(default=1, ge=1, le=30)
    """Writing lines of the blank; above 1 the field gets a box of that height (descriptions, analyses)."""
    width: float | None = Field(default=None, gt=0, le=1)
    """Share of the row the field takes (label and blank), e.g. 0.5; by default sized to its content."""

    @model_validator(mode="after")
    def _choice_has_options(self) -> FormField:
        if self.type == "choice" and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if self.type != "choice" and self.options:
            raise ValueError(f"options are only allowed on choice fields, not {self.type}")
        return self


class Column(StrictModel):
    label: Text
    """Column heading."""
    width: float = Field(default=1, gt=0, le=20)
    """Relative width against the other columns."""


class FormTable(StrictModel):
    title: Text | None = None
    """Optional caption above the table."""
    columns: list[Column] = Field(min_length=1, max_length=20)
    """Columns from left to right."""
    rows: int = Field(default=8, ge=1, le=200)
    """Number of blank rows."""


class FormSection(StrictModel):
    title: Text | None = None
    """Heading printed as a shaded bar across the form, e.g. 原因分析."""
    fields: list[FormField] = []
    """Fields of the section, laid out like the form's own fields."""
    tables: list[FormTable] = []
    """Tables of blank rows inside the section."""
    signoffs: list[Text] = []
    """Sign-off blanks closing the section, e.g. 签字, 日期."""


class Form(StrictModel):
    """A controlled record form (记录表单)."""

    code: DocCode
    """Form code in the house pattern, without the edition, e.g. Q/JL081301."""
    title: Text
    """Form title, e.g. 顾客档案."""
    version: Version
    """Version in the project's scheme; the edition letter is printed with the code."""
    status: Status = "released"
    """draft, released (in use) or obsolete (withdrawn)."""
    owner: DeptRef
    """Department that owns the form."""
    # Document control, as for procedures; forms without a revision history predate it.
    issued: dt.date | None = None
    """Issue date of the current version; required once a released form has a revision history."""
    effective: dt.date | None = None
    """Effective date, on or after the issue date."""
    approvals: dict[str, Approval] = {}
    """Signatures by approval role id, as for procedures."""
    revisions: list[Revision] = []
    """Revision history, oldest first; the last entry is the current version (`proccompile release`)."""
    review_interval: DurationField | None = None
    """How often this form is reviewed, when not the project's `review_interval`."""
    reviews: list[Review] = []
    """Periodic reviews recorded without a new version, oldest first."""
    distribution: list[Copy] = []
    """Controlled copies issued, by department and copy number."""
    withdrawn: Withdrawal | None = None
    """Withdrawal date and reason once the form is obsolete."""
    retention: DurationField | None = None
    """Default retention of records kept on this form."""
    orientation: Literal["portrait", "landscape"] = "portrait"
    """Page orientation of the printed form."""
    fields: list[FormField] = []
    """Header fields, laid out as a labelled grid."""
    table: FormTable | None = None
    """Optional table of blank rows."""
    tables: list[FormTable] = []
    """Further tables of blank rows, after `table`."""
    sections: list[FormSection] = []
    """Titled blocks of fields, tables and sign-offs, after the tables (e.g. description, cause, action)."""
    signoffs: list[Text] = []
    """Sign-off labels printed at the foot, e.g. 填表人, 日期, 审核."""
    instructions: list[Text] = []
    """Filling instructions specific to this form."""
    one_page: bool = True
    """Keep the blank form on one page: tables lose rows that do not fit, and check reports content that cannot."""
    copyable: bool = False
    """Blank copies may be made and filled in; the footer says so (released forms only)."""

    def all_tables(self) -> list[FormTable]:
        """The form's own tables, then the sections' tables, in print order."""
        return [*([self.table] if self.table else []), *self.tables, *(t for s in self.sections for t in s.tables)]
