"""docx: landscape tables with a repeated heading row and turtle pages, on the Word output's base, header and footer.

A book whose sheets are different controlled forms (the checklist, the plan, the audit report …) puts each in
its own section: its page header carries that form's number, title and version once, and its pages are
numbered within the record (第 1 页 共 3 页 of the NC report, not of the whole book)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from proccompile.diagnostics import Diagnostics
from proccompile.model.config import Limits
from proccompile.render.blocks import (
    NUMPAGES,
    PAGE,
    Block,
    Cell,
    CoreProps,
    DocView,
    NewSection,
    PageBreak,
    PageView,
    Para,
    Table,
    section_pages,
)
from proccompile.render.document import build_docx
from proccompile.render.page_marks import core_language
from proccompile.render.reference_document import load_base
from proccompile.views.tables import TURTLE_BOXES, Book, FormIdentity, Sheet, Turtle
from proccompile.views.wording import Texts

# Half-points: 8 pt, since a fourteen-column checklist in the 10.5-pt table style fits four rows a page.
_TABLE_SIZE = 16


def to_docx(book: Book, project_root: Path, bag: Diagnostics, limits: Limits) -> bytes:
    """The book in the same house style as the procedures: the project's reference.docx, header table,
    stamp and footer come from the Word output's builders (render/reference_document.py, render/document.py), so a
    checklist printed beside a procedure looks like part of the same system."""
    texts = Texts(project_root, book.language, bag, limits=limits)
    # The records of an audit are separate forms, each with its own pages; the registers share one form.
    sectioned = any(sheet.form is not None for sheet in book.sheets) or (book.form is None and len(book.sheets) > 1)

    def page(form: FormIdentity | None, title: str) -> PageView:
        # Each record counts its own pages: page numbers restart per section, the total is that section's.
        return _page(book, texts, form, title, section_pages(len(views)) if sectioned else NUMPAGES)

    views: list[PageView] = []  # one per section, in order

    own = book.sheets[0].form if sectioned and book.sheets else book.form
    core = CoreProps(title=book.title, identifier=own.number if own else book.key,
                     version=own.version if own else "", language=core_language(book.language),
                     date=book.date, author=book.company, category=book.title, status="")
    blocks: list[Block] = []
    first_page: PageView | None = None
    record = ""  # key of the sheet that opened the current section
    for sheet in book.sheets:
        if sheet.key == "turtle" and book.turtles:
            continue  # drawn as turtle pages below
        title = sheet.form.title if sheet.form else sheet.name
        continues = bool(record) and sheet.key.startswith(record + "_")
        if not sectioned:
            if blocks:
                blocks.append(PageBreak())
        elif not continues:
            this = page(sheet.form or book.form, title)
            if first_page is None:
                first_page = this
            else:
                blocks.append(NewSection(this))
            views.append(this)
            record = sheet.key
        blocks += _sheet(sheet)
    for turtle in book.turtles:
        heading = next(s.name for s in book.sheets if s.key == "turtle")
        if sectioned and record != "turtle":
            views.append(page(None, heading))
            blocks.append(NewSection(views[-1]))
            record = "turtle"
        else:
            blocks.append(PageBreak())
        blocks += _turtle(turtle, heading, "：" if book.language == "zh" else ": ")
    base = load_base(project_root, book.company, bag, limits.reference_docx_bytes, language=book.language)
    return build_docx(DocView("form", "", first_page or page(book.form, book.title), core, blocks), base)


def _page(book: Book, texts: Texts, form: FormIdentity | None, title: str, total: str) -> PageView:
    """The page furniture of one record: its form number and version (each once), and its page count."""
    label = texts.label
    pages = texts.render("page_number", page=PAGE, pages=NUMPAGES).replace(NUMPAGES, total)
    rows = ((label("header_form_number"), form.number), (label("header_version"), form.version or label("empty_cell")),
            (label("header_page"), pages)) if form and form.version else (
        ((label("header_form_number"), form.number), (label("header_page"), pages)) if form else
        ((label("header_page"), pages),))
    number = f"{form.number}{label('gap')}{form.version}".strip() if form else ""
    return PageView(company=book.company, title=title, rows=rows, stamp=label("stamp_released") if form else "",
                    watermark=None, footer=(number, book.company), landscape=True)


def _sheet(sheet: Sheet) -> list[Block]:
    out: list[Block] = [Para(sheet.name, style="heading1", align="center", keep_next=True)]
    if sheet.header:
        fields = list(sheet.header) + ([("", "")] if len(sheet.header) % 2 else [])
        out.append(Table(widths=(2.2, 5.8, 2.2, 5.8), header_rows=0, text_size=_TABLE_SIZE, fit="weights", rows=tuple(
            (Cell(a, shade=True), Cell(b), Cell(c, shade=True), Cell(d))
            for (a, b), (c, d) in zip(fields[::2], fields[1::2], strict=True))))
        out.append(Para("", style="normal"))
    if sheet.blocks:
        out += _boxes(sheet)
    else:
        out.append(_table(sheet))
    # Notes and the sign-off stay together, so a page never holds a sign-off box alone.
    last = len(sheet.notes) - 1
    out += [Para(note, style="normal", space_before=6, keep_next=bool(sheet.signoff) or k < last)
            for k, note in enumerate(sheet.notes)]
    if sheet.signoff:
        # A labelled box per signatory, with room to sign and date by hand; the labels stay with their boxes.
        out += [Para("", style="normal", keep_next=True),
                Table(widths=tuple(1.0 for _ in sheet.signoff), header_rows=0, text_size=_TABLE_SIZE, rows=(
                    tuple(Cell(who, shade=True) for who in sheet.signoff),
                    tuple(Cell("\n\n") for _ in sheet.signoff)), keep_together=True)]
    return out


def _table(sheet: Sheet) -> Table:
    width = len(sheet.columns)
    stack = sheet.fit == "weights"
    rows: list[tuple[Cell, ...]] = [tuple(Cell(_stacked(c.title, c.width) if stack else c.title, heading=True)
                                          for c in sheet.columns)]
    keep: list[int] = []
    for group in sheet.groups:
        if group.title:  # a group's heading never ends a page
            keep.append(len(rows))
            rows.append((Cell(group.title, span=width, shade=True),))
        # Blank lines give a printed form room to write in; a cell's own text keeps it as it is.
        room = "\n" * (sheet.row_lines - 1)
        rows += [tuple(Cell(v or room, align="center" if c.center else None)
                       for c, v in zip(sheet.columns, row, strict=True)) for row in group.rows]
    fit: Literal["content", "weights"] = "weights" if sheet.fit == "weights" else "content"
    return Table(widths=tuple(c.width for c in sheet.columns), rows=tuple(rows), header_rows=1,
                 text_size=_TABLE_SIZE, fit=fit, keep_rows=tuple(keep))


_NARROW = 12  # a column this narrow (in width units) gets a heading of four or more CJK characters in two lines


def _stacked(title: str, width: float) -> str:
    """A narrow column's Chinese heading set in two lines (总体/数量, 不符合/报告编号), so that the columns of
    text keep their room; a heading is never broken inside a word, so the break is ours and explicit."""
    if width > _NARROW or "\n" in title or len(title) < 4 or not all(ord(ch) > 0x2E80 or ch == "/" for ch in title):
        return title
    if "/" in title:
        head, _, tail = title.partition("/")
        return f"{head}/\n{tail}"
    cut = len(title) // 2
    return f"{title[:cut]}\n{title[cut:]}"


def _boxes(sheet: Sheet) -> list[Block]:
    """A form of labelled boxes (the NC report, the report's findings): each label as a shaded bar across the
    page above its box with its writing lines; where a third column names who signs, a signing box beside it."""
    rows: list[tuple[Cell, ...]] = []
    signs = len(sheet.columns) > 2 and any(row[2] for row in sheet.rows)
    for row in sheet.rows:
        title, content = row[0], row[1]
        sign = row[2] if len(row) > 2 else ""
        if signs:
            rows.append((Cell(title, shade=True, bold=True, span=2),))
            rows.append((Cell(content or "\n"), Cell(sign or "", top=True)) if sign else
                        (Cell(content or "\n", span=2),))
        else:
            rows.append((Cell(title, shade=True, bold=True),))
            rows.append((Cell(content or "\n"),))
    widths = (sheet.columns[0].width + sheet.columns[1].width, sheet.columns[2].width) if signs else (1.0,)
    # A box's label stays with its box.
    return [Table(widths=widths, rows=tuple(rows), header_rows=0, text_size=_TABLE_SIZE, fit="weights",
                  keep_rows=tuple(range(0, len(rows), 2)))]


def _turtle(turtle: Turtle, heading: str, colon: str) -> list[Block]:
    box = {key: f"{name}\n" + "\n".join(lines) for key, (name, lines) in zip(TURTLE_BOXES, turtle.boxes, strict=True)}
    # The classic layout: resources and people above, inputs and outputs beside, methods and measures
    # below, and the process itself in the middle column.
    rows = ((Cell(box["with_what"]), Cell(box["process"], merge="restart", shade=True, align="center"),
             Cell(box["with_whom"])),
            (Cell(box["inputs"]), Cell("", merge="continue"), Cell(box["outputs"])),
            (Cell(box["how"]), Cell("", merge="continue"), Cell(box["measures"])))
    return [Para(f"{heading}{colon}{turtle.heading}", style="heading2", align="center"),
            Table(widths=(5.5, 4, 5.5), rows=rows, header_rows=0, split_rows=True, text_size=_TABLE_SIZE)]
