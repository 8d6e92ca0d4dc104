"""Orthogonal arrows between placed nodes (one node per row), their outcome labels (placed by ``labels.py``), and the
records' dotted links.

An arrow to the next row leaves the bottom of its node and enters the top of the next one, turning in the gap
between them. Any other arrow leaves its node sideways along the node's own row (or, from a diamond whose side
corner is taken, down into the gap below), runs along a vertical track, and enters its target sideways along the
target's row (or from the gap above). Tracks lie in the strips between neighbouring lanes' boxes, where no symbol
is ever placed; arrows whose spans meet take different tracks. Rows hold one node each, so a sideways run meets
no symbol, and gaps hold none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proccompile.render.flowchart.chart import Edge
from proccompile.render.flowchart.columns import Columns, Placed
from proccompile.render.flowchart.geometry import CM, Shape, Wire
from proccompile.render.flowchart.labels import Room, place_label

_TRACK = CM * 12 // 100  # between neighbouring tracks


@dataclass
class _Tracks:
    cols: Columns
    slots: dict[int, list[tuple[int, list[tuple[int, int]]]]] = field(default_factory=dict)

    def _slots(self, boundary: int) -> list[tuple[int, list[tuple[int, int]]]]:
        if boundary not in self.slots:
            lo, hi = self.cols.strip(boundary)
            middle = (lo + hi) // 2
            # At least half a track off the middle, where the lanes' own border line runs: a track on it would
            # vanish, and one just beside it reads as a thicker border. The first tracks taken lie halfway between
            # the border and the boxes, the others nearer the boxes, then nearer the border.
            xs = []
            for k in range(max(1, (hi - lo) // _TRACK + 1)):
                xs += [x for x in (middle - _TRACK // 2 - k * _TRACK, middle + _TRACK // 2 + k * _TRACK)
                       if lo <= x <= hi]
            preferred = (hi - lo) // 4
            xs.sort(key=lambda x: (abs(abs(x - middle) - preferred) + (_TRACK if abs(x - middle) < preferred
                                                                        else 0), x))
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
    room = Room(placed, obstacles, cols.lane_x[0], cols.lane_x[-1] + cols.lane_w[-1], cols.heading, bottom,
                 list(cols.lane_x[1:]))
    for plan in plans:
        wires.append(Wire(_points(plan, placed, ports, gap)))
        room.lines += zip(wires[-1].points, wires[-1].points[1:], strict=False)
    links = [w for i, centres in enumerate(docs) if centres
             for w in _records_wires(cols, placed[i], ports[(i, "rec")], centres)]
    for link in links:  # a dotted records link through a label strikes it out as well as an arrow would
        room.lines += zip(link.points, link.points[1:], strict=False)
    for plan, wire in zip(plans, wires, strict=True):
        if plan.edge.label:
            labels.append(place_label(plan.edge.label, placed[plan.edge.source], wire.points, room))
    return wires + links, labels


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


def _records_wires(cols: Columns, p: Placed, port: tuple[int, int], centres: list[int]) -> list[Wire]:
    spine = cols.spine_x()
    px, py = port
    wires = [Wire(((px, py), (spine, py)), arrow=False, dashed=True)]
    top, bottom = min(py, *centres), max(py, *centres)
    if top < bottom:
        wires.append(Wire(((spine, top), (spine, bottom)), arrow=False, dashed=True))
    wires += [Wire(((spine, c), (cols.doc_x(), c)), arrow=False, dashed=True) for c in centres]
    return wires
