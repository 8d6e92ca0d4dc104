"""Outcome labels beside their arrows: clear of the symbols, of the other labels, of every arrow and records link
and of the lines between lanes, as near where the arrow leaves its node as that allows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from proccompile.render.flowchart.columns import Placed
from proccompile.render.flowchart.geometry import CM, SMALL_SIZE, Shape, TextLine, text_lines, widest

_LABEL_PAD = CM * 5 // 100


@dataclass
class Room:
    """What an outcome label must keep clear of: the symbols, the labels placed so far, the arrows, the lines between
    lanes and the chart's edges."""

    placed: list[Placed]
    docs: list[tuple[int, int, int, int]]
    left: int
    right: int
    top: int
    bottom: int
    borders: list[int] = field(default_factory=list)  # x of the lines between lanes
    labels: list[tuple[int, int, int, int]] = field(default_factory=list)
    lines: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # arrows and records links

    def free(self, x: int, y: int, w: int, h: int, lines: bool = True) -> bool:
        """Whether a label may go there; with ``lines`` false, the arrows and the lines between lanes do not count,
        only the symbols, the other labels and the chart's edges."""
        if x < self.left or x + w > self.right or y < self.top or y + h > self.bottom:
            return False
        if lines and any(x - _LABEL_PAD < border < x + w + _LABEL_PAD for border in self.borders):
            return False  # a lane's border line through a label would strike its text out
        for (x0, y0), (x1, y1) in self.lines if lines else ():  # nor may an arrow cross it
            if min(x0, x1) <= x + w and x <= max(x0, x1) and min(y0, y1) <= y + h and y <= max(y0, y1):
                return False
        for p in self.placed:
            if x < p.x + p.w and p.x < x + w and y < p.y + p.h and p.y < y + h and _meets(p, x, y, w, h):
                return False
        return not any(x < a + c and a < x + w and y < b + d and b < y + h for a, b, c, d in self.docs + self.labels)


def _meets(p: Placed, x: int, y: int, w: int, h: int) -> bool:
    """Whether a rectangle overlapping the node's bounds meets the symbol itself (a diamond is narrower)."""
    if p.node.kind != "decision":
        return True
    dx = max(x - p.cx, 0, p.cx - (x + w))
    dy = max(y - p.cy, 0, p.cy - (y + h))
    return dx * p.h + dy * p.w < p.w * p.h // 2


def place_label(text: str, source: Placed, points: tuple[tuple[int, int], ...], room: Room) -> Shape:
    """An outcome's label beside its arrow, as near the start as nothing else is there: beside where it leaves
    the node, else along its runs; a long label is tried on two or three lines too."""
    tried: list[tuple[int, int, str, tuple[TextLine, ...]]] = []
    for width, max_lines in ((max(CM, (room.right - room.left) // 3), 2), (CM, 3)):
        lines = tuple(text_lines(text, width, SMALL_SIZE, max_lines))
        w, h = widest(lines) + CM // 10, sum(line.height for line in lines)
        for x, y, align in _spots(points, w, h, source):
            tried.append((x, y, align, lines))
            if room.free(x, y, w, h):
                return _placed_label(room, x, y, align, lines)
    # Nowhere clear of the arrows and lane borders too (a crowded narrow lane): the first place clear of every
    # symbol and label, else the nearest such place around where the arrow leaves its node, else the first place
    # of all, moved within the lanes.
    for x, y, align, lines in tried:
        if room.free(x, y, widest(lines) + CM // 10, sum(line.height for line in lines), lines=False):
            return _placed_label(room, x, y, align, lines)
    x, y, align, lines = tried[0]
    w, h = widest(lines) + CM // 10, sum(line.height for line in lines)
    (x0, y0), step = points[0], CM // 10
    for ring in range(1, 41):  # up to 4 cm away
        for dx, dy in _ring(ring):
            if room.free(x0 + dx * step - w // 2, y0 + dy * step - h // 2, w, h, lines=False):
                return _placed_label(room, x0 + dx * step - w // 2, y0 + dy * step - h // 2, "center", lines)
    return _placed_label(room, min(max(x, room.left), room.right - w), min(max(y, room.top), room.bottom - h),
                         align, lines)


def _ring(k: int) -> Iterator[tuple[int, int]]:
    """The grid points at distance ``k`` (in the max norm) around the origin, in a fixed order."""
    for d in range(-k, k + 1):
        yield from ((d, -k), (d, k))
    for d in range(-k + 1, k):
        yield from ((-k, d), (k, d))


def _placed_label(room: Room, x: int, y: int, align: str, lines: tuple[TextLine, ...]) -> Shape:
    w, h = widest(lines) + CM // 10, sum(line.height for line in lines)
    room.labels.append((x, y, w, h))
    return Shape("label", x, y, w, h, lines, (0, 0, w, h), align=align)  # type: ignore[arg-type]


def _spots(points: tuple[tuple[int, int], ...], w: int, h: int, source: Placed) -> Iterator[tuple[int, int, str]]:
    """Places for a w × h label: around the point where the arrow leaves its node (further from the line, and
    over a diamond's sloping edge, as room allows), then beside each run of the arrow (near its start, at its
    middle, near its end), then in the gaps just below and above its node, which hold no symbol."""
    (x0, y0), (x1, y1) = points[0], points[1]
    toward = 1 if x1 > x0 else -1 if x1 < x0 else 0
    if source.node.kind == "decision" and y1 == y0 and toward:
        # Leaving a diamond's corner sideways: between the corner and the track, and where the label reaches
        # back over the corner, raised (or lowered) just clear of the diamond's sloping edge.
        for x in ((x0 + _LABEL_PAD, x1 - _LABEL_PAD - w) if toward > 0 else (x0 - _LABEL_PAD - w, x1 + _LABEL_PAD)):
            reach = max(0, (x0 + _LABEL_PAD - x) if toward > 0 else (x + w + _LABEL_PAD - x0))
            lift = reach * source.h // max(1, source.w)
            if lift + h + _LABEL_PAD // 2 > source.h // 2:
                continue  # above (or below) the diamond it would read as the label of the arrow in (or out)
            align = "left" if toward > 0 else "right"
            yield x, y0 - lift - h - _LABEL_PAD // 2, align
            yield x, y0 + lift + _LABEL_PAD // 2, align
    for lift in range(4):
        for y in (y0 - h - _LABEL_PAD // 2 - lift * _LABEL_PAD * 2, y0 + _LABEL_PAD // 2 + lift * _LABEL_PAD * 2):
            for x in ((x0 + _LABEL_PAD, x0 - w // 2, x0 - _LABEL_PAD - w) if toward >= 0
                      else (x0 - _LABEL_PAD - w, x0 - w // 2, x0 + _LABEL_PAD)):
                yield x, y, "left" if x >= x0 else "right" if x + w <= x0 else "center"
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        for share in (0, 1, 2):
            if x0 == x1:  # a vertical run: to its right and to its left
                if share == 2:
                    y = y1 - _LABEL_PAD // 2 - h if y1 > y0 else y1 + _LABEL_PAD // 2
                else:
                    y = y0 + (y1 - y0) * share // 2 + (_LABEL_PAD // 2 if y1 > y0 else -_LABEL_PAD // 2 - h)
                yield x0 + _LABEL_PAD, y, "left"
                yield x0 - _LABEL_PAD - w, y, "right"
            else:  # a level run: above it and below it
                if share == 2:
                    x = x1 - _LABEL_PAD - w if x1 > x0 else x1 + _LABEL_PAD
                else:
                    x = x0 + (x1 - x0) * share // 2 + (_LABEL_PAD if x1 > x0 else -_LABEL_PAD - w)
                align = "left" if x1 > x0 else "right"
                yield x, y0 - _LABEL_PAD // 2 - h, align
                yield x, y0 + _LABEL_PAD // 2, align
    for y in (source.y + source.row_h + _LABEL_PAD // 2, source.y - _LABEL_PAD // 2 - h):
        yield source.cx + _LABEL_PAD, y, "left"
        yield source.cx - _LABEL_PAD - w, y, "right"
