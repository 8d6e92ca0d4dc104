"""The view-model of a blank record form (记录表单): field grids, sections, blank-row tables, sign-offs, notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.display import company_name, form_number
from proccompile.model.form import Form, FormField
from proccompile.model.form_layout import GRID, LINE_CM, Grid, Slot, plan_form
from proccompile.model.output_names import output_relpath
from proccompile.model.text_width import text_ems
from proccompile.render.blocks import NUMPAGES, PAGE, Block, Cell, CoreProps, DocView, PageView, Para, Table
from proccompile.render.page_marks import core_language, status_marks
from proccompile.views.wording import Texts


def form_view(corpus: Corpus, doc: Document[Form], texts: Texts, date: dt.date) -> DocView:
    """``date`` stands in for created/modified: forms carry no dates of their own (see render_corpus)."""
    f = doc.model
    label = texts.label
    language = corpus.config.language
    number = form_number(corpus, f)
    company = company_name(corpus)
    note = label("note_form_copyable" if f.copyable else "note_form_released")
    # A printed number that already holds the version ({code} Rev {version}) is not followed by it again.
    version = "" if "{version}" in corpus.config.numbering.form_display else f.version
    marks = status_marks(texts, f.status, number, version, f.title, note=note)
    page = PageView(
        company=company,
        title=f.title,
        rows=((label("header_form_number"), number), *([(label("header_version"), version)] if version else []),
              (label("header_page"), texts.render("page_number", page=PAGE, pages=NUMPAGES))),
        stamp=marks.stamp, watermark=marks.watermark, footer=marks.footer,
        landscape=f.orientation == "landscape",
    )
    core = CoreProps(
        title=f.title, identifier=f.code, version=f.version, language=core_language(language),
        date=date, author=company, category=label("kind_form"), status=label(f"stamp_{f.status}"), subject=number,
    )
    blocks = list(_body(f, texts, texts.lines("form_notes", instructions=list(f.instructions))))
    return DocView("form", output_relpath("form", f.code, f.version, f.title), page, core, blocks)


def _body(f: Form, texts: Texts, notes: list[str]) -> Iterator[Block]:
    label = texts.label
    plan = plan_form(f, notes, choice_mark_ems=text_ems(label("checkbox") + label("gap")))
    for part in plan.parts:
        if isinstance(part, Grid):
            yield _grid(part, texts)
            continue
        table = part.table
        if table.title:
            yield Para(table.title, style="heading2", align="center", keep_next=True, space_before=9)
        elif part.gap_before:
            yield Para("", style="normal")
        heading = tuple(Cell(c.label, heading=True) for c in table.columns)
        blank = tuple(Cell() for _ in table.columns)
        # The same row object repeated: the builder builds it once and copies it.
        yield Table(widths=tuple(c.width for c in table.columns), rows=(heading, *[blank] * part.rows),
                    header_rows=1, row_height=LINE_CM, fit="weights")
    if notes:
        yield Para("", style="note", lead=label("form_notes") + label("label_separator"), space_before=12,
                   keep_next=True)
        for i, line in enumerate(notes, 1):
            yield Para(line, style="note", lead=f"{i}. ")


def _grid(grid: Grid, texts: Texts) -> Table:
    rows: list[tuple[Cell, ...]] = []
    heights: list[tuple[int, float]] = []
    colon = texts.label("label_separator")
    for index, row in enumerate(grid.rows):
        rows.append(tuple(_cell(slot, texts, colon) for slot in row.slots))
        if row.height_cm != LINE_CM:
            heights.append((index, row.height_cm))
    return Table(widths=(1.0,) * GRID, rows=tuple(rows), header_rows=0, row_height=LINE_CM, fit="weights",
                 heights=tuple(heights))


def _cell(slot: Slot, texts: Texts, colon: str) -> Cell:
    tall = slot.field is not None and slot.field.lines > 1
    if slot.kind == "title":
        return Cell(slot.text, span=slot.span, shade=True, bold=True)
    if slot.kind == "label":
        return Cell(slot.text, span=slot.span, shade=True, align="left" if tall else "center", top=tall)
    if slot.kind == "signoff":
        return Cell(slot.text + colon, span=slot.span, align="right")
    if slot.kind == "signoff_blank":
        return Cell(span=slot.span)
    assert slot.field is not None
    return Cell(_blank(slot.field, texts), span=slot.span, top=tall)


def _blank(field: FormField, texts: Texts) -> str:
    label = texts.label
    if field.type == "choice":
        return label("gap").join(f"{label('checkbox')}{option}" for option in field.options)
    if field.type == "checkbox":
        return label("checkbox")
    if field.type == "date":
        return label("date_blank")
    if field.type == "signature":
        return label("blank_line")
    return ""
