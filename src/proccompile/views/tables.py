"""Format-neutral tables that every output format (xlsx, csv, md, docx) is rendered from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Kept here, in a module without heavy imports, because the CLI needs them to declare its options.
FORMATS = ("xlsx", "docx", "csv", "md")
TEXT_FORMATS = ("csv", "md")
VIEWS = ("procedure", "department", "clause")


class Formula(str):
    """A cell the spreadsheet computes (xlsx only): ``expr`` is the formula, with ``{row}`` for the cell's own row
    and ``{sheet:KEY}`` for the quoted name of the book's sheet KEY, e.g. ``COUNTIF({sheet:checklist}K:K,"符合")``.
    Every other format prints the string itself, blank by default: a box the auditor fills in by hand."""

    expr: str

    def __new__(cls, expr: str, shown: str = "") -> Formula:
        cell = super().__new__(cls, shown)
        cell.expr = expr
        return cell


def column_letter(index: int) -> str:
    """The spreadsheet letter of 0-based column ``index`` (A, B … Z, AA …)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def formula_text(value: str) -> str:
    """``value`` as a quoted string inside a formula."""
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float = 12  # in characters of a Latin font; xlsx uses it as is, docx relatively
    choices: tuple[str, ...] = ()  # the only values allowed (xlsx data validation refuses others)
    center: bool = False
    kind: str = "text"  # text | number | date: xlsx stores numbers and ISO dates typed, not as text


@dataclass(frozen=True, slots=True)
class Group:
    """Rows under one heading; the heading is empty for an ungrouped table."""

    title: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class FormIdentity:
    """The controlled form a sheet is: printed once in its page header (docx, xlsx) or under its heading."""

    number: str  # printed form number; it may already show the version (form_display with {version})
    title: str
    version: str  # "" when ``number`` already shows it, so it is never printed twice


@dataclass(frozen=True)
class Sheet:
    key: str  # stable slug, used for csv file names: checklist, coverage, plan, documents …
    name: str  # sheet tab / section heading, in the project's language
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    header: tuple[tuple[str, str], ...] = ()  # label/value fields printed above the table
    notes: tuple[str, ...] = ()  # paragraphs printed below the table (legend, gaps)
    signoff: tuple[str, ...] = ()  # who signs the sheet (e.g. 审核组长), a box per role below the notes
    row_lines: int = 1  # least height of a table row, in lines: room to write by hand on a printed form
    form: FormIdentity | None = None  # the form this sheet is; None: the book's (registers) or no form
    # docx column widths: "content" sizes columns to their text; "weights" keeps the columns' widths as
    # proportions (sheets with columns left blank to write in, which content would shrink to their heading).
    fit: str = "content"
    # Rows that make a block of their own (a field with its writing box): drawn as a labelled box per row.
    blocks: bool = False

    @property
    def rows(self) -> list[tuple[str, ...]]:
        return [row for group in self.groups for row in group.rows]


@dataclass(frozen=True)
class Turtle:
    """One procedure's process (turtle) view: the title and the six boxes around it, each a list of lines."""

    code: str
    heading: str
    boxes: tuple[tuple[str, tuple[str, ...]], ...]  # (label, lines) in TURTLE_BOXES order


# Order of Turtle.boxes; the docx grid places them around the process box.
TURTLE_BOXES = ("process", "inputs", "outputs", "with_what", "with_whom", "how", "measures")


@dataclass(frozen=True)
class Book:
    """A whole output: title, the controlled-form identity, a fixed date for file metadata, and its sheets."""

    key: str  # checklist | coverage | registers
    title: str
    company: str
    language: str
    date: dt.date  # from the corpus, never the clock, so outputs are reproducible
    form: FormIdentity | None = None  # the output's own form (registers); a sheet's own form comes first
    sheets: tuple[Sheet, ...] = ()
    turtles: tuple[Turtle, ...] = field(default_factory=tuple)
