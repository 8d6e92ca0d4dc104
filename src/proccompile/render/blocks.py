"""View-models of output documents: paragraphs, tables and page furniture, computed without python-docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

from proccompile.render.flowchart.chart import Chart

# Markers for live page fields inside display strings; the docx builder turns them into PAGE/NUMPAGES.
# Private-use characters, so wording templates can place them anywhere in a sentence.
PAGE = "\ue000PAGE\ue000"
NUMPAGES = "\ue000NUMPAGES\ue000"


def section_pages(index: int) -> str:
    """Marker for the number of pages of section ``index`` (0-based) of a document made of NewSection blocks: a
    PAGEREF to the bookmark the builder puts on the section's last paragraph. Page numbers restart in each section,
    so that page is the section's page count; Word and LibreOffice both lay it out (SECTIONPAGES: only Word)."""
    return f"\ue000PAGEREF:{SECTION_END}{index}\ue000"


SECTION_END = "_RecordEnd"  # bookmark names of the sections' last paragraphs

Align = Literal["left", "center", "right", "both"] | None


def _by_fields(self: object) -> tuple[type, tuple[object, ...]]:
    # Views are pickled for every document (to hash them and to send them to workers); a frozen slotted
    # dataclass pickles through Python-level __getstate__/__setstate__, rebuilding it from its field
    # values in order is the same object at a fraction of the cost.
    cls = type(self)
    getter = _FIELD_GETTERS.get(cls)
    if getter is None:  # every class using this has two or more fields, so the getter gives a tuple
        getter = _FIELD_GETTERS[cls] = attrgetter(*cls.__slots__)  # type: ignore[attr-defined]
    return cls, getter(self)


_FIELD_GETTERS: dict[type, Callable[[object], tuple[object, ...]]] = {}


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: ``lead`` is printed bold before ``text`` (clause numbers, terms).

    A tab in ``text`` pushes the rest of the line to the right margin (dates under the cover).
    """

    text: str
    style: str = "body"
    lead: str = ""
    align: Align = None
    keep_next: bool = False
    space_before: int | None = None  # points
    widow_control: bool = False  # no single line of the paragraph alone at the foot or head of a page

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class Cell:
    text: str = ""
    span: int = 1
    merge: Literal["restart", "continue"] | None = None  # vertical merge
    shade: bool = False
    heading: bool = False
    align: Align = None
    top: bool = False  # text at the top of a tall cell (a multi-line blank's label) instead of centred
    bold: bool = False

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class Table:
    widths: tuple[float, ...]  # relative; scaled to the text width
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 1  # repeated on every page (w:tblHeader)
    row_height: float | None = None  # cm, minimum; blank form rows need room to write
    caption: str = ""
    # content: columns sized to their text, never narrower than the longest word or code;
    # weights: ``widths`` give the shape (blank form columns), text only widens a too-narrow column;
    # fixed: ``widths`` are the columns' widths, already fitted (a form's layout plan).
    fit: Literal["content", "weights", "fixed"] = "content"
    # Rows of sibling tables measured with this one, so that all of them get the same column widths.
    measure_with: tuple[tuple[Cell, ...], ...] = ()
    # Row heights (cm, minimum) by row index, for rows that differ from ``row_height``.
    heights: tuple[tuple[int, float], ...] = ()
    # Rows are kept whole on a page unless they may be taller than one (a turtle's boxes): a row that
    # cannot split and does not fit is cut off at the page's foot.
    split_rows: bool = False
    # Text size of every run in the table, in half-points; None keeps the table styles' size (the reference
    # document's styles stay untouched either way).
    text_size: int | None = None
    # Size of the heading cells' text, in half-points, when not ``text_size`` (a form's long headings).
    heading_size: int | None = None
    # Left and right cell margins in twips, when not the table style's (a compact form).
    cell_margin: int | None = None
    # The whole table stays on one page (a sign-off block); else only its last ``keep_last`` rows stay with
    # what follows the table.
    keep_together: bool = False
    keep_last: int = 0
    # Rows kept on the page of the row after them, by index (a group's heading, a box's label).
    keep_rows: tuple[int, ...] = ()

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Image:
    """A picture on its own centred line, as wide as it is (at its own resolution) but never wider than the text."""

    data: bytes = field(repr=False)
    name: str  # file name, for the picture's description
    keep_next: bool = False  # on the page of its caption

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class NewSection:
    """Starts a new page in a new section with its own page furniture, its page numbers counted from 1:
    one record of a book of several controlled forms (the audit report, the NC report …)."""

    page: PageView

    __reduce__ = _by_fields


# Stand-ins for the part number and count in a flowchart's caption: how many pages a chart takes is known only
# when the Word builder lays it out on the document's own page.
PART = "\ue000PART\ue000"
PARTS = "\ue000PARTS\ue000"


@dataclass(frozen=True, slots=True)
class Flowchart:
    """Process flowcharts, each printed in as many page-sized parts as it needs under its own caption.

    ``captions`` hold one caption per chart for a chart in one part and one, with PART and PARTS, for a chart in
    several. ``lead`` paragraphs (the heading the charts belong under) are printed with them, so that a landscape
    chart's heading is on its page.
    """

    charts: tuple[Chart, ...]
    captions: tuple[tuple[str, str], ...]
    landscape: bool
    lead: tuple[Para, ...] = ()
    # Text printed before and after each drawing: a redline's revision marks, so that a changed chart is
    # tracked as the old drawing deleted and the new one inserted.
    marks: tuple[str, str] = ("", "")

    __reduce__ = _by_fields


Block = Para | Table | PageBreak | Image | NewSection | Flowchart


@dataclass(frozen=True, slots=True)
class Logo:
    """The company logo printed above the company name in every header."""

    data: bytes = field(repr=False)
    name: str  # file name, for the picture's description
    content_type: str
    width_px: int
    height_px: int

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class PageView:
    """What repeats on every page: header table, stamp, watermark and footer."""

    company: str
    title: str
    rows: tuple[tuple[str, str], ...]  # label, value (values may hold PAGE/NUMPAGES markers)
    stamp: str
    watermark: str | None
    footer: tuple[str, ...]  # left-aligned part, right-aligned part
    landscape: bool = False
    paper: str = "A4"  # A4 or Letter
    logo: Logo | None = None

    __reduce__ = _by_fields


@dataclass(frozen=True)
class CoreProps:
    """What docProps/core.xml says about a document; every value comes from the YAML."""

    title: str
    identifier: str
    version: str
    language: str
    date: dt.date
    author: str
    category: str
    status: str
    subject: str = ""
    keywords: str = ""
    revision: int = 1


@dataclass(frozen=True)
class DocView:
    kind: str  # the document type id: procedure, form, manual …
    relpath: str
    page: PageView
    core: CoreProps
    blocks: list[Block] = field(default_factory=list)
