"""docx: landscape tables with a repeated heading row and turtle pages, on the Word output's base, header and footer."""

from __future__ import annotations

from pathlib import Path

from proccompile.diagnostics import Diagnostics
from proccompile.model.config import Limits
from proccompile.render.blocks import NUMPAGES, PAGE, Block, Cell, CoreProps, DocView, PageBreak, PageView, Para, Table
from proccompile.render.document import build_docx
from proccompile.render.page_marks import core_language
from proccompile.render.reference_document import load_base
from proccompile.views.tables import TURTLE_BOXES, Book, Sheet, Turtle
from proccompile.views.wording import Texts

# Half-points: 8 pt, since a twelve-column checklist in the 10.5-pt table style fits four rows a page.
_TABLE_SIZE = 16


def to_docx(book: Book, project_root: Path, bag: Diagnostics, limits: Limits) -> bytes:
    """The book in the same house style as the procedures: the project's reference.docx, header table,
    stamp and footer come from the Word output's builders (render/reference_document.py, render/document.py), so a
    checklist printed beside a procedure looks like part of the same system."""
    texts = Texts(project_root, book.language, bag, limits=limits)
    label = texts.label
    pages = texts.render("page_number", page=PAGE, pages=NUMPAGES)
    rows = ((label("header_form_number"), book.form[0]), (label("header_version"), book.form[1] or label("empty_cell")),
            (label("header_page"), pages)) if book.form else ((label("header_page"), pages),)
    number = f"{book.form[0]}{label('gap')}{book.form[1]}".strip() if book.form else ""
    page = PageView(company=book.company, title=book.title, rows=rows,
                    stamp=label("stamp_released") if book.form else "", watermark=None,
                    footer=(number, book.company), landscape=True)
    core = CoreProps(title=book.title, identifier=book.form[0] if book.form else book.key,
                     version=book.form[1] if book.form else "", language=core_language(book.language),
                     date=book.date, author=book.company, category=book.title, status="")
    blocks: list[Block] = []
    for sheet in book.sheets:
        if sheet.key == "turtle" and book.turtles:
            continue  # drawn as turtle pages below
        if blocks:
            blocks.append(PageBreak())
        blocks += _sheet(sheet)
    for turtle in book.turtles:
        heading = next(s.name for s in book.sheets if s.key == "turtle")
        blocks += [PageBreak(), *_turtle(turtle, heading, "：" if book.language == "zh" else ": ")]
    base = load_base(project_root, book.company, bag, limits.reference_docx_bytes, language=book.language)
    return build_docx(DocView("form", "", page, core, blocks), base)


def _sheet(sheet: Sheet) -> list[Block]:
    out: list[Block] = [Para(sheet.name, style="heading1", align="center")]
    if sheet.header:
        fields = list(sheet.header) + ([("", "")] if len(sheet.header) % 2 else [])
        out.append(Table(widths=(2.2, 5.8, 2.2, 5.8), header_rows=0, text_size=_TABLE_SIZE, rows=tuple(
            (Cell(a, shade=True), Cell(b), Cell(c, shade=True), Cell(d))
            for (a, b), (c, d) in zip(fields[::2], fields[1::2], strict=True))))
        out.append(Para("", style="normal"))
    width = len(sheet.columns)
    rows: list[tuple[Cell, ...]] = [tuple(Cell(c.title, heading=True) for c in sheet.columns)]
    for group in sheet.groups:
        if group.title:
            rows.append((Cell(group.title, span=width, shade=True),))
        # Blank lines give a printed form room to write in; a cell's own text keeps it as it is.
        room = "\n" * (sheet.row_lines - 1)
        rows += [tuple(Cell(v or room, align="center" if c.center else None)
                       for c, v in zip(sheet.columns, row, strict=True)) for row in group.rows]
    out.append(Table(widths=tuple(c.width for c in sheet.columns), rows=tuple(rows), header_rows=1,
                     text_size=_TABLE_SIZE))
    out += [Para(note, style="normal", space_before=6) for note in sheet.notes]
    if sheet.signoff:
        # A labelled box per signatory, with room to sign and date by hand.
        out += [Para("", style="normal"), Table(widths=tuple(1.0 for _ in sheet.signoff), header_rows=0,
                                                text_size=_TABLE_SIZE, rows=(
            tuple(Cell(who, shade=True) for who in sheet.signoff), tuple(Cell("\n\n") for _ in sheet.signoff)))]
    return out


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
