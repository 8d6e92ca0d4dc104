"""The drawn vocabulary of a flowchart: shapes with their text in lines, wires, parts, and the sizes of text.

Coordinates and sizes are integer EMU (360 000 per cm, 12 700 per point), the unit of DrawingML, so that the Word
drawing is exact and deterministic; the SVG uses the same numbers in its viewBox. Text is broken into explicit lines
once, here (``wrapping.py`` decides where), which both renderers print as they are, with widths estimated as
``model.text_width`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from proccompile.model.text_width import text_ems
from proccompile.render.flowchart import wrapping

CM = 360_000
PT = 12_700
LINE_SPACING = 1.25  # exact line height as a multiple of the text size; the renderers are told the same
# Text sizes in half-points, as Word stores them.
BOX_SIZE = 16  # 8 pt: step text
SMALL_SIZE = 14  # 7 pt: support, limit, records, outcome labels
HEAD_SIZE = 18  # 9 pt: lane headings
INSET_X = CM // 10  # text inset of a box from its sides
INSET_Y = CM // 20
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


def wrap(text: str, width: int, size: int, max_lines: int = 0) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (EMU, less the slack) at ``size`` (``wrapping.wrap``)."""
    return wrapping.wrap(text, max(width - SLACK, em(size)) / em(size), max_lines)


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
