"""How big each node's symbol is and where its text goes: process boxes, diamonds, terminators, connectors and the
records' document symbols.

Every text lies inside the part of its symbol that the Word preset keeps for text (a terminator's rounded ends and a
document's wavy foot hold none), and a diamond's text block fits inside the diamond itself: a w × h diamond holds a
centred tw × th block when tw / w + th / h ≤ 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from proccompile.render.flowchart import wrapping
from proccompile.render.flowchart.chart import Node
from proccompile.render.flowchart.columns import Columns
from proccompile.render.flowchart.geometry import (
    BOX_SIZE,
    CM,
    INSET_X,
    INSET_Y,
    SLACK,
    SMALL_SIZE,
    TextLine,
    em,
    lines_height,
    text_lines,
    widest,
)

MAX_BOX_LINES = 4
DOC_GAP = CM // 10
DOCUMENT_TEXT = 0.8  # the wavy foot of a document symbol takes the rest of its height
# A terminator's text rectangle (the DrawingML preset's): 14.6 % of its height above and below stay free.
TERMINATOR_TEXT = (18437 - 3163) / 21600
DIAMOND_PAD = CM * 8 // 100  # between a diamond's text and its sides
_DIAMOND_SHARES = (40, 45, 50, 55, 60, 65, 70)  # text widths tried for a diamond, in % of its box
# A wider text block would make the diamond too tall to read as one: a word wider than this turns a portrait chart
# to landscape (plan.py).
WIDEST_DIAMOND_TEXT = _DIAMOND_SHARES[-1]


@dataclass(frozen=True)
class Symbol:
    """A node's symbol before placement: size, text, where the text goes, and its records' symbols."""

    w: int
    h: int
    lines: tuple[TextLine, ...]
    text_box: tuple[int, int, int, int]
    docs: tuple[tuple[int, tuple[TextLine, ...]], ...] = ()  # height and text of each record symbol
    note: tuple[TextLine, ...] = ()  # a diamond's 配合 and 时限 lines, printed under it

    @property
    def note_height(self) -> int:
        return lines_height(self.note) + 2 * INSET_Y if self.note else 0

    @property
    def row_height(self) -> int:
        docs = sum(h for h, _ in self.docs) + DOC_GAP * max(0, len(self.docs) - 1)
        return max(self.h + self.note_height, docs)


def symbol(node: Node, cols: Columns) -> Symbol:
    box = cols.box_width(node.lane)
    if node.kind == "process":
        inner = box - 2 * INSET_X
        head = f"{node.number}\u2002" if node.number else ""
        lines = text_lines(head + node.text, inner, BOX_SIZE, MAX_BOX_LINES, bold_prefix=node.number)
        lines += small_lines(node, inner)
        text_h = lines_height(lines)
        h = max(CM * 9 // 10, text_h + 2 * INSET_Y + CM // 20)
        return Symbol(box, h, tuple(lines), (INSET_X, (h - text_h) // 2, inner, text_h), _documents(node, cols))
    if node.kind == "decision":
        return _diamond(node, cols, box)
    if node.kind in ("start", "end"):
        lines = text_lines(node.text, box * 9 // 10 - CM // 5, BOX_SIZE, 3)
        text_w, text_h = widest(lines), lines_height(lines)
        w = min(box, max(box * 6 // 10, text_w + CM * 6 // 10))
        h = max(CM * 7 // 10, round((text_h + CM // 10) / TERMINATOR_TEXT))
        return Symbol(w, h, tuple(lines), ((w - text_w) // 2, (h - text_h) // 2, text_w, text_h))
    lines = text_lines(node.text, box - CM * 3 // 10, SMALL_SIZE, 2)  # connector
    w = min(box, max(CM * 7 // 10, widest(lines) + CM * 3 // 10))
    text_h = lines_height(lines)
    h = max(CM * 6 // 10, round(text_h / 0.75) + CM // 10)
    return Symbol(w, h, tuple(lines), (0, (h * 75 // 100 - text_h) // 2, w, text_h))


def _diamond(node: Node, cols: Columns, box: int) -> Symbol:
    """A diamond as low as its question allows: of the text widths tried, the one giving the lowest diamond that
    breaks no word or 《title》 (a narrow diamond leaves its outcome labels room beside its corners). The step number
    is on a line of its own; the 配合 and 时限 lines go under the diamond, as wide as a box, never squeezed into its
    narrow middle."""
    number = text_lines(node.number, box, BOX_SIZE, 1, bold_prefix=node.number) if node.number else []
    best: tuple[bool, int, int, int, int, list[TextLine]] | None = None
    for share in _DIAMOND_SHARES:
        room = box * share // 100
        lines = number + text_lines(node.text, room, BOX_SIZE, MAX_BOX_LINES)
        text_w, text_h = max(widest(lines), min(CM, room)), lines_height(lines)
        w = min(box, 2 * text_w + CM * 3 // 10)
        across = min(0.85, (text_w + 2 * DIAMOND_PAD) / w)
        # A lane too narrow for any diamond to hold its text (a chart of very many lanes) still gets one.
        h = max(CM * 11 // 10, round((text_h + 2 * DIAMOND_PAD) / (1 - across)))
        candidate = (wrapping.splits_a_word(node.text, (room - SLACK) / em(BOX_SIZE), MAX_BOX_LINES), h, text_w, w,
                     text_h, lines)
        if best is None or candidate[:3] < best[:3]:
            best = candidate
    assert best is not None
    _, h, text_w, w, text_h, lines = best
    return Symbol(w, h, tuple(lines), ((w - text_w) // 2, (h - text_h) // 2, text_w, text_h),
                  _documents(node, cols), tuple(small_lines(node, box - 2 * INSET_X)))


def small_lines(node: Node, width: int) -> list[TextLine]:
    """The 配合 and 时限 lines under a step's text, never cut short: a narrow diamond grows taller instead."""
    lines = text_lines(node.support, width, SMALL_SIZE, 4) if node.support else []
    return lines + (text_lines(node.limit, width, SMALL_SIZE, 4) if node.limit else [])


def _documents(node: Node, cols: Columns) -> tuple[tuple[int, tuple[TextLine, ...]], ...]:
    """A document symbol per record: form number and title on one line when they fit, else the title below."""
    inner = cols.doc_width() - 2 * INSET_X
    docs = []
    for record in node.records:
        lines = text_lines(f"{record.number} {record.title}".strip(), inner, SMALL_SIZE)
        if len(lines) > 1:
            lines = text_lines(record.number, inner, SMALL_SIZE, 1) + text_lines(record.title, inner, SMALL_SIZE, 3)
        docs.append(lines)
    if node.more_records:
        docs.append(text_lines(node.more_records, inner, SMALL_SIZE, 2))
    return tuple((round((lines_height(lines) + 2 * INSET_Y) / DOCUMENT_TEXT), tuple(lines)) for lines in docs)


def words_fit(node: Node, cols: Columns) -> bool:
    """Whether every word of the node's text (a Latin word, a code, a number with its unit) fits its symbol's widest
    line unbroken."""
    box = cols.box_width(node.lane)
    room = box * WIDEST_DIAMOND_TEXT // 100 if node.kind == "decision" else box - 2 * INSET_X
    return wrapping.longest_word(node.text) * em(BOX_SIZE) + SLACK <= room
