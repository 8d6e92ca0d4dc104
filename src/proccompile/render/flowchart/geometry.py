"""The drawn vocabulary of a flowchart (shapes with wrapped text, wires) and how big each symbol is.

Coordinates and sizes are integer EMU (360 000 per cm, 12 700 per point), the unit of DrawingML, so that the Word
drawing is exact and deterministic; the SVG uses the same numbers in its viewBox. Text is wrapped here, once, into
explicit lines that both renderers print as they are, with widths estimated as ``model.text_width`` does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from proccompile.model.text_width import text_ems

CM = 360_000
PT = 12_700
LINE_SPACING = 1.25  # exact line height as a multiple of the text size; the renderers are told the same
# Text sizes in half-points, as Word stores them.
BOX_SIZE = 16  # 8 pt: step text
SMALL_SIZE = 14  # 7 pt: support, limit, records, outcome labels
HEAD_SIZE = 18  # 9 pt: lane headings
INSET_X = CM // 10  # text inset of a box from its sides
INSET_Y = CM // 20
ELLIPSIS = "…"
# Renderers set glyphs a little wider than the estimate now and then (a full-width ？ at a line's end); a line
# clipped at its box's edge would lose a character, so lines are wrapped this much short of their box.
SLACK = CM * 15 // 100

ShapeKind = Literal["header", "lane", "stage", "process", "decision", "start", "end", "connector", "document",
                    "label"]
# Symbols a wire must never pass through, and that must never overlap one another.
SYMBOLS = frozenset({"process", "decision", "start", "end", "connector", "document", "stage", "header"})


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class TextLine:
    runs: tuple[Run, ...]
    size: int  # half-points

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def height(self) -> int:
        return line_height(self.size)


@dataclass(frozen=True, slots=True)
class Shape:
    """A symbol or text block. ``text_box`` is where its lines go (x, y, w, h), within the shape."""

    kind: ShapeKind
    x: int
    y: int
    w: int
    h: int
    lines: tuple[TextLine, ...] = ()
    text_box: tuple[int, int, int, int] = (0, 0, 0, 0)
    align: Literal["center", "left", "right"] = "center"
    link: str = ""  # the step's anchor on the site

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class Wire:
    """A polyline of horizontal and vertical segments; an arrowhead at its last point when ``arrow``."""

    points: tuple[tuple[int, int], ...]
    arrow: bool = True
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    """One page's share of a chart, lane headings included: what one drawing (or one SVG) shows."""

    width: int
    height: int
    shapes: tuple[Shape, ...]
    wires: tuple[Wire, ...]


def line_height(size: int) -> int:
    return round(size / 2 * LINE_SPACING * PT)


def em(size: int) -> int:
    return size * PT // 2


# A number with its Chinese unit (24 小时, 2个工作日, 另 3 项) is kept on one line, like a Latin word.
_TOKEN = re.compile(r"\d+ ?(?:个工作日|个月|分钟|小时|天|周|年|项|日)|[A-Za-z0-9_./\-:@%+#&]+ ?| +|.", re.S)
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]%")
_NO_LINE_END = set("（《「『“‘([")


def wrap(text: str, width: int, size: int, max_lines: int = 0) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (EMU) at ``size``, as even as that many lines allow;
    the last kept line ends in … when ``max_lines`` cuts it. CJK breaks between characters, Latin between words
    (a word too long for a line is broken too); closing punctuation never starts a line, opening punctuation never
    ends one, and a line ends after a comma rather than just past it."""
    width = max(width - SLACK, em(size))
    lines = _greedy(text, width, size)
    if len(lines) > 1 and not (max_lines and len(lines) > max_lines):
        lines = _even(text, width, size, len(lines))
    if max_lines and len(lines) > max_lines:
        limit = max(1.0, width / em(size))
        last = lines[max_lines - 1]
        while last and text_ems(last + ELLIPSIS) > limit:
            last = last[:-1]
        if last and last[-1].isascii() and last[-1].isalnum() and " " in last:
            last = last[:last.rindex(" ")]  # never cut a Latin word
        lines = [*lines[:max_lines - 1], last.rstrip() + ELLIPSIS]
    return lines or [""]


def _even(text: str, width: int, size: int, count: int) -> list[str]:
    """Of the widths that keep ``count`` lines, the one whose lines end after most commas, then the narrowest."""
    # never so narrow that a word which fits the full width would be broken
    longest = max((text_ems(t.rstrip()) for t in _tokens(text, _limit(width, size))), default=0.0)
    narrow, wide = max(width // 3, math.ceil(longest * em(size)) + 1), width
    for _ in range(12):  # the narrowest width that still needs no more lines
        middle = (narrow + wide) // 2
        if len(_greedy(text, middle, size)) <= count:
            wide = middle
        else:
            narrow = middle
    best: tuple[int, int, list[str]] | None = None
    for step in range(9):
        lines = _greedy(text, wide + (width - wide) * step // 8, size)
        if len(lines) != count:
            continue
        soft = sum(1 for line in lines[:-1] if line[-1] in _SOFT_BREAKS)
        if best is None or soft > best[0]:
            best = (soft, step, lines)
    return best[2] if best else _greedy(text, width, size)


_SOFT_BREAKS = set("，、；：,;:")


def _greedy(text: str, width: int, size: int) -> list[str]:
    limit = _limit(width, size)
    lines: list[str] = []
    current = ""
    for token in _tokens(text, limit):
        if current and text_ems(current + token.rstrip()) > limit and token[0] not in _NO_LINE_START:
            carried = ""
            while current and current[-1] in _NO_LINE_END:
                carried, current = current[-1] + carried, current[:-1]
            if current.strip():
                lines.append(current.rstrip())
            current = carried + token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _limit(width: int, size: int) -> float:
    """A line's room in ems; widths are sums of floats, so an exact fit must count as one."""
    return max(1.0, width / em(size)) + 0.01


def _tokens(text: str, limit: float) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN.findall(" ".join(text.split())):
        if len(token) > 1 and text_ems(token.rstrip()) > limit:
            tokens.extend(token)  # a word longer than the line: break it anywhere
        else:
            tokens.append(token)
    return tokens


def text_lines(text: str, width: int, size: int, max_lines: int = 0, bold_prefix: str = "") -> list[TextLine]:
    """Wrapped lines as TextLines; ``bold_prefix`` (a step number at the start of ``text``) is set in bold."""
    out = []
    for k, line in enumerate(wrap(text, width, size, max_lines)):
        if k == 0 and bold_prefix and line.startswith(bold_prefix):
            runs = (Run(bold_prefix, True), *([Run(line[len(bold_prefix):])] if line != bold_prefix else []))
            out.append(TextLine(runs, size))
        else:
            out.append(TextLine((Run(line),), size))
    return out


def lines_height(lines: list[TextLine] | tuple[TextLine, ...]) -> int:
    return sum(line.height for line in lines)


def widest(lines: list[TextLine] | tuple[TextLine, ...]) -> int:
    """The room the widest line needs, slack included."""
    return max((round(text_ems(line.text) * em(line.size)) for line in lines), default=0) + SLACK
