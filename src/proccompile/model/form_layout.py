"""The page layout of a blank form: a grid of label/blank cells, blank-row tables, sign-offs and its height.

Shared by the render stage (which draws it) and the validate stage (which reports a one-page form whose
fixed content cannot fit): both must agree on what fits, so both use this plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from proccompile.model.form import Form, FormField, FormTable
from proccompile.model.text_width import fit_columns, natural_ems, text_ems, unbreakable_ems

GRID = 24  # columns of the field grid; every cell spans a whole number of them
LINE_CM = 0.8  # one handwriting line
_EM_CM = 0.37  # one em of the 10.5-pt table text
_PAD_CM = 0.42  # cell margins and the renderer's slack
_SLACK_CM = 0.15  # a label that just fits by the estimate may still wrap in a renderer with wider glyphs
_TEXT_LINE_CM = 0.52  # one printed line of table text, cell margins included
_NOTE_LINE_CM = 0.42  # one line of the 9-pt notes
_GAP_CM = 0.55  # an empty paragraph between parts
_TITLE_CM = 1.05  # a table caption with its spacing
_SIGNOFF_BLANK_EMS = 7.0  # room to sign or write a date
MIN_ROWS = 3  # a table keeps at least this many blank rows when rows are cut to fit the page
# Page geometry of the packaged reference document (A4, form margins): text width and height in cm.
_TEXT_WIDTH = {False: 16.5, True: 25.2}
_TEXT_HEIGHT = {False: 24.5, True: 15.8}
_SAFETY_CM = 1.0  # renderers differ in line heights; a form estimated this close to the foot may spill


SlotKind = Literal["label", "blank", "title", "signoff", "signoff_blank"]


@dataclass(frozen=True, slots=True)
class Slot:
    kind: SlotKind
    span: int
    text: str = ""
    field: FormField | None = None


@dataclass(frozen=True, slots=True)
class GridRow:
    slots: tuple[Slot, ...]
    height_cm: float


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class BlankTable:
    table: FormTable
    rows: int  # blank rows printed; fewer than asked when the form must stay on one page
    gap_before: bool  # an empty line separates it from a grid above


Part = Grid | BlankTable


@dataclass(frozen=True, slots=True)
class FormPlan:
    parts: tuple[Part, ...]
    height_cm: float  # estimated height of the body, notes included
    limit_cm: float  # height one page holds for the body, less a margin for renderers' line heights
    fits: bool  # False: a one-page form whose content cannot fit even with tables cut to MIN_ROWS


def plan_form(form: Form, notes: Sequence[str], *, choice_mark_ems: float = 1.5) -> FormPlan:
    """Lay ``form`` out; ``notes`` are the numbered filling notes printed at the foot.

    ``choice_mark_ems`` is the room a checkbox and the gap after it take beside each choice option.
    """
    landscape = form.orientation == "landscape"
    unit = _TEXT_WIDTH[landscape] / GRID
    pairs = 3 if landscape else 2
    parts = list(_parts(form, unit, pairs, choice_mark_ems))
    limit = _TEXT_HEIGHT[landscape] - _SAFETY_CM
    notes_cm = _notes_height(notes, _TEXT_WIDTH[landscape])
    height = _height(parts, unit, notes_cm)
    if not form.one_page or height <= limit:
        return FormPlan(tuple(parts), height, limit, True)
    # Cut blank rows from the longest table first until the page holds everything.
    while height > limit:
        tables = [(p.rows, -i) for i, p in enumerate(parts) if isinstance(p, BlankTable) and p.rows > MIN_ROWS]
        if not tables:
            return FormPlan(tuple(parts), height, limit, False)
        index = -max(tables)[1]
        part = parts[index]
        assert isinstance(part, BlankTable)
        over = height - limit
        cut = min(part.rows - MIN_ROWS, max(1, math.ceil(over / LINE_CM)))
        parts[index] = replace(part, rows=part.rows - cut)
        height = _height(parts, unit, notes_cm)
    return FormPlan(tuple(parts), height, limit, True)


def _parts(form: Form, unit: float, pairs: int, mark: float) -> Iterator[Part]:
    # The boxes (multi-line fields) of the whole form share one label width, so their edges line up.
    label = _box_label_span([*form.fields, *(f for section in form.sections for f in section.fields)], unit)
    rows: list[GridRow] = list(_field_rows(form.fields, unit, pairs, mark, label))
    for table in [*([form.table] if form.table else []), *form.tables]:
        if rows:
            yield Grid(tuple(rows))
            rows = []
        yield BlankTable(table, table.rows, gap_before=True)
    for section in form.sections:
        if section.title:
            rows.append(GridRow((Slot("title", GRID, section.title),), _TEXT_LINE_CM + 0.1))
        rows += _field_rows(section.fields, unit, pairs, mark, label)
        for table in section.tables:
            if rows:
                yield Grid(tuple(rows))
                rows = []
            yield BlankTable(table, table.rows, gap_before=False)
        rows += _signoff_rows(section.signoffs, unit)
    rows += _signoff_rows(form.signoffs, unit)
    if rows:
        yield Grid(tuple(rows))


def _span(ems: float, unit: float) -> int:
    return max(2, math.ceil((ems * _EM_CM + _PAD_CM + _SLACK_CM) / unit))


def _box_label_span(fields: list[FormField], unit: float) -> int:
    """The widest label of a multi-line field, up to a third of the row; a longer label wraps."""
    return min(max((_span(text_ems(f.label), unit) for f in fields if f.lines > 1), default=2), GRID // 3)


def _field_rows(fields: list[FormField], unit: float, pairs: int, mark: float, box_label: int) -> Iterator[GridRow]:
    """Label/blank pairs packed into rows of GRID columns; the last blank of a row stretches to the edge."""
    pair = GRID // pairs
    current: list[Slot] = []
    height = LINE_CM

    def flush() -> GridRow | None:
        nonlocal current, height
        if not current:
            return None
        used = sum(s.span for s in current)
        last = current[-1]
        current[-1] = replace(last, span=last.span + GRID - used)
        row = GridRow(tuple(current), height)
        current, height = [], LINE_CM
        return row

    for field in fields:
        # A label is sized to stay on one line, up to most of a pair; a longer one wraps.
        label_span = box_label if field.lines > 1 else min(_span(text_ems(field.label), unit), GRID // pairs - 2)
        blank_ems = sum(text_ems(o) + mark for o in field.options)
        if field.width is not None:
            total = round(field.width * GRID)
        elif field.lines > 1:
            total = GRID
        elif blank_ems:
            total = pair * math.ceil((label_span + _span(blank_ems, unit)) / pair)
        else:
            total = pair
        total = min(GRID, max(total, label_span + 2))
        label_span = min(label_span, total - 2)
        if sum(s.span for s in current) + total > GRID:
            row = flush()
            if row:
                yield row
        blank_span = total - label_span
        label_lines = math.ceil(text_ems(field.label) * _EM_CM / max(unit * label_span - _PAD_CM, 0.5))
        blank_lines = math.ceil(blank_ems * _EM_CM / max(unit * blank_span - _PAD_CM, 0.5)) if blank_ems else 1
        height = max(height, LINE_CM * field.lines, _TEXT_LINE_CM * max(label_lines, blank_lines) + 0.2)
        current += [Slot("label", label_span, field.label, field), Slot("blank", blank_span, field=field)]
        if sum(s.span for s in current) == GRID:
            row = flush()
            if row:
                yield row
    row = flush()
    if row:
        yield row


def _signoff_rows(labels: list[str], unit: float) -> Iterator[GridRow]:
    """Label and blank per sign-off, as many to a row as fit; labels are sized never to wrap."""
    current: list[Slot] = []
    for label in labels:
        label_span = min(_span(text_ems(label) + 1.0, unit), GRID - 4)  # the colon after it; a longer one wraps
        blank_span = _span(_SIGNOFF_BLANK_EMS, unit)
        if current and sum(s.span for s in current) + label_span + blank_span > GRID:
            yield _stretched(current)
            current = []
        current += [Slot("signoff", label_span, label), Slot("signoff_blank", blank_span)]
    if current:
        yield _stretched(current)


def _stretched(slots: list[Slot]) -> GridRow:
    """Blanks share the room left in the row, so the row spans the whole grid."""
    spare = GRID - sum(s.span for s in slots)
    blanks = [i for i, s in enumerate(slots) if s.kind == "signoff_blank"]
    out = list(slots)
    for n, i in enumerate(blanks):
        out[i] = replace(out[i], span=out[i].span + spare // len(blanks) + (1 if n < spare % len(blanks) else 0))
    return GridRow(tuple(out), LINE_CM)


def table_widths(table: FormTable, width_cm: float) -> list[float]:
    """Column widths of a blank table: the YAML weights, widened where a heading would break a word."""
    floor = [unbreakable_ems(c.label) * 1.08 * _EM_CM + _PAD_CM for c in table.columns]
    natural = [natural_ems(c.label) * 1.08 * _EM_CM + _PAD_CM for c in table.columns]
    return fit_columns(floor, natural, [c.width for c in table.columns], width_cm, by_content=False)


def _table_height(part: BlankTable, width_cm: float) -> float:
    widths = table_widths(part.table, width_cm)
    heading_lines = max(math.ceil(text_ems(c.label) * 1.08 * _EM_CM / max(w - _PAD_CM, 0.3))
                        for c, w in zip(part.table.columns, widths, strict=True))
    caption = _TITLE_CM if part.table.title else (_GAP_CM if part.gap_before else 0.0)
    return caption + _TEXT_LINE_CM * heading_lines + 0.1 + part.rows * LINE_CM


def _height(parts: Sequence[Part], unit: float, notes_cm: float) -> float:
    width = unit * GRID
    total = notes_cm
    for part in parts:
        if isinstance(part, Grid):
            total += sum(r.height_cm for r in part.rows)
        else:
            total += _table_height(part, width)
    return total


def _notes_height(notes: Sequence[str], width_cm: float) -> float:
    if not notes:
        return 0.0
    per_line = (width_cm - 0.6) / (_EM_CM * 9 / 10.5)
    lines = sum(math.ceil(max(text_ems(n) + 2, 1) / per_line) for n in notes)
    return _GAP_CM + _NOTE_LINE_CM * (lines + 1)
