"""The view-model of a blank record form (记录表单): the layout plan drawn as grids, tables and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.display import company_name, form_number
from proccompile.model.form import Form
from proccompile.model.form_layout import GRID, KEEP_ROWS, BlankTable, FormPlan, Grid, Slot, form_page, plan_form
from proccompile.model.form_page import PACKAGED_WORDS, FormWords
from proccompile.model.line_breaks import NB_HYPHEN, unbroken_codes
from proccompile.model.output_names import output_relpath
from proccompile.render.blocks import NUMPAGES, PAGE, Block, Cell, CoreProps, DocView, Logo, PageView, Para, Table
from proccompile.render.page_marks import core_language, status_marks, withdrawal_text
from proccompile.validate.layout import house_notes, report_cuts
from proccompile.views.wording import Texts


def form_words(texts: Texts) -> FormWords:
    """The fixed wording a form prints, from the project's templates (packaged ones by default)."""
    label = texts.label
    return FormWords(
        checkbox=label("checkbox"), checked=label("checkbox_ticked"), gap=label("gap"),
        date_blank=label("date_blank"), blank_line=label("blank_line"), separator=label("label_separator"),
        name=label("signer_name"), signature=label("signer_signature"), title=label("signer_title"),
        phone=label("signer_phone"), date=label("signer_date"), signer=label("signer_role"),
    )


def form_view(corpus: Corpus, doc: Document[Form], texts: Texts, date: dt.date, logo: Logo | None = None,
              bag: Diagnostics | None = None) -> DocView:
    """``date`` stands in for created/modified: forms carry no dates of their own (see render_corpus).

    With ``bag``, blank rows cut with the project's own wording where the check (which measures the packaged
    wording) cut none or fewer are reported there: no row is ever dropped without a finding.
    """
    f = doc.model
    config = corpus.config
    label = texts.label
    number, version = _identity(corpus, f)
    company = company_name(corpus, f)
    note = label("note_form_copyable" if f.copyable else "note_form_released")
    marks = status_marks(texts, f.status, number, version, f.title, note=note,
                         withdrawn=withdrawal_text(corpus, texts, f))
    page = form_page(f, config.page)
    view = PageView(
        company=company,
        title=f.title,
        rows=((label("header_form_number"), number),
              *([(label("header_version"), version)] if version else []),
              (label("header_page"), texts.render("page_number", page=PAGE, pages=NUMPAGES))),
        stamp=marks.stamp, watermark=marks.watermark, footer=marks.footer,
        landscape=page.landscape, paper=page.paper, logo=logo,
    )
    core = CoreProps(
        title=f.title, identifier=f.code, version=f.version, language=core_language(config.language),
        date=date, author=company, category=label("kind_form"), status=label(f"stamp_{f.status}"),
        subject=form_number(corpus, f),
    )
    notes = texts.lines("form_notes", instructions=list(f.instructions))
    plan = plan_form(f, notes, form_words(texts), page)
    if bag is not None and plan.cuts():
        checked = plan_form(f, [*f.instructions, *house_notes(config.language)], PACKAGED_WORDS[config.language],
                            page)
        report_cuts(doc, plan, bag, already=checked)
    blocks = list(_body(plan, texts, notes))
    relpath = output_relpath("form", f.code, f.version, f.title, portable=config.output_names == "portable",
                             folder=corpus.doctype("form").folder)
    return DocView("form", relpath, view, core, blocks)


def _identity(corpus: Corpus, f: Form) -> tuple[str, str]:
    """The printed number and the version box's value ("" for none), as `numbering.form_edition` asks."""
    numbering = corpus.config.numbering
    if numbering.form_edition == "box":
        return f.code, f.version
    number = form_number(corpus, f)
    if numbering.form_edition == "suffix" or "{version}" in numbering.form_display:
        return number, ""  # a number that already holds the version is not followed by it again
    return number, f.version


def _body(plan: FormPlan, texts: Texts, notes: list[str]) -> Iterator[Block]:
    label = texts.label
    for index, part in enumerate(plan.parts):
        # The last part keeps its last rows (all of a sign-off block) with the notes: they never open a page alone.
        last = bool(notes) and index == len(plan.parts) - 1
        if isinstance(part, Grid):
            yield replace(_grid(part, plan), keep_last=1 if last else 0)
            continue
        if part.table.title and not part.keep_together:
            yield Para(part.table.title, style="heading2", align="center", keep_next=True, space_before=9)
        elif part.gap_before:
            yield Para("", style="normal")
        yield replace(_table(part, plan), keep_last=max(part.keep_last, KEEP_ROWS if last else 0))
    if notes:
        yield Para("", style="note", lead=label("form_notes") + label("label_separator"), space_before=12,
                   keep_next=True)
        for i, line in enumerate(notes, 1):
            yield Para(line, style="note", lead=f"{i}. ", widow_control=True)


def _table(part: BlankTable, plan: FormPlan) -> Table:
    density = plan.page.density
    heading = tuple(tuple(Cell(_nb(c.text), span=c.span, merge=c.merge, heading=True) for c in row)
                    for row in part.columns.heading)
    rows: list[tuple[Cell, ...]] = list(heading)
    heights: list[tuple[int, float]] = list(enumerate(part.columns.heading_cm))
    for cells, height in zip(part.listed, part.listed_cm, strict=True):
        if height != part.row_cm:
            heights.append((len(rows), height))
        rows.append(tuple(_listed_cell(text, column, part) for column, text in enumerate(cells)))
    count = len(part.listed)
    blank = tuple(Cell() for _ in part.columns.widths_cm)
    for number in range(count + 1, count + part.blank + 1):
        # The same row object repeated: the builder builds it once and copies it.
        rows.append((Cell(str(number), align="center"), *blank[1:]) if part.table.numbered else blank)
    heading_size = round(part.columns.heading_pt * 2)
    return Table(widths=part.columns.widths_cm, rows=tuple(rows), header_rows=len(heading), row_height=part.row_cm,
                 fit="fixed", heights=tuple(heights), text_size=density.size,
                 heading_size=heading_size if part.columns.heading_pt != density.font_pt else None,
                 cell_margin=density.cell_margin, keep_together=part.keep_together, keep_last=part.keep_last)


def _listed_cell(text: str, column: int, part: BlankTable) -> Cell:
    first = column == 0 or (column == 1 and part.table.numbered)
    if part.keep_together and column == 0:  # a signer's role
        return Cell(_nb(text), shade=True, bold=True, align="center")
    return Cell(unbroken_codes(text), align="center" if first and len(text) <= 12 else None)


def _grid(grid: Grid, plan: FormPlan) -> Table:
    density = plan.page.density
    rows: list[tuple[Cell, ...]] = []
    heights: list[tuple[int, float]] = []
    for index, row in enumerate(grid.rows):
        rows.append(tuple(_cell(slot) for slot in row.slots))
        if row.height_cm != density.line_cm:
            heights.append((index, row.height_cm))
    return Table(widths=(1.0,) * GRID, rows=tuple(rows), header_rows=0, row_height=density.line_cm, fit="fixed",
                 heights=tuple(heights), text_size=density.size, cell_margin=density.cell_margin,
                 keep_together=grid.keep_together)


def _cell(slot: Slot) -> Cell:
    kind = slot.kind
    if kind == "title":
        return Cell(_nb(slot.text), span=slot.span, shade=True, bold=True)
    if kind == "label":
        return Cell(_nb(slot.text), span=slot.span, shade=True, align="left" if slot.tall else "center",
                    top=slot.tall)
    if kind == "role":
        return Cell(_nb(slot.text), span=slot.span, shade=True, bold=True, align="center")
    if kind == "signoff":
        return Cell(_nb(slot.text), span=slot.span, align="right")
    if kind == "text":
        return Cell(unbroken_codes(slot.text), span=slot.span, align="both")
    return Cell(unbroken_codes(slot.text), span=slot.span, top=slot.tall)


def _nb(text: str) -> str:
    """Text the layout broke into lines itself: a hyphen inside a line must not break it again."""
    return text.replace("-", NB_HYPHEN)
