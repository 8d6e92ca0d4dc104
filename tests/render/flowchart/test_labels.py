"""Where an outcome label goes when the natural place beside a diamond's corner is taken: never over the diamond's
top, where it would read as the label of the arrow coming in; never across a lane's border or a records link."""

from __future__ import annotations

from proccompile.render.flowchart.chart import Node
from proccompile.render.flowchart.columns import Placed
from proccompile.render.flowchart.geometry import CM
from proccompile.render.flowchart.labels import Room, place_label

# A diamond 4 cm wide in the first lane, its right corner 0.2 cm from the track its arrow takes down, the lanes'
# border 0.2 cm further right: a label as wide as 是，经销商修理 fits neither beside the corner nor over the border.
_DIAMOND = Placed(Node("decision", 0, 0, "常态故障？", number="5.2.1"), x=CM, y=2 * CM, w=4 * CM, h=CM * 3 // 2,
                  row_h=CM * 3 // 2)
_CORNER = (5 * CM, _DIAMOND.cy)
_TRACK = 5 * CM + CM // 5
_BORDER = _TRACK + CM // 5
_TARGET = (9 * CM, 6 * CM)
_ARROW = (_CORNER, (_TRACK, _CORNER[1]), (_TRACK, _TARGET[1]), _TARGET)


def _room(lines: list[tuple[tuple[int, int], tuple[int, int]]]) -> Room:
    room = Room([_DIAMOND], [], 0, 12 * CM, 0, 9 * CM, [_BORDER])
    room.lines += lines
    return room


def _segments(points: tuple[tuple[int, int], ...]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return list(zip(points, points[1:], strict=False))


def test_a_label_with_no_room_beside_the_corner_goes_along_its_arrow_not_over_the_diamond() -> None:
    incoming = ((_DIAMOND.cx, CM), (_DIAMOND.cx, _DIAMOND.y))
    label = place_label("是，经销商修理", _DIAMOND, _ARROW, _room(_segments(_ARROW) + _segments(incoming)))
    assert label.y + label.h > _DIAMOND.y + _DIAMOND.h // 2  # not beside the arrow coming in at the top
    assert not label.x < _BORDER < label.x + label.w
    # beside one of its own arrow's runs
    assert label.x + label.w <= _TRACK or label.y + label.h <= _TARGET[1] <= label.y + label.h + CM // 5


def test_a_label_keeps_clear_of_a_records_link() -> None:
    # the records link leaves the diamond's upper right edge and runs right, where the label would otherwise go
    link = ((_DIAMOND.cx + CM, _DIAMOND.y + CM // 4), (11 * CM, _DIAMOND.y + CM // 4))
    room = Room([_DIAMOND], [], 0, 12 * CM, 0, 9 * CM, [])
    room.lines += _segments(_ARROW) + _segments(link)
    label = place_label("是，直接解答", _DIAMOND, _ARROW, room)
    (x0, y), (x1, _) = link
    assert not (label.x < x1 and x0 < label.x + label.w and label.y < y < label.y + label.h)
