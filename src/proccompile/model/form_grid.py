"""The field grid of a form: label/blank pairs, fixed text, section titles, sign-offs and signer rows.

Every row spans GRID columns. The labels of a form share one width, so the rules between label and
blank line up from row to row; blanks are at least as wide as what is written in them (a date on one
line, each choice option whole); text the layout breaks is broken between pieces (see line_breaks).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from proccompile.model.form import FormField, Signers
from proccompile.model.form_page import Density, FormWords
from proccompile.model.line_breaks import break_lines, printed_ems, unbroken, widest_piece_ems

GRID = 24  # columns of the field grid; every cell spans a whole number of them
_SLACK_CM = 0.12  # a line that just fits by the estimate may still wrap in a renderer with other metrics
_SAFETY = 1.04  # and the same in proportion, for long lines
_SIGNOFF_BLANK_EMS = 7.0  # room to sign or write a date
# Room for what a signer writes in each box, in ems; a date takes its printed blank.
_BOX_EMS = {"name": 4.0, "signature": 6.0, "title": 4.0, "phone": 5.0, "date": 5.0}
# Least room to write in a blank, in ems, by field type (a date takes its printed blank).
_WRITING_EMS = {"text": 5.0, "number": 3.0, "signature": 6.0}
SIGNER_ROW = 1.25  # signer rows are this many handwriting lines high: a signature needs the room

SlotKind = Literal["label", "blank", "title", "text", "signoff", "signoff_blank", "role"]


@dataclass(frozen=True, slots=True)
class Slot:
    kind: SlotKind
    span: int
    text: str = ""  # as printed, with the line breaks the layout chose
    tall: bool = False  # text at the top of a multi-line box


@dataclass(frozen=True, slots=True)
class GridRow:
    slots: tuple[Slot, ...]
    height_cm: float


@dataclass(frozen=True, slots=True)
class Measure:
    """The grid's geometry: one column's width, the type size, and the fixed wording."""

    unit_cm: float
    density: Density
    words: FormWords
    pairs: int
    em: float = dataclasses.field(init=False)  # one em of the cells' type, in cm, read once: every measure needs it

    def __post_init__(self) -> None:
        object.__setattr__(self, "em", self.density.em_cm)

    def span(self, ems: float) -> int:
        """Columns a cell needs to print ``ems`` of text on one line."""
        return max(2, math.ceil((ems * self.em * _SAFETY + self.density.pad_cm + _SLACK_CM) / self.unit_cm))

    def room(self, span: int) -> float:
        """Ems of text one line of a cell ``span`` columns wide holds."""
        return self.cell_room(span * self.unit_cm)

    def cell_room(self, width_cm: float) -> float:
        """Ems of text one line of a cell ``width_cm`` wide holds."""
        return max((width_cm - self.density.pad_cm - _SLACK_CM) / (self.em * _SAFETY), 1.0)

    def height(self, lines: int) -> float:
        """Height of a cell holding ``lines`` lines of text."""
        return self.density.text_line_cm * lines + 0.12


def label_span(groups: Sequence[Sequence[FormField]], measure: Measure) -> int:
    """The one label width of a form (``groups``: the fields of the form and of each section): one width keeps
    the rules of every row in line. It is never narrower than the longest word of a label; within that, the
    width that gives the shortest form, and of those the one nearest the widest label (up to half a pair)."""
    fields = [f for group in groups for f in group]
    pair = GRID // measure.pairs
    widest = max((measure.span(printed_ems(f.label)) for f in fields), default=2)
    piece = max((measure.span(widest_piece_ems(f.label)) for f in fields), default=2)
    natural = max(2, piece, min(widest, pair // 2))
    if not fields:
        return natural
    # Wider labels than a few columns past the natural width only take room from the blanks.
    candidates = range(max(2, piece), max(min(pair - 2, natural + 3), piece, 2) + 1)
    needs = {id(f): _blank_need(f, measure) for f in fields}

    def cost(label: int) -> tuple[float, int]:
        height = sum(_row_height(row, label, measure)
                     for group in groups for row in _packed(group, measure, label, needs))
        return round(height, 3), abs(label - natural)

    return min(candidates, key=cost)


def field_rows(fields: Sequence[FormField], measure: Measure, label: int) -> Iterator[GridRow]:
    """Label/blank pairs packed into rows, labels ``label`` columns wide; the last blank of a row stretches
    to the edge."""
    needs = {id(f): _blank_need(f, measure) for f in fields}
    for row in _packed(fields, measure, label, needs):
        slots: list[Slot] = []
        for field, total in row:
            own = min(label, total - 2)
            tall = field.lines > 1
            slots += [Slot("label", own, "\n".join(break_lines(field.label, measure.room(own))), tall),
                      Slot("blank", total - own, _blank_text(field, total - own, measure), tall)]
        yield GridRow(tuple(slots), _row_height(row, label, measure))


def _blank_need(field: FormField, measure: Measure) -> int:
    need = _blank_ems(field, measure)
    return measure.span(need) if need else 2


def _packed(fields: Sequence[FormField], measure: Measure, label: int,
            needs: dict[int, int]) -> Iterator[list[tuple[FormField, int]]]:
    """Rows of (field, columns it takes): whole pairs each, unless `width` or a box says otherwise; the last
    field of a row takes what the row has left."""
    pair = GRID // measure.pairs
    current: list[tuple[FormField, int]] = []
    used = 0
    for field in fields:
        if field.width is not None:
            total = round(field.width * GRID)
        elif field.lines > 1:
            total = GRID
        else:
            total = pair * math.ceil((label + needs[id(field)]) / pair)
        total = min(GRID, max(total, label + 2))
        if current and used + total > GRID:
            yield _stretch_last(current, used)
            current, used = [], 0
        current.append((field, total))
        used += total
        if used == GRID:
            yield current
            current, used = [], 0
    if current:
        yield _stretch_last(current, used)


def _stretch_last(row: list[tuple[FormField, int]], used: int) -> list[tuple[FormField, int]]:
    field, total = row[-1]
    return [*row[:-1], (field, total + GRID - used)]


def _row_height(row: list[tuple[FormField, int]], label: int, measure: Measure) -> float:
    height = measure.density.line_cm
    for field, total in row:
        own = min(label, total - 2)
        label_lines = len(break_lines(field.label, measure.room(own)))
        blank = _blank_text(field, total - own, measure)
        blank_lines = len(break_lines(blank, measure.room(total - own))) if blank else 1
        height = max(height, measure.density.line_cm * field.lines, measure.height(max(label_lines, blank_lines)))
    return height


def _options(field: FormField, words: FormWords) -> list[str]:
    return [(words.checked if option == field.value else words.checkbox) + unbroken(option)
            for option in field.options]


def _blank_ems(field: FormField, measure: Measure) -> float:
    """Ems the blank needs on one line: all of a choice's options, a date, a pre-filled value."""
    words = measure.words
    if field.type == "choice":
        items = _options(field, words)
        return sum(map(printed_ems, items)) + printed_ems(words.gap) * (len(items) - 1)
    if field.value is not None:
        return printed_ems(field.value)
    if field.type == "date":
        return printed_ems(words.date_blank)
    return _WRITING_EMS.get(field.type, 0.0)


def _blank_text(field: FormField, span: int, measure: Measure) -> str:
    words = measure.words
    if field.type == "choice":
        # Options are joined on a line while they fit and never split inside one.
        lines: list[str] = []
        for item in _options(field, words):
            if lines and printed_ems(lines[-1] + words.gap + item) <= measure.room(span):
                lines[-1] += words.gap + item
            else:
                lines.append(item)
        return "\n".join(lines)
    if field.value is not None:
        return field.value
    return {"checkbox": words.checkbox, "date": words.date_blank, "signature": words.blank_line}.get(field.type, "")


def text_row(paragraphs: Sequence[str], measure: Measure) -> GridRow:
    """Fixed text across the grid, e.g. a declaration; it wraps like any paragraph."""
    text = "\n".join(paragraphs)
    lines = len(break_lines(text, measure.room(GRID)))
    return GridRow((Slot("text", GRID, text),), measure.height(lines))


def title_row(title: str, measure: Measure) -> GridRow:
    lines = break_lines(title, measure.room(GRID), bold=True)
    return GridRow((Slot("title", GRID, "\n".join(lines)),), measure.height(len(lines)))


def signoff_rows(labels: Sequence[str], measure: Measure) -> Iterator[GridRow]:
    """Label and blank per sign-off, the fewest rows that hold them, shared out evenly so that a date does
    not end alone on a row under three pairs."""
    cells = []
    for text in labels:
        shown = text + measure.words.separator
        span = min(measure.span(printed_ems(shown)), GRID - 4)
        cells.append((Slot("signoff", span, "\n".join(break_lines(shown, measure.room(span)))),
                      measure.span(_SIGNOFF_BLANK_EMS)))
    rows = _balanced([label.span + blank for label, blank in cells])
    start = 0
    for count in rows:
        group = cells[start:start + count]
        start += count
        slots = [s for label, blank in group for s in (label, Slot("signoff_blank", blank))]
        lines = max(s.text.count("\n") + 1 for s in slots)
        yield _stretched(slots, max(measure.density.line_cm, measure.height(lines)))


def _balanced(widths: list[int]) -> list[int]:
    """How many items go on each row: the fewest rows a greedy fill needs, with counts as even as fit."""
    greedy: list[int] = []
    used = GRID + 1
    for width in widths:
        if greedy and used + width <= GRID:
            greedy[-1] += 1
            used += width
        else:
            greedy.append(1)
            used = width
    rows = len(greedy)
    # As even as can be, the fuller rows last: a date after its signer stays on the signer's row.
    low, extra = divmod(len(widths), rows)
    counts = [low + (i >= rows - extra) for i in range(rows)]
    starts = [sum(counts[:i]) for i in range(rows)]
    if all(sum(widths[s:s + c]) <= GRID for s, c in zip(starts, counts, strict=True)):
        return counts
    return greedy


def _stretched(slots: list[Slot], height: float) -> GridRow:
    """Blanks share the room left in the row, so the row spans the whole grid."""
    spare = GRID - sum(s.span for s in slots)
    blanks = [i for i, s in enumerate(slots) if s.kind in ("signoff_blank", "blank")]
    out = list(slots)
    for n, i in enumerate(blanks):
        out[i] = replace(out[i], span=out[i].span + spare // len(blanks) + (1 if n < spare % len(blanks) else 0))
    return GridRow(tuple(out), height)


def signer_rows(signers: Signers, measure: Measure) -> list[GridRow] | None:
    """One row per signer: role, then label and blank for each box; None when the boxes do not fit a row
    (the signers are then printed as a table). A date box prints the date blank when the row has room."""
    words = measure.words
    role = min(max(measure.span(printed_ems(r, bold=True)) for r in signers.roles), GRID // 4)
    for printed_date in (True, False):
        boxes = []
        for box in signers.boxes:
            text = getattr(words, box)
            dated = box == "date" and printed_date
            need = printed_ems(words.date_blank) if dated else _BOX_EMS[box]
            boxes.append((text, measure.span(printed_ems(text)), measure.span(need), words.date_blank if dated else ""))
        if role + sum(label + blank for _, label, blank, _ in boxes) <= GRID:
            break
    else:
        return None
    rows = []
    for name in signers.roles:
        lines = break_lines(name, measure.room(role), bold=True)
        slots = [Slot("role", role, "\n".join(lines))]
        for text, label, blank, printed in boxes:
            slots += [Slot("label", label, text), Slot("blank", blank, printed)]
        height = max(measure.density.line_cm * SIGNER_ROW, measure.height(len(lines)))
        rows.append(_stretched(slots, height))
    return rows


def signer_columns(signers: Signers, words: FormWords) -> tuple[list[str], list[float]]:
    """Headings and width weights of a signers table: the role, then one column per box."""
    weights = {"name": 1.2, "signature": 1.5, "title": 1.0, "phone": 1.2, "date": 1.2}
    return [words.signer, *(getattr(words, box) for box in signers.boxes)], [1.2, *(weights[b] for b in signers.boxes)]
