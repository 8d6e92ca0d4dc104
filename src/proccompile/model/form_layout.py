"""The page layout of a blank form: its parts in the order the YAML writes them, their heights, and the fit.

Shared by the render stage (which draws the plan) and the validate stage (which reports a one-page form
whose content cannot fit, and the blank rows cut to keep one on its page): both must agree on what
fits, so both use this plan. See form_grid (fields, text, sign-offs, signers) and form_tables (columns).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from proccompile.model.form import Column, Form, FormSection, FormTable, Signers
from proccompile.model.form_grid import (
    GRID,
    GridRow,
    Measure,
    Slot,
    field_rows,
    label_span,
    signer_columns,
    signer_rows,
    signoff_rows,
    text_row,
    title_row,
)
from proccompile.model.form_page import DENSITIES, FormPage, FormWords
from proccompile.model.form_tables import Columns, layout_columns
from proccompile.model.line_breaks import break_lines
from proccompile.model.types import Paper

__all__ = ["GRID", "BlankTable", "FormPlan", "Grid", "GridRow", "Slot", "form_page", "plan_form"]

MIN_ROWS = 3  # a table keeps at least this many rows (listed and blank) when blank rows are cut to fit
_NOTE_PT = 9.0  # the notes' type size (PC Note)
# One line of the notes, spacing included, with Chinese in it and without (measured as in form_page).
_NOTE_LINE_CM = (0.51, 0.41)
_NOTES_HEADING_CM = 0.42 + 0.51  # 12 pt before it, and its line
_GAP_CM = 0.67  # an empty paragraph between parts
_TITLE_CM = 1.1  # a table caption with its spacing
# Renderers differ in line heights; a form estimated this close to the foot may spill.
_SAFETY_CM = 0.3
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
KEEP_ROWS = 2  # rows of a table kept on the page of the sign-offs or signers that follow it


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[GridRow, ...]
    keep_together: bool = False  # sign-offs and signers are never split across pages


@dataclass(frozen=True, slots=True)
class BlankTable:
    table: FormTable
    columns: Columns
    listed: tuple[tuple[str, ...], ...]  # pre-printed rows, a text per column ("" blank), numbers included
    listed_cm: tuple[float, ...]  # their heights
    blank: int  # blank rows printed; fewer than asked when the form must stay on one page
    row_cm: float  # height of a blank row
    gap_before: bool  # an empty line separates it from a grid above
    keep_together: bool = False  # a signers table
    keep_last: int = 0  # the last rows keep with what follows (sign-offs), so those never stand alone

    @property
    def asked(self) -> int:
        return self.table.blank_count


Part = Grid | BlankTable


@dataclass(frozen=True, slots=True)
class FormPlan:
    page: FormPage
    parts: tuple[Part, ...]
    height_cm: float  # estimated height of the body, notes included
    limit_cm: float  # height one page holds for the body, less a margin for renderers' line heights
    fits: bool  # False: a one-page form whose content cannot fit even with its blank rows cut

    def cuts(self) -> list[tuple[int, BlankTable]]:
        """(index among the form's tables, part) of each table printed with fewer blank rows than asked."""
        tables = [p for p in self.parts if isinstance(p, BlankTable) and not p.keep_together]
        return [(i, p) for i, p in enumerate(tables) if p.blank < p.asked]


def form_page(form: Form, paper: Paper) -> FormPage:
    """The page ``form`` prints on: its own paper or the project's, its orientation and density."""
    return FormPage(form.page or paper, form.orientation == "landscape", DENSITIES[form.density])


def plan_form(form: Form, notes: Sequence[str], words: FormWords, page: FormPage) -> FormPlan:
    """Lay ``form`` out on ``page``; ``notes`` are the numbered filling notes printed at its foot."""
    measure = Measure(page.width_cm / GRID, page.density, words, page.density.pairs[page.landscape])
    parts = _parts(form, measure, page)
    limit = page.height_cm - _SAFETY_CM
    notes_cm = _notes_height(notes, page.width_cm)
    height = _height(parts, notes_cm)
    if not form.one_page or height <= limit:
        return FormPlan(page, tuple(parts), height, limit, True)
    # Cut blank rows from the table with the most rows first until the page holds everything.
    while height > limit:
        tables = [(len(p.listed) + p.blank, -i) for i, p in enumerate(parts)
                  if isinstance(p, BlankTable) and p.blank > 0 and len(p.listed) + p.blank > MIN_ROWS]
        if not tables:
            return FormPlan(page, tuple(parts), height, limit, False)
        index = -max(tables)[1]
        part = parts[index]
        assert isinstance(part, BlankTable)
        spare = min(part.blank, len(part.listed) + part.blank - MIN_ROWS)
        cut = min(spare, max(1, math.ceil((height - limit) / page.density.line_cm)))
        parts[index] = replace(part, blank=part.blank - cut)
        height = _height(parts, notes_cm)
    return FormPlan(page, tuple(parts), height, limit, True)


def _parts(form: Form, measure: Measure, page: FormPage) -> list[Part]:
    parts: list[Part] = []
    rows: list[GridRow] = []
    label = label_span([form.fields, *(section.fields for section in form.sections)], measure)
    for item in _section_parts(form, measure, page, label, top=True):
        if isinstance(item, GridRow):
            rows.append(item)
            continue
        if rows:
            parts.append(Grid(tuple(rows)))
            rows = []
        previous = parts[-1] if parts else None
        if item.keep_together and isinstance(previous, BlankTable) and not previous.keep_together:
            # A table's last rows go with the sign-offs or signers after it, which never open a page alone.
            parts[-1] = replace(previous, keep_last=KEEP_ROWS)
        parts.append(item)
    if rows:
        parts.append(Grid(tuple(rows)))
    return parts


def _section_parts(block: Form | FormSection, measure: Measure, page: FormPage, label: int,
                   top: bool) -> Iterator[GridRow | Part]:
    """Grid rows and tables of a form or section in written order; kept-together blocks as their own parts."""
    if isinstance(block, FormSection) and block.title:
        yield title_row(block.title, measure)
    for key, value in block.printed():
        if key == "fields":
            yield from field_rows(value, measure, label)
        elif key in ("table", "tables"):
            for table in [value] if key == "table" else value:
                yield _blank_table(table, [c.label for c in table.columns], measure, page, gap=top)
        elif key == "sections":
            for section in value:
                yield from _section_parts(section, measure, page, label, top=False)
        elif key == "text":
            yield text_row(block.paragraphs, measure)
        elif key == "signers":
            yield _signers(value, measure, page)
        elif key == "signoffs":
            yield Grid(tuple(signoff_rows(value, measure)), keep_together=True)


def _signers(signers: Signers, measure: Measure, page: FormPage) -> Part:
    rows = signer_rows(signers, measure) if signers.layout == "rows" else None
    if rows is not None:
        return Grid(tuple(rows), keep_together=True)
    labels, weights = signer_columns(signers, measure.words)
    table = FormTable(columns=[Column(label=label, width=w) for label, w in zip(labels, weights, strict=True)],
                      rows=list(signers.roles))
    part = _blank_table(table, labels, measure, page, gap=False)
    return replace(part, keep_together=True,
                   listed_cm=tuple(max(h, page.density.line_cm * 1.25) for h in part.listed_cm))


def _blank_table(table: FormTable, labels: list[str], measure: Measure, page: FormPage, gap: bool) -> BlankTable:
    columns = layout_columns(table, labels, page.width_cm, page.density)
    listed: list[tuple[str, ...]] = []
    heights: list[float] = []
    for number, cells in enumerate(table.listed, start=1):
        texts = ([str(number)] if table.numbered else []) + [c or "" for c in cells]
        texts += [""] * (len(labels) - len(texts))
        # Broken here, between pieces, so that a renderer never splits a term: 国贸部 | （出口合同）.
        broken = [break_lines(t, measure.cell_room(w)) for t, w in zip(texts, columns.widths_cm, strict=True)]
        listed.append(tuple("\n".join(lines) for lines in broken))
        heights.append(max(page.density.line_cm, measure.height(max(map(len, broken)))))
    return BlankTable(table, columns, tuple(listed), tuple(heights), table.blank_count, page.density.line_cm,
                      gap_before=gap)


def _table_height(part: BlankTable) -> float:
    caption = _TITLE_CM if part.table.title else (_GAP_CM if part.gap_before else 0.0)
    return caption + sum(part.columns.heading_cm) + sum(part.listed_cm) + part.blank * part.row_cm


def _height(parts: Sequence[Part], notes_cm: float) -> float:
    total = notes_cm
    for part in parts:
        if isinstance(part, Grid):
            total += sum(r.height_cm for r in part.rows)
        else:
            total += _table_height(part)
    return total


def _notes_height(notes: Sequence[str], width_cm: float) -> float:
    if not notes:
        return 0.0
    per_line = (width_cm - 0.6) / (_NOTE_PT * 2.54 / 72)
    height = _NOTES_HEADING_CM
    for number, note in enumerate(notes, 1):
        lines = len(break_lines(f"{number}. {note}", per_line))
        height += lines * _NOTE_LINE_CM[not _CJK.search(note)]
    return height
