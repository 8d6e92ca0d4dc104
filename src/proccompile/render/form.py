"""The view-model of a blank record form (记录表单): field grid, blank-row table, sign-off line and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.display import company_name, form_number
from proccompile.model.form import Form, FormField
from proccompile.model.output_names import output_relpath
from proccompile.render.blocks import Block, Cell, CoreProps, DocView, PageView, Para, Table
from proccompile.render.page_marks import core_language, status_marks
from proccompile.views.wording import Texts

# Blank rows and field cells need room for handwriting.
_WRITING_HEIGHT = 0.8  # cm
# About how many characters fit in the blank of one label/blank pair; longer choices take more pairs.
_PAIR_CHARS = {False: 12, True: 15}


def form_view(corpus: Corpus, doc: Document[Form], texts: Texts, date: dt.date) -> DocView:
    """``date`` stands in for created/modified: forms carry no dates of their own (see render_corpus)."""
    f = doc.model
    label = texts.label
    language = corpus.config.language
    number = form_number(corpus, f)
    company = company_name(corpus)
    marks = status_marks(texts, f.status, number, f.version, f.title)
    page = PageView(
        company=company,
        title=f.title,
        rows=((label("header_form_number"), number), (label("header_version"), f.version)),
        stamp=marks.stamp, watermark=marks.watermark, footer=marks.footer,
        landscape=f.orientation == "landscape",
    )
    core = CoreProps(
        title=f.title, identifier=f.code, version=f.version, language=core_language(language),
        date=date, author=company, category=label("kind_form"), status=label(f"stamp_{f.status}"), subject=number,
    )
    blocks = list(_body(f, texts, landscape=page.landscape))
    return DocView("form", output_relpath("form", f.code, f.version, f.title), page, core, blocks)


def _body(f: Form, texts: Texts, *, landscape: bool) -> Iterator[Block]:
    label = texts.label
    if f.fields:
        yield _field_grid(f.fields, texts, pairs=3 if landscape else 2, pair_chars=_PAIR_CHARS[landscape])
    if f.table:
        if f.table.title:
            yield Para(f.table.title, style="heading2", align="center", keep_next=True, space_before=9)
        elif f.fields:
            yield Para("", style="normal")
        heading = tuple(Cell(c.label, heading=True) for c in f.table.columns)
        blank = tuple(Cell() for _ in f.table.columns)
        # The same row object repeated: the builder builds it once and copies it.
        yield Table(widths=tuple(c.width for c in f.table.columns), rows=(heading, *[blank] * f.table.rows),
                    header_rows=1, row_height=_WRITING_HEIGHT)
    if f.signoffs:
        line = label("blank_line")
        yield Para((label("gap") * 2).join(f"{s}{label('label_separator')}{line}" for s in f.signoffs),
                   style="normal", align="right", space_before=12)
    notes = texts.lines("form_notes", instructions=list(f.instructions))
    if notes:
        yield Para("", style="note", lead=label("form_notes") + label("label_separator"), space_before=12,
                   keep_next=True)
        for i, line in enumerate(notes, 1):
            yield Para(line, style="note", lead=f"{i}. ")


def _field_grid(fields: list[FormField], texts: Texts, pairs: int, pair_chars: int) -> Table:
    """Label/blank pairs, ``pairs`` per row; a long blank (choice options) stretches over several pairs."""
    columns = pairs * 2
    rows: list[tuple[Cell, ...]] = []
    current: list[Cell] = []

    def flush() -> None:
        if not current:
            return
        used = sum(c.span for c in current)
        last = current[-1]
        # The last blank stretches over unused pairs, so every row spans the full width.
        current[-1] = Cell(last.text, span=last.span + columns - used, align=last.align)
        rows.append(tuple(current))
        current.clear()

    for field in fields:
        value = _blank(field, texts)
        width = min(pairs, -(-len(value) // pair_chars)) if field.type == "choice" else 1
        if sum(c.span for c in current) + 2 * width > columns:
            flush()
        current.extend([Cell(field.label, shade=True, align="center"), Cell(value, span=2 * width - 1)])
        if sum(c.span for c in current) == columns:
            flush()
    flush()
    return Table(widths=(1.0, 2.0) * pairs, rows=tuple(rows), header_rows=0, row_height=_WRITING_HEIGHT)


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
