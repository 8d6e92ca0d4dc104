"""The record form (记录表单) model: one blank form per YAML file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

from proccompile.model.base import StrictModel
from proccompile.model.control import Revision, Status
from proccompile.model.document import ChapterSpec, ControlledDocument
from proccompile.model.fingerprint import PRINTED_ORDER
from proccompile.model.retention import RetentionField
from proccompile.model.types import DeptRef, DocCode, Paper, Text, Version

FieldKind = Literal["text", "date", "number", "choice", "checkbox", "signature"]
SignerBox = Literal["name", "signature", "title", "phone", "date"]
# Keys of a form or section that print something; they print in the order the file writes them.
PRINTED_PARTS = PRINTED_ORDER
RecordKind = Literal["event", "register", "periodic"]
Period = Literal["month", "quarter", "half-year", "year"]
Medium = Literal["paper", "electronic", "both"]


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
    value: Text | None = None
    """Printed pre-filled in the blank, e.g. the company's address; on a choice, the option printed ticked."""

    @model_validator(mode="after")
    def _choice_has_options(self) -> FormField:
        if self.type == "choice" and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if self.type != "choice" and self.options:
            raise ValueError(f"options are only allowed on choice fields, not {self.type}")
        if self.value is not None:
            if self.type == "signature":
                raise ValueError("a signature is never printed: leave the blank for the person who signs")
            if self.type == "checkbox":
                raise ValueError("a checkbox is ticked by hand; a pre-ticked one is a choice field with `value`")
            if self.type == "choice" and self.value not in self.options:
                raise ValueError(f"`{self.value}` is not one of the options; value names the option printed ticked")
        return self


class Column(StrictModel):
    label: Text
    """Column heading."""
    width: float = Field(default=1, gt=0, le=20)
    """Relative width against the other columns; a column is never narrower than its heading's longest word."""
    group: Text | list[Text] | None = Field(default=None)
    """Heading spanning this column and its neighbours with the same group, e.g. Methods; a list of two
    nests a second level, e.g. [Methods, Sample]."""

    @property
    def groups(self) -> tuple[str, ...]:
        """The spanning headings above this column, outermost first."""
        if self.group is None:
            return ()
        return (self.group,) if isinstance(self.group, str) else tuple(self.group)

    @model_validator(mode="after")
    def _two_levels(self) -> Column:
        if isinstance(self.group, list) and not 1 <= len(self.group) <= 2:
            raise ValueError("a column is grouped under one or two headings, outermost first")
        return self


class FormRow(StrictModel):
    cells: list[Text | None] = Field(min_length=1, max_length=20)
    """Text printed in the row's cells from the left; null leaves a cell blank."""


class FormTable(StrictModel):
    title: Text | None = None
    """Optional caption above the table."""
    columns: list[Column] = Field(min_length=1, max_length=20)
    """Columns from left to right."""
    rows: Annotated[int, Field(ge=1, le=200)] | Annotated[list[Text | FormRow], Field(min_length=1, max_length=200)] = 8
    """Blank rows: a number, or the rows printed: a label for the first column (A1, A2 …), or `cells`."""
    blank_rows: int = Field(default=0, ge=0, le=200)
    """Blank rows after the listed `rows`."""
    numbered: bool = False
    """The first column numbers the rows 1, 2, 3 …; labels and cells start in the second column."""

    @model_validator(mode="after")
    def _rows_fit(self) -> FormTable:
        if isinstance(self.rows, int):
            if self.blank_rows:
                raise ValueError("blank_rows adds to listed rows; with a number of rows, give the total in rows")
            return self
        if len(self.rows) + self.blank_rows > 200:
            raise ValueError("a table has at most 200 rows, blank rows included")
        room = len(self.columns) - self.numbered
        if room < 1:
            raise ValueError("a numbered table needs a second column for its row labels")
        for row in self.rows:
            if isinstance(row, FormRow) and len(row.cells) > room:
                raise ValueError(f"a row has {len(row.cells)} cells but the table has {room} columns for them")
        return self

    @property
    def listed(self) -> list[tuple[str | None, ...]]:
        """The cells of the pre-printed rows, numbering excluded."""
        if isinstance(self.rows, int):
            return []
        return [(row,) if isinstance(row, str) else tuple(row.cells) for row in self.rows]

    @property
    def blank_count(self) -> int:
        """Blank rows asked for: the number, or the blank rows after the listed ones."""
        return self.rows if isinstance(self.rows, int) else self.blank_rows


class Signers(StrictModel):
    roles: list[Text] = Field(min_length=1, max_length=12)
    """Who signs, one block each, e.g. Organization, Customer or 检验员, 审核."""
    boxes: list[SignerBox] = Field(default=["name", "signature", "date"], min_length=1, max_length=5)
    """Boxes printed for each signer, in order: name, signature, title, phone, date."""
    layout: Literal["rows", "table"] = "rows"
    """rows: one labelled row per signer; table: one table, a row per signer and a column per box."""

    @model_validator(mode="after")
    def _distinct_boxes(self) -> Signers:
        if len(set(self.boxes)) != len(self.boxes):
            raise ValueError("each box is printed once per signer")
        return self


class _Ordered(StrictModel):
    """A form or section: its printed parts keep the order in which the YAML writes them."""

    _order: tuple[str, ...] = PrivateAttr(default=PRINTED_PARTS)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_order(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        model = handler(data)
        if isinstance(data, dict) and isinstance(model, _Ordered):
            model._order = tuple(key for key in data if key in PRINTED_PARTS)
        return model

    def printed(self) -> Iterator[tuple[str, Any]]:
        """(key, value) of each printed part that has content, in the order written."""
        for key in self._order:
            value = getattr(self, key, None)
            if key == "signers" and isinstance(value, list):
                value = Signers(roles=value)  # the roles alone, with the default boxes
            if value:
                yield key, value

    @property
    def paragraphs(self) -> list[str]:
        text: str | list[str] | None = getattr(self, "text", None)
        return [] if text is None else [text] if isinstance(text, str) else list(text)


class FormSection(_Ordered):
    title: Text | None = None
    """Heading printed as a shaded bar across the form, e.g. 原因分析."""
    fields: list[FormField] = []
    """Fields of the section, laid out like the form's own fields."""
    tables: list[FormTable] = []
    """Tables of blank rows inside the section."""
    text: Text | list[Text] | None = None
    """Fixed text printed across the form, e.g. a declaration; a list prints several paragraphs."""
    signers: Signers | Annotated[list[Text], Field(min_length=1, max_length=12)] | None = None
    """Signer blocks kept together on one page: the roles (name, signature and date boxes each), or `roles`
    with `boxes` and `layout`."""
    signoffs: list[Text] = []
    """Sign-off blanks, e.g. 签字, 日期."""


class Form(ControlledDocument, _Ordered):
    """A controlled record form (记录表单). Fields, tables, sections, text, signers and sign-offs print in the
    order the file writes them; the instructions close the form."""

    KIND = "form"
    CHAPTERS = (ChapterSpec("form", "form", field="fields"),)

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
    revisions: list[Revision] = []
    """Revision history, oldest first; the last entry is the current version (`proccompile release`)."""
    retention: RetentionField | None = None
    """Default retention of records kept on this form: a duration, or `{after: EVENT, plus: 1y}`."""
    record_kind: RecordKind = "event"
    """How records pile up on this form, which sets how an auditor samples them: `event` (one filled-in copy
    per event, e.g. a service report), `register` (one running register or log with an entry per event) or
    `periodic` (one record per `period`, e.g. an annual programme)."""
    period: Period | None = None
    """For a periodic record: the period one record covers (month, quarter, half-year or year)."""
    medium: Medium | None = None
    """What its records are kept on: paper, electronic or both; printed in the records register."""
    orientation: Literal["portrait", "landscape"] = "portrait"
    """Page orientation of the printed form."""
    page: Paper | None = None
    """Paper size, when not the project's `page`: A4 or Letter."""
    density: Literal["normal", "compact"] = "normal"
    """compact: smaller type and rows, up to three field pairs a row in portrait (four in landscape)."""
    fields: list[FormField] = []
    """Header fields, laid out as a labelled grid."""
    table: FormTable | None = None
    """Optional table of blank rows."""
    tables: list[FormTable] = []
    """Further tables of blank rows."""
    sections: list[FormSection] = []
    """Blocks of fields, tables, text and sign-offs, titled or not (e.g. description, cause, action)."""
    text: Text | list[Text] | None = None
    """Fixed text printed across the form, e.g. a declaration; a list prints several paragraphs."""
    signers: Signers | Annotated[list[Text], Field(min_length=1, max_length=12)] | None = None
    """Signer blocks kept together on one page: the roles (name, signature and date boxes each), or `roles`
    with `boxes` and `layout`."""
    signoffs: list[Text] = []
    """Sign-off labels, e.g. 填表人, 日期, 审核."""
    instructions: list[Text] = []
    """Filling instructions specific to this form, printed as numbered notes at its foot."""
    one_page: bool = True
    """Keep the blank form on one page: blank rows that do not fit are cut (check warns, PC510), and check
    reports content that cannot fit (PC504). false: long tables continue on further pages."""
    copyable: bool = False
    """Blank copies may be made and filled in; the footer says so (released forms only)."""

    @model_validator(mode="after")
    def _period_of_periodic_records(self) -> Form:
        if (self.record_kind == "periodic") != (self.period is not None):
            raise ValueError("give `period` exactly when `record_kind` is periodic")
        return self

    def all_tables(self) -> list[FormTable]:
        """Every table of the form, sections' included, in print order."""
        found: list[FormTable] = []
        for key, value in self.printed():
            if key == "table":
                found.append(value)
            elif key == "tables":
                found += value
            elif key == "sections":
                found += [table for section in value for table in section.tables]
        return found
