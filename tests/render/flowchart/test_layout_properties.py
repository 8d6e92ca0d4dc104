"""The layout's promises on any flow hypothesis can think of: no overlap, no arrow through a symbol, no arrow on
top of another, every arrow drawn, every part within its page, and the same input always laid out the same."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from proccompile.render.flowchart.chart import Chart, Edge, Node, Record, per_stage
from proccompile.render.flowchart.drawingml import TEXT_RECTS
from proccompile.render.flowchart.geometry import CM, em
from proccompile.render.flowchart.layout import Frame, layout
from proccompile.render.flowchart.wrapping import ink_width
from tests.render.flowchart.drawn import assert_clean, from_part

_WORDS = st.sampled_from(["确认", "判定问题等级", "Review the report", "组织责任部门分析原因、制定纠正措施",
                          "Q/JL081301-C", "合格？", "Nonconformance", "技术中心", "After-Sales Service Department",
                          "（隔离、筛选）", "a" * 40, "检验" * 20])
_TEXT = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    lanes = draw(st.lists(_TEXT, min_size=1, max_size=8))
    stages = draw(st.integers(1, 3))
    nodes: list[Node] = []
    for stage in range(stages):
        if draw(st.booleans()):
            nodes.append(Node("start", draw(st.integers(0, len(lanes) - 1)), stage, draw(_TEXT)))
        for k in range(draw(st.integers(1, 7))):
            kind = draw(st.sampled_from(["process", "process", "decision"]))
            records = tuple(Record(f"Q/JL0813{k:02d}", draw(_TEXT)) for _ in range(draw(st.integers(0, 3))))
            nodes.append(Node(kind, draw(st.integers(0, len(lanes) - 1)), stage, draw(_TEXT), number=f"5.{stage}.{k}",
                              support=draw(st.sampled_from(["", "配合：销售部、技术中心"])),
                              limit=draw(st.sampled_from(["", "时限：24 小时"])), records=records,
                              more_records=draw(st.sampled_from(["", "另 2 项记录"])), link=f"s5.{stage}.{k}"))
        if draw(st.booleans()):
            nodes.append(Node("end", draw(st.integers(0, len(lanes) - 1)), stage, "结束"))
    edges: list[Edge] = []
    targets = [i for i, n in enumerate(nodes) if n.kind != "start"]
    for i, node in enumerate(nodes):
        if node.kind == "end" or not targets:
            continue
        count = draw(st.integers(2, 3)) if node.kind == "decision" else 1
        for _ in range(count):
            if draw(st.booleans()) and i + 1 < len(nodes) and nodes[i + 1].kind != "start":
                target = i + 1
            else:
                target = draw(st.sampled_from(targets))
            edges.append(Edge(i, target, draw(st.sampled_from(["", "是", "否", "Not accepted"]))
                              if node.kind == "decision" else ""))
    return Chart("流程", tuple(lanes), tuple(f"5.{k} 阶段" for k in range(stages)), tuple(nodes),
                 tuple(sorted(edges, key=lambda e: (e.source, e.target))), "阶段", "记录", "")


_FRAMES = st.builds(lambda w, h: Frame(round(w * CM), None if h is None else round(h * CM),
                                       None if h is None else round(h * CM)),
                    st.floats(12, 26), st.none() | st.floats(8, 24))


def _fitting(frame: Frame, chart: Chart) -> Frame:
    """The frame widened to what the planner ever asks of the layout: lanes of 2 cm or more (check's limit on
    lanes and the turn to landscape see to that), beside the stage and records columns."""
    return replace(frame, width=max(frame.width, round((len(chart.lanes) * 2 + 1.5 + 3.6) * CM)))


@given(charts(), _FRAMES)
def test_layout_keeps_its_promises(chart: Chart, frame: Frame) -> None:
    frame = _fitting(frame, chart)
    parts = layout(chart, frame)
    arrows = 0
    for part in parts:
        drawing = from_part(part)
        assert_clean(drawing)
        assert part.width == frame.width
        arrows += sum(1 for wire in part.wires if wire.arrow)
        steps = [s for s in part.shapes if s.kind in ("process", "decision")]
        assert all(s.lines for s in steps)
    # every arrow is drawn once, or twice when it continues on another part through a pair of connectors
    crossing = arrows - len(chart.edges)
    assert crossing >= 0 and crossing == sum(1 for p in parts for s in p.shapes if s.kind == "connector") // 2
    # cutting into parts changes no symbol's text
    whole = layout(chart, Frame(frame.width))
    assert [s.lines for p in parts for s in p.shapes if s.kind in ("process", "decision")] == \
        [s.lines for p in whole for s in p.shapes if s.kind in ("process", "decision")]


@given(charts(), _FRAMES)
def test_every_line_fits_the_text_area_word_gives_it(chart: Chart, frame: Frame) -> None:
    """Word and LibreOffice set a symbol's text inside its text rectangle (a preset's: a terminator without its
    rounded ends, a document above its wavy foot; a diamond's: its whole box): a line wider than the room left
    there would be wrapped again and lose its end."""
    for part in layout(chart, _fitting(frame, chart)):
        for shape in part.shapes:
            if not shape.lines or shape.kind == "label":
                continue
            left, top, right, bottom = TEXT_RECTS.get(shape.kind, (0, 0, 21600, 21600))
            x, y, w, h = shape.text_box
            assert shape.w * left // 21600 <= x and x + w <= shape.w * right // 21600 + 1, shape
            assert shape.h * top // 21600 <= y and y + h <= shape.h * bottom // 21600 + 1, shape
            assert all(round(ink_width(line.text) * em(line.size)) <= w for line in shape.lines), shape


@given(charts(), _FRAMES)
def test_layout_is_deterministic(chart: Chart, frame: Frame) -> None:
    assert layout(chart, frame) == layout(chart, frame)


@given(charts())
def test_parts_fit_their_page_when_a_row_fits(chart: Chart) -> None:
    frame = _fitting(Frame(round(18 * CM), round(14 * CM), round(20 * CM)), chart)
    for k, part in enumerate(layout(chart, frame)):
        limit = frame.first if k == 0 else frame.rest
        assert limit is not None
        rows = [s for s in part.shapes if s.kind in ("process", "decision", "start", "end", "connector")]
        assert part.height <= limit or len(rows) <= 1 + sum(1 for s in rows if s.kind == "connector")


@given(charts())
def test_per_stage_charts_keep_every_arrow(chart: Chart) -> None:
    stages = per_stage(chart, "{stage}", "{number}")
    assert len(stages) == len(chart.stages)
    inner = sum(1 for e in chart.edges if chart.nodes[e.source].stage == chart.nodes[e.target].stage)
    across = len(chart.edges) - inner
    assert sum(len(c.edges) for c in stages) == inner + 2 * across
    for c in stages:
        for part in layout(c, _fitting(Frame(round(17 * CM)), c)):
            assert_clean(from_part(part))
