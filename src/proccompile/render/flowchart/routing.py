"""Orthogonal arrows between placed nodes (one node per row), outcome labels, and the records' dotted links.

An arrow to the next row leaves the bottom of its node and enters the top of the next one, turning in the gap
between them. Any other arrow leaves its node sideways along the node's own row (or, from a diamond whose side
corner is taken, down into the gap below), runs along a vertical track, and enters its target sideways along the
target's row (or from the gap above). Tracks lie in the strips between neighbouring lanes' boxes, where no symbol
is ever placed; arrows whose spans meet take different tracks. Rows hold one node each, so a sideways run meets
no symbol, and gaps hold none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from proccompile.render.flowchart.chart import Edge, Node
from proccompile.render.flowchart.geometry import CM, SMALL_SIZE, Shape, TextLine, Wire, text_lines, widest

MAX_BOX = 5 * CM  # a box in a wide lane stays this wide: the rest of the lane is room for arrows and labels
_TRACK = CM * 12 // 100  # between neighbouring tracks
_TRACK_PAD = CM * 6 // 100  # between a track and a box
_SPINE = CM * 15 // 100  # the records' dotted spine, from the left edge of the records column
_DOC_LEFT = CM * 35 // 100
_DOC_RIGHT = CM * 15 // 100
_LABEL_PAD = CM * 5 // 100


@dataclass(frozen=True)
class Columns:
    """Horizontal geometry: the stage column, one column per lane, the records column; boxes centred in lanes."""

    width: int
    stage: int
    records: int
    lane_x: tuple[int, ...]
    lane_w: tuple[int, ...]
    margin: int
    heading: int

    def center(self, lane: int) -> int:
        return self.lane_x[lane] + self.lane_w[lane] // 2

    def box_width(self, lane: int) -> int:
        return min(self.lane_w[lane] - 2 * self.margin, MAX_BOX)

    def box_left(self, lane: int) -> int:
        return self.center(lane) - self.box_width(lane) // 2

    def box_right(self, lane: int) -> int:
        return self.box_left(lane) + self.box_width(lane)

    def doc_x(self) -> int:
        return self.width - self.records + _DOC_LEFT

    def doc_width(self) -> int:
        return self.records - _DOC_LEFT - _DOC_RIGHT

    def spine_x(self) -> int:
        return self.width - self.records + _SPINE

    def strip(self, boundary: int) -> tuple[int, int]:
        """The free strip at lane boundary ``boundary`` (0: left of the first lane's boxes, n: right of the last)."""
        lanes = len(self.lane_x)
        left = self.box_right(boundary - 1) if boundary > 0 else self.lane_x[0]
        right = self.box_left(boundary) if boundary < lanes else self.lane_x[-1] + self.lane_w[-1]
        return left + _TRACK_PAD, right - _TRACK_PAD


@dataclass(frozen=True)
class Placed:
    node: Node
    x: int
    y: int
    w: int
    h: int
    row_h: int

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2


@dataclass
class _Tracks:
    cols: Columns
    slots: dict[int, list[tuple[int, list[tuple[int, int]]]]] = field(default_factory=dict)

    def _slots(self, boundary: int) -> list[tuple[int, list[tuple[int, int]]]]:
        if boundary not in self.slots:
            lo, hi = self.cols.strip(boundary)
            middle = (lo + hi) // 2
            # Half a track off the middle, where the lanes' own border line runs: a track on it would vanish.
            xs = []
            for k in range(max(1, (hi - lo) // _TRACK + 1)):
                xs += [x for x in (middle - _TRACK // 2 - k * _TRACK, middle + _TRACK // 2 + k * _TRACK)
                       if lo <= x <= hi]
            self.slots[boundary] = [(x, []) for x in xs or [middle - _TRACK // 2]]
        return self.slots[boundary]

    def take(self, boundary: int, lo: int, hi: int, force: bool = False) -> int | None:
        """A track at ``boundary`` free over rows ``lo``..``hi`` (half-row units), now taken; None when full.

        With ``force``, a full strip gets one more track halfway between two others (never fails)."""
        slots = self._slots(boundary)
        for x, spans in slots:
            if all(hi < a or lo > b for a, b in spans):
                spans.append((lo, hi))
                return x
        if not force:
            return None
        xs = sorted(x for x, _ in slots)
        gaps = [(b - a, (a + b) // 2) for a, b in zip(xs, xs[1:], strict=False)] or [(0, xs[0] + 1)]
        x = max(gaps)[1]
        slots.append((x, [(lo, hi)]))
        return x


@dataclass(frozen=True)
class _Plan:
    index: int  # of the edge: port keys and ties are decided by it, so the output never depends on memory
    edge: Edge
    exit: str  # L, R, B
    entry: str  # L, R, T
    track: int | None = None  # x of the vertical run; None for an arrow to the next row


def route(cols: Columns, placed: list[Placed], edges: list[Edge], docs: list[list[int]],
          obstacles: list[tuple[int, int, int, int]], gap: int,
          noted: set[int]) -> tuple[list[Wire], list[Shape]]:
    """Wires for ``edges`` between ``placed`` nodes, their outcome labels, and the records links (``docs``: each
    row's record centres; ``obstacles``: record symbols and notes, which labels keep clear of; ``noted``: rows
    whose node has a note under it, so that no arrow leaves through its bottom)."""
    taken: set[tuple[int, str]] = {(i, "B") for i in noted}
    plans: list[_Plan] = []
    for k, e in enumerate(edges):
        if e.target == e.source + 1 and (e.source, "B") not in taken and (e.target, "T") not in taken:
            taken |= {(e.source, "B"), (e.target, "T")}
            plans.append(_Plan(k, e, "B", "T"))
    tracks = _Tracks(cols)
    downs = {p.index for p in plans}
    for k, e in enumerate(edges):
        if k not in downs:
            plans.append(_side_plan(k, e, placed, taken, tracks, len(cols.lane_x)))
    plans.sort(key=lambda p: p.index)
    ports = _ports(placed, plans, docs)
    wires: list[Wire] = []
    labels: list[Shape] = []
    bottom = placed[-1].y + placed[-1].row_h + gap // 2 if placed else cols.heading
    room = _Room(placed, obstacles, cols.lane_x[0], cols.lane_x[-1] + cols.lane_w[-1], cols.heading, bottom)
    for plan in plans:
        wires.append(Wire(_points(plan, placed, ports, gap)))
        room.lines += zip(wires[-1].points, wires[-1].points[1:], strict=False)
    for plan, wire in zip(plans, wires, strict=True):
        if plan.edge.label:
            labels.append(_label(plan, placed[plan.edge.source], wire.points, room))
    for i, centres in enumerate(docs):
        if centres:
            wires += _records_wires(cols, placed[i], ports[(i, "rec")], centres)
    return wires, labels


def _side_plan(index: int, e: Edge, placed: list[Placed], taken: set[tuple[int, str]], tracks: _Tracks,
               lanes: int) -> _Plan:
    source, target = placed[e.source], placed[e.target]
    ls, lt = source.node.lane, target.node.lane
    if lt > ls:
        order = [*range(ls + 1, lt + 1), *range(ls, -1, -1), *range(lt + 1, lanes + 1)]
    elif lt < ls:
        order = [*range(ls, lt, -1), *range(ls + 1, lanes + 1), *range(lt, -1, -1)]
    else:
        order = [ls, ls + 1, *range(ls - 1, -1, -1), *range(ls + 2, lanes + 1)]
    for force in (False, True):
        for boundary in order:
            exit_ = _end(source, e.source, "L" if boundary <= ls else "R", "B", taken, force)
            entry = _end(target, e.target, "L" if boundary <= lt else "R", "T", taken, force)
            if exit_ is None or entry is None:
                continue
            lo = 2 * e.source + (1 if exit_ == "B" else 0)
            hi = 2 * e.target - (1 if entry == "T" else 0)
            x = tracks.take(boundary, min(lo, hi), max(lo, hi), force)
            if x is None:
                continue
            taken |= {(e.source, exit_), (e.target, entry)}
            return _Plan(index, e, exit_, entry, x)
    raise AssertionError("a forced track never fails")  # pragma: no cover


def _end(p: Placed, index: int, side: str, other: str, taken: set[tuple[int, str]], force: bool) -> str | None:
    """The side an arrow uses at node ``p``: a diamond has one arrow per corner, other symbols share a side."""
    if p.node.kind != "decision" or force:
        return side
    for choice in (side, other):
        if (index, choice) not in taken:
            return choice
    return None


def _ports(placed: list[Placed], plans: list[_Plan],
           docs: list[list[int]]) -> dict[tuple[int, str], tuple[int, int]]:
    """Where each arrow meets each node: corners of diamonds, evenly spread points on the sides of other symbols.

    Keys are (row, "rec") for the records link and (row, "out3") / (row, "in3") for the ends of edge 3. The records
    link leaves level with the first record's centre, so it runs straight; other points on that side lie below it.
    """
    ports: dict[tuple[int, str], tuple[int, int]] = {}
    sides: dict[tuple[int, str], list[tuple[tuple[int, int], str]]] = {}
    for plan in plans:
        e = plan.edge
        for row, side, other, role in ((e.source, plan.exit, e.target, "out"), (e.target, plan.entry, e.source, "in")):
            key = f"{role}{plan.index}"
            p = placed[row]
            if side in ("T", "B"):
                ports[(row, key)] = (p.cx, p.y if side == "T" else p.y + p.h)
            else:
                # arrows to rows above take the upper points of a side, so that they do not cross at the node
                sides.setdefault((row, side), []).append(((other, plan.index), key))
    for i, p in enumerate(placed):
        top = p.y
        if docs[i]:
            level = min(docs[i][0], p.y + p.h // 2)
            if p.node.kind == "decision":  # on the upper right edge of the diamond
                ports[(i, "rec")] = (p.x + p.w // 2 + p.w * (level - p.y) // p.h, level)
            else:
                ports[(i, "rec")] = (p.x + p.w, level)
                top = level
        for side in ("L", "R"):
            conns = sorted(sides.get((i, side), []))
            start = top if side == "R" else p.y
            for k, (_, key) in enumerate(conns):
                y = start + (p.y + p.h - start) * (k + 1) // (len(conns) + 1)
                ports[(i, key)] = (_side_x(p, side, y), y)
    return ports


def _side_x(p: Placed, side: str, y: int) -> int:
    """Where a level line meets the node's side: a diamond's corner when it is the only one there, else its edge."""
    if p.node.kind != "decision":
        return p.x if side == "L" else p.x + p.w
    inset = p.w * abs(y - p.cy) // p.h  # a diamond narrows by w/h for every unit away from its middle
    return p.x + inset if side == "L" else p.x + p.w - inset


def _points(plan: _Plan, placed: list[Placed], ports: dict[tuple[int, str], tuple[int, int]],
            gap: int) -> tuple[tuple[int, int], ...]:
    e = plan.edge
    source, target = placed[e.source], placed[e.target]
    start = ports[(e.source, f"out{plan.index}")]
    end = ports[(e.target, f"in{plan.index}")]
    if plan.track is None:  # to the next row
        turn = source.y + source.row_h + gap // 2
        points = [start, (start[0], turn), (end[0], turn), end]
    else:
        points = [start]
        if plan.exit == "B":
            points.append((start[0], source.y + source.row_h + gap // 3))
        points += [(plan.track, points[-1][1])]
        before_end = [(end[0], target.y - gap // 3)] if plan.entry == "T" else []
        points += [(plan.track, (before_end or [end])[0][1]), *before_end, end]
    return _simplified(points)


def _simplified(points: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for point in points:
        if out and point == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == point[0] or out[-2][1] == out[-1][1] == point[1]):
            out[-1] = point  # three in a line: the middle one is no corner
            continue
        out.append(point)
    return tuple(out)


@dataclass
class _Room:
    """What an outcome label must keep clear of: the symbols, the labels placed so far, the lanes' edges."""

    placed: list[Placed]
    docs: list[tuple[int, int, int, int]]
    left: int
    right: int
    top: int
    bottom: int
    labels: list[tuple[int, int, int, int]] = field(default_factory=list)
    lines: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # every arrow's segments

    def free(self, x: int, y: int, w: int, h: int, lines: bool = True) -> bool:
        """Whether a label may go there; with ``lines`` false, only symbols and the lanes' edges count."""
        if x < self.left or x + w > self.right or y < self.top or y + h > self.bottom:
            return False
        for (x0, y0), (x1, y1) in self.lines if lines else ():  # nor may an arrow cross it
            if min(x0, x1) <= x + w and x <= max(x0, x1) and min(y0, y1) <= y + h and y <= max(y0, y1):
                return False
        for p in self.placed:
            if x < p.x + p.w and p.x < x + w and y < p.y + p.h and p.y < y + h and _meets(p, x, y, w, h):
                return False
        others = self.docs + self.labels if lines else self.docs
        return not any(x < a + c and a < x + w and y < b + d and b < y + h for a, b, c, d in others)


def _meets(p: Placed, x: int, y: int, w: int, h: int) -> bool:
    """Whether a rectangle overlapping the node's bounds meets the symbol itself (a diamond is narrower)."""
    if p.node.kind != "decision":
        return True
    dx = max(x - p.cx, 0, p.cx - (x + w))
    dy = max(y - p.cy, 0, p.cy - (y + h))
    return dx * p.h + dy * p.w < p.w * p.h // 2


def _label(plan: _Plan, source: Placed, points: tuple[tuple[int, int], ...], room: _Room) -> Shape:
    """An outcome's label beside its arrow, as near the start as nothing else is there: beside where it leaves
    the node, else along its runs; a long label is tried on two or three lines too."""
    tried: list[tuple[int, int, str, tuple[TextLine, ...]]] = []
    for width, max_lines in ((max(CM, (room.right - room.left) // 3), 2), (CM, 3)):
        lines = tuple(text_lines(plan.edge.label, width, SMALL_SIZE, max_lines))
        w, h = widest(lines) + CM // 10, sum(line.height for line in lines)
        for x, y, align in _spots(points, w, h, source):
            tried.append((x, y, align, lines))
            if room.free(x, y, w, h):
                return _placed_label(room, x, y, align, lines)
    # Nowhere clear of the arrows too (a crowded narrow lane): the first place clear of every symbol, else the
    # first place of all, moved within the lanes.
    for x, y, align, lines in tried:
        if room.free(x, y, widest(lines) + CM // 10, sum(line.height for line in lines), lines=False):
            return _placed_label(room, x, y, align, lines)
    x, y, align, lines = tried[0]
    w, h = widest(lines) + CM // 10, sum(line.height for line in lines)
    return _placed_label(room, min(max(x, room.left), room.right - w), min(max(y, room.top), room.bottom - h),
                         align, lines)


def _placed_label(room: _Room, x: int, y: int, align: str, lines: tuple[TextLine, ...]) -> Shape:
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


def _records_wires(cols: Columns, p: Placed, port: tuple[int, int], centres: list[int]) -> list[Wire]:
    spine = cols.spine_x()
    px, py = port
    wires = [Wire(((px, py), (spine, py)), arrow=False, dashed=True)]
    top, bottom = min(py, *centres), max(py, *centres)
    if top < bottom:
        wires.append(Wire(((spine, top), (spine, bottom)), arrow=False, dashed=True))
    wires += [Wire(((spine, c), (cols.doc_x(), c)), arrow=False, dashed=True) for c in centres]
    return wires
