"""Flowchart layout: columns, one symbol per row, page-sized parts with connectors, orthogonal arrows.

Pure geometry (no docx, no svg): the Word drawing, the site's SVG and the tests share it. The layout keeps two
promises by construction. Symbols never overlap: every row holds one node (in its lane) and that node's records
(in the records column), and rows are stacked. Arrows never pass through a symbol: an arrow runs down the gap
below its node to the next row, or sideways along its node's own row to a vertical track in the strip between two
lanes' boxes (a strip no symbol enters), along the track, and sideways along the target's row; no two arrows share a
track where their spans meet. See ``routing.py`` for the arrows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from proccompile.render.flowchart.chart import Chart, Edge, Node
from proccompile.render.flowchart.columns import Columns, Placed
from proccompile.render.flowchart.geometry import (
    BOX_SIZE,
    CM,
    HEAD_SIZE,
    INSET_X,
    INSET_Y,
    SMALL_SIZE,
    Part,
    Run,
    Shape,
    TextLine,
    lines_height,
    text_lines,
    widest,
)
from proccompile.render.flowchart.routing import route
from proccompile.render.flowchart.symbols import DOC_GAP, DOCUMENT_TEXT, Symbol, symbol

GAP = CM * 42 // 100  # between rows: room for an arrow's turn and an outcome label
TOP_PAD = CM * 3 // 10
BOTTOM_PAD = GAP // 2 + CM // 10  # an outcome label may sit in the half gap under the last row
_STAGE_WIDTH = CM * 3 // 2
_DOC_MARGINS = CM // 2  # the records column around a document symbol (the link's spine, the right margin)


@dataclass(frozen=True)
class Frame:
    """Where a chart goes: its width, and the height the first and every later part may take (None: one part)."""

    width: int
    first: int | None = None
    rest: int | None = None


def columns(chart: Chart, width: int) -> Columns:
    # The stage and records columns are as wide as their longest word needs (English words are not broken),
    # within bounds; the lanes share the rest.
    stage = min(max(_STAGE_WIDTH, _word_room(chart.stages, BOX_SIZE)), CM * 26 // 10) if chart.staged else 0
    titles = [r.title for n in chart.nodes for r in n.records]
    records = min(max(width * 17 // 100, CM * 26 // 10, _word_room(titles, SMALL_SIZE) + _DOC_MARGINS),
                  CM * 4) if chart.has_records else 0
    lanes = max(1, len(chart.lanes))
    lane = (width - stage - records) // lanes
    margin = min(max(lane // 10, CM // 4), CM * 4 // 10)
    xs = tuple(stage + k * lane for k in range(lanes))
    widths = tuple(lane if k < lanes - 1 else width - stage - records - lane * (lanes - 1) for k in range(lanes))
    heading = max([lines_height(_heading(name, w)) for name, w in zip(chart.lanes, widths, strict=True)]
                  + [lines_height(_heading(chart.records_heading, records))] * bool(records)
                  + [lines_height(_heading(chart.stage_heading, stage))] * bool(stage))
    return Columns(width, stage, records, xs, widths, margin, heading + CM // 4)


def _word_room(texts: list[str] | tuple[str, ...], size: int) -> int:
    """Width that the longest word (a Latin word or code; CJK breaks anywhere) of ``texts`` needs at ``size``."""
    words = [word for text in texts for word in re.findall(r"[A-Za-z0-9/.\-]+", text)]
    return max((widest([TextLine((Run(word),), size)]) for word in words), default=0) + 2 * INSET_X


def _heading(text: str, width: int) -> tuple[TextLine, ...]:
    lines = text_lines(text, width - 2 * INSET_X, HEAD_SIZE, max_lines=3)
    return tuple(TextLine(tuple(replace(r, bold=True) for r in line.runs), line.size) for line in lines)


def layout(chart: Chart, frame: Frame) -> list[Part]:
    """The chart as parts no taller than the frame allows, each with the lane headings on top."""
    cols = columns(chart, frame.width)
    symbols = [symbol(node, cols) for node in chart.nodes]
    if frame.rest is None or not chart.nodes:
        ranges = [(0, len(chart.nodes))]
    else:
        ranges = _partition(chart, symbols, cols, frame)
    crossing = [e for e in chart.edges if _part_of(ranges, e.source) != _part_of(ranges, e.target)]
    letters = {id(e): _letter(k) for k, e in enumerate(crossing)}
    parts = []
    for first, last in ranges:
        nodes, syms, edges = _local(chart, symbols, cols, crossing, letters, first, last)
        parts.append(_place(chart, cols, nodes, syms, edges))
    return parts


def _local(chart: Chart, symbols: list[Symbol], cols: Columns, crossing: list[Edge], letters: dict[int, str],
           first: int, last: int) -> tuple[list[Node], list[Symbol], list[Edge]]:
    """The rows of one part: connectors for arrows coming in from other parts, the part's own nodes, connectors
    for arrows going out; and the part's arrows in local row numbers."""
    inside = range(first, last)
    incoming = [e for e in crossing if e.target in inside]
    outgoing = [e for e in crossing if e.source in inside]
    nodes: list[Node] = []
    edges: list[Edge] = []
    for e in incoming:
        target = chart.nodes[e.target]
        nodes.append(Node("connector", target.lane, target.stage if not nodes else nodes[0].stage, letters[id(e)]))
    offset = len(nodes)
    nodes += chart.nodes[first:last]
    edges += [Edge(k, offset + e.target - first) for k, e in enumerate(incoming)]
    edges += [Edge(offset + e.source - first, offset + e.target - first, e.label) for e in chart.edges
              if e.source in inside and e.target in inside]
    for e in outgoing:
        source = chart.nodes[e.source]
        nodes.append(Node("connector", source.lane, chart.nodes[last - 1].stage, letters[id(e)]))
        edges.append(Edge(offset + e.source - first, len(nodes) - 1, e.label))
    syms = [symbol(n, cols) for n in nodes[:offset]] + symbols[first:last] + \
        [symbol(n, cols) for n in nodes[offset + last - first:]]
    return nodes, syms, sorted(edges, key=lambda e: (e.source, e.target))


def _part_height(chart: Chart, symbols: list[Symbol], cols: Columns, first: int, last: int) -> int:
    inside = range(first, last)
    rows = [s.row_height for s in symbols[first:last]]
    for e in chart.edges:
        if (e.source in inside) != (e.target in inside):
            # a connector row on this side of the cut; its size depends only on its letter's width
            rows.append(CM * 6 // 10)
    return cols.heading + TOP_PAD + sum(rows) + GAP * (len(rows) - 1) + BOTTOM_PAD


def _partition(chart: Chart, symbols: list[Symbol], cols: Columns, frame: Frame) -> list[tuple[int, int]]:
    """Consecutive row ranges, each as long as fits its page; a cut between subsections is preferred to one
    inside a subsection when the page is at least half full there."""
    assert frame.rest is not None
    ranges: list[tuple[int, int]] = []
    first, total = 0, len(chart.nodes)
    while first < total:
        capacity = frame.first if not ranges and frame.first is not None else frame.rest
        # The most rows that fit (a part shows at least one, even one taller than the page). Not the first end
        # that does not fit: one more row can save connectors, so a longer part may fit where a shorter did not.
        last = max([end for end in range(first + 2, total + 1)
                    if _part_height(chart, symbols, cols, first, end) <= capacity], default=first + 1)
        if last < total and chart.nodes[last - 1].stage == chart.nodes[last].stage:
            cuts = [k for k in range(first + 1, last) if chart.nodes[k - 1].stage != chart.nodes[k].stage
                    and _part_height(chart, symbols, cols, first, k) * 2 >= capacity]
            last = cuts[-1] if cuts else last
        ranges.append((first, last))
        first = last
    return ranges


def _part_of(ranges: list[tuple[int, int]], index: int) -> int:
    return next(k for k, (first, last) in enumerate(ranges) if first <= index < last)


def _letter(k: int) -> str:
    return chr(ord("A") + k) if k < 26 else _letter(k // 26 - 1) + chr(ord("A") + k % 26)


def _place(chart: Chart, cols: Columns, nodes: list[Node], syms: list[Symbol], edges: list[Edge]) -> Part:
    tops, y = [], cols.heading + TOP_PAD
    for sym in syms:
        tops.append(y)
        y += sym.row_height + GAP
    height = (y - GAP if syms else y) + BOTTOM_PAD
    placed = [Placed(node, cols.center(node.lane) - sym.w // 2, top, sym.w, sym.h, sym.row_height)
              for node, sym, top in zip(nodes, syms, tops, strict=True)]
    shapes: list[Shape] = [*_frame_shapes(chart, cols, height), *_stage_shapes(chart, cols, placed, height)]
    centres: list[list[int]] = []
    obstacles: list[tuple[int, int, int, int]] = []  # records and notes, which outcome labels keep clear of
    notes: list[Shape] = []
    for p, sym in zip(placed, syms, strict=True):
        shapes.append(Shape(p.node.kind, p.x, p.y, p.w, p.h, sym.lines, sym.text_box, link=p.node.link))
        if sym.note:
            box = cols.box_width(p.node.lane)
            note = Shape("label", cols.center(p.node.lane) - box // 2, p.y + p.h, box, sym.note_height, sym.note,
                         (INSET_X, INSET_Y, box - 2 * INSET_X, lines_height(sym.note)))
            notes.append(note)
            obstacles.append((note.x, note.y, note.w, note.h))
        doc_y = p.y
        centres.append([])
        for h, lines in sym.docs:
            shapes.append(Shape("document", cols.doc_x(), doc_y, cols.doc_width(), h, lines,
                                (INSET_X, INSET_Y, cols.doc_width() - 2 * INSET_X, lines_height(lines)),
                                align="left"))
            centres[-1].append(doc_y + round(h * DOCUMENT_TEXT) // 2)
            obstacles.append((cols.doc_x(), doc_y, cols.doc_width(), h))
            doc_y += h + DOC_GAP
    under = {i for i, sym in enumerate(syms) if sym.note}
    wires, labels = route(cols, placed, edges, centres, obstacles, GAP, under)
    return Part(cols.width, height, tuple(shapes + notes + labels), tuple(wires))


def _frame_shapes(chart: Chart, cols: Columns, height: int) -> list[Shape]:
    """Lane headings and lane bodies (drawn first, under everything), the stage and records columns."""
    shapes = []
    columns_ = [(x, w, name) for x, w, name in zip(cols.lane_x, cols.lane_w, chart.lanes, strict=True)]
    if cols.stage:
        columns_.insert(0, (0, cols.stage, chart.stage_heading))
    if cols.records:
        columns_.append((cols.width - cols.records, cols.records, chart.records_heading))
    for x, w, _ in columns_:
        shapes.append(Shape("lane", x, 0, w, height))
    for x, w, name in columns_:
        lines = _heading(name, w)
        text_h = lines_height(lines)
        shapes.append(Shape("header", x, 0, w, cols.heading, lines,
                            (INSET_X, (cols.heading - text_h) // 2, w - 2 * INSET_X, text_h)))
    return shapes


def _stage_shapes(chart: Chart, cols: Columns, placed: list[Placed], height: int) -> list[Shape]:
    if not cols.stage or not placed:
        return []
    shapes = []
    groups: list[list[Placed]] = []
    for p in placed:
        if groups and groups[-1][0].node.stage == p.node.stage:
            groups[-1].append(p)
        else:
            groups.append([p])
    for k, group in enumerate(groups):
        top = cols.heading if k == 0 else group[0].y - GAP // 2
        bottom = height if k == len(groups) - 1 else group[-1].y + group[-1].row_h + GAP // 2
        # The subsection's number on a line of its own, its title under it.
        number, _, title = chart.stages[group[0].node.stage].partition(" ")
        room = max(1, (bottom - top) // TextLine((), BOX_SIZE).height - 2)
        lines = tuple(text_lines(number, cols.stage - 2 * INSET_X, BOX_SIZE, 1, bold_prefix=number)
                      + (text_lines(title, cols.stage - 2 * INSET_X, BOX_SIZE, room) if title else []))
        text_h = lines_height(lines)
        shapes.append(Shape("stage", 0, top, cols.stage, bottom - top, lines,
                            (INSET_X, (bottom - top - text_h) // 2, cols.stage - 2 * INSET_X, text_h)))
    return shapes
