"""Horizontal geometry of a chart (the stage column, a column per lane, the records column) and a node placed in
its row."""

from __future__ import annotations

from dataclasses import dataclass

from proccompile.render.flowchart.chart import Node
from proccompile.render.flowchart.geometry import CM

MAX_BOX = 5 * CM  # a box in a wide lane stays this wide: the rest of the lane is room for arrows and labels
TRACK_PAD = CM * 6 // 100  # between a track and a box
_SPINE = CM * 15 // 100  # the records' dotted spine, from the left edge of the records column
_DOC_LEFT = CM * 35 // 100
_DOC_RIGHT = CM * 15 // 100


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
        return left + TRACK_PAD, right - TRACK_PAD


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
