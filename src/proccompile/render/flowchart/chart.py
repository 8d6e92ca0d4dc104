"""What a flowchart shows, before any geometry: lanes, subsections (stages), nodes in reading order, arrows.

Built from a procedure by ``build.py``; laid out by ``layout.py`` for both the Word drawing and the site's SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

NodeKind = Literal["start", "end", "process", "decision", "connector"]


@dataclass(frozen=True, slots=True)
class Record:
    number: str  # printed form number, e.g. Q/JL081301-C
    title: str


@dataclass(frozen=True, slots=True)
class Node:
    """One symbol of the flow. Nodes are drawn one per row, top to bottom, in the order of ``Chart.nodes``."""

    kind: NodeKind
    lane: int
    stage: int
    text: str  # short text, question, trigger or connector label
    number: str = ""  # printed step number, e.g. 5.4.1
    support: str = ""  # 配合：… line
    limit: str = ""  # 时限：… line
    records: tuple[Record, ...] = ()
    more_records: str = ""  # 其余 2 项记录 when a step produces more records than its row shows
    link: str = ""  # the step's anchor on the site, e.g. s5.4.1


@dataclass(frozen=True, slots=True)
class Edge:
    source: int  # index into Chart.nodes
    target: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    title: str  # caption text without part numbers
    lanes: tuple[str, ...]
    stages: tuple[str, ...]  # subsection headings (5.1 售前服务); one empty stage for a chart of one subsection
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    stage_heading: str  # 阶段 / Stage
    records_heading: str  # 记录 / Records
    description: str = ""  # one paragraph for screen readers

    @property
    def has_records(self) -> bool:
        return any(node.records or node.more_records for node in self.nodes)

    @property
    def staged(self) -> bool:
        return len(self.stages) > 1


def per_stage(chart: Chart, title: str, refer: str) -> list[Chart]:
    """The chart cut into one chart per stage; an arrow to or from another stage becomes a connector.

    ``title`` is formatted with ``stage`` (the stage heading); ``refer`` with ``number`` (the step an arrow
    comes from or goes to) gives the connector's text. Lanes not used by a stage are dropped from its chart.
    """
    charts = []
    for stage in range(len(chart.stages)):
        inside = [i for i, node in enumerate(chart.nodes) if node.stage == stage]
        incoming = [e for e in chart.edges if chart.nodes[e.target].stage == stage
                    and chart.nodes[e.source].stage != stage]
        outgoing = [e for e in chart.edges if chart.nodes[e.source].stage == stage
                    and chart.nodes[e.target].stage != stage]
        lanes = sorted({chart.nodes[i].lane for i in inside})
        lane_of = {lane: k for k, lane in enumerate(lanes)}
        nodes: list[Node] = []
        index: dict[int, int] = {}
        edges: list[Edge] = []
        # An arrow from elsewhere comes in through a connector just above its target (below the stage's start).
        for i in sorted(inside, key=lambda i: chart.nodes[i].kind != "start"):
            for e in incoming if chart.nodes[i].kind != "start" else ():
                if e.target == i:
                    nodes.append(Node("connector", lane_of[chart.nodes[i].lane], 0,
                                      refer.format(number=_name(chart, e.source))))
                    edges.append(Edge(len(nodes) - 1, -1 - i, ""))  # target resolved below
            index[i] = len(nodes)
            nodes.append(replace(chart.nodes[i], stage=0, lane=lane_of[chart.nodes[i].lane]))
        edges = [Edge(e.source, index[-1 - e.target], e.label) for e in edges]
        for e in chart.edges:
            if e.source in index and e.target in index:
                edges.append(Edge(index[e.source], index[e.target], e.label))
        for e in outgoing:
            source = chart.nodes[e.source]
            nodes.append(Node("connector", lane_of[source.lane], 0, refer.format(number=_name(chart, e.target))))
            edges.append(Edge(index[e.source], len(nodes) - 1, e.label))
        charts.append(Chart(title.format(stage=chart.stages[stage]), tuple(chart.lanes[k] for k in lanes), ("",),
                            tuple(nodes), tuple(sorted(edges, key=_edge_order)), chart.stage_heading,
                            chart.records_heading, chart.description))
    return charts


def _name(chart: Chart, index: int) -> str:
    node = chart.nodes[index]
    return node.number or node.text


def _edge_order(edge: Edge) -> tuple[int, int]:
    return edge.source, edge.target
