"""A form table's columns and heading: widths that hold every heading word, grouped headings, explicit breaks.

A column is at least as wide as the longest piece of its heading and of its pre-printed cells (a word,
a code, a short Chinese term) and otherwise follows its `width` weight; a group heading widens the
columns under it when it needs more room. When the headings' words cannot all fit the page, the heading
type gets smaller, down to HEADING_SIZES[-1]; past that the table is reported (PC511).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from proccompile.model.form import FormTable
from proccompile.model.form_page import EM_CM_PER_PT, Density
from proccompile.model.line_breaks import break_lines, printed_ems, widest_piece_ems
from proccompile.model.text_width import fit_columns

_SLACK_CM = 0.12
_SAFETY = 1.04
# Heading type sizes tried in turn (points) when a table's heading words do not fit at the density's size.
HEADING_SIZES = (9.0, 8.0, 7.5)


@dataclass(frozen=True, slots=True)
class HeadCell:
    text: str  # with the layout's line breaks
    span: int = 1  # columns
    merge: Literal["restart", "continue"] | None = None  # a column heading standing beside group rows


@dataclass(frozen=True, slots=True)
class Columns:
    widths_cm: tuple[float, ...]
    heading: tuple[tuple[HeadCell, ...], ...]  # heading rows, outermost group first
    heading_pt: float
    heading_cm: tuple[float, ...]  # height of each heading row
    fits: bool  # False: the heading words need more than the page's width even at the smallest size
    needed_cm: float  # the width the heading words need at the smallest size


def _floor(ems: float, em: float, pad: float) -> float:
    return ems * em * _SAFETY + pad + _SLACK_CM


def layout_columns(table: FormTable, labels: list[str], width_cm: float, density: Density) -> Columns:
    """Widths and heading rows of ``table``; ``labels`` are its column headings (a signers table's own)."""
    body_em = density.em_cm
    content = [0.0] * len(labels)
    for row in table.listed:
        for index, cell in enumerate(row, start=int(table.numbered)):
            if cell:
                content[index] = max(content[index], _floor(widest_piece_ems(cell), body_em, density.pad_cm))
    if table.numbered:
        content[0] = max(content[0], _floor(printed_ems(str(len(table.listed) + table.blank_count)), body_em,
                                            density.pad_cm))
    sizes = (density.font_pt, *(s for s in HEADING_SIZES if s < density.font_pt))
    widths: list[float] = []
    floor: list[float] = []
    for size in sizes:
        floor = _heading_floor(table, labels, size * EM_CM_PER_PT, density.pad_cm, content)
        if sum(floor) <= width_cm:
            break
    weights = [c.width for c in table.columns]
    widths = fit_columns(floor, floor, weights, width_cm, by_content=False)
    heading, height = _heading(table, labels, widths, size * EM_CM_PER_PT, density)
    return Columns(tuple(widths), heading, size, height, sum(floor) <= width_cm, sum(floor))


def _heading_floor(table: FormTable, labels: list[str], em: float, pad: float, content: list[float]) -> list[float]:
    floor = [max(_floor(widest_piece_ems(label, bold=True), em, pad), c) for label, c in zip(labels, content,
                                                                                                strict=True)]
    for level in (0, 1):
        for start, end, text in _groups(table, level):
            need = _floor(widest_piece_ems(text, bold=True), em, pad)
            have = sum(floor[start:end])
            if have < need:
                for i in range(start, end):
                    floor[i] *= need / have
    return floor


def _groups(table: FormTable, level: int) -> list[tuple[int, int, str]]:
    """(first column, column after the last, text) of each group heading at ``level`` (0: outermost)."""
    found: list[tuple[int, int, str]] = []
    keys = [c.groups[:level + 1] if len(c.groups) > level else None for c in table.columns]
    index = 0
    while index < len(keys):
        key = keys[index]
        end = index + 1
        while key is not None and end < len(keys) and keys[end] == key:
            end += 1
        if key is not None:
            found.append((index, end, key[level]))
        index = end
    return found


@dataclass(frozen=True, slots=True)
class HeadingCell:
    """One cell of a table's heading, as a page lays it out: what it says and the rows and columns it spans."""

    text: str
    row: int
    column: int
    columns: int = 1
    rows: int = 1


def heading_cells(table: FormTable, labels: list[str]) -> list[HeadingCell]:
    """The heading of ``table`` row by row, left to right: group headings over their columns, and each column's
    own heading under its groups, down to the last heading row."""
    depth = max((len(c.groups) for c in table.columns), default=0)
    cells = [HeadingCell(text, level, start, end - start)
             for level in range(depth) for start, end, text in _groups(table, level)]
    cells += [HeadingCell(label, len(column.groups), index, rows=depth + 1 - len(column.groups))
              for index, (column, label) in enumerate(zip(table.columns, labels, strict=True))]
    return sorted(cells, key=lambda c: (c.row, c.column))


def _heading(table: FormTable, labels: list[str], widths: list[float], em: float,
             density: Density) -> tuple[tuple[tuple[HeadCell, ...], ...], tuple[float, ...]]:
    cells = heading_cells(table, labels)
    depth = max(c.row + c.rows for c in cells)
    rows: list[list[tuple[int, HeadCell]]] = [[] for _ in range(depth)]
    lines = [1] * depth
    room = [(sum(widths[c.column:c.column + c.columns]) - density.pad_cm - _SLACK_CM) / (em * _SAFETY) for c in cells]
    broken = [break_lines(c.text, max(r, 1.0), bold=True) for c, r in zip(cells, room, strict=True)]
    for cell, parts in zip(cells, broken, strict=True):
        if cell.rows == 1:
            lines[cell.row] = max(lines[cell.row], len(parts))
            rows[cell.row].append((cell.column, HeadCell("\n".join(parts), span=cell.columns)))
            continue
        rows[cell.row].append((cell.column, HeadCell("\n".join(parts), merge="restart")))
        for level in range(cell.row + 1, cell.row + cell.rows):
            rows[level].append((cell.column, HeadCell("", merge="continue")))
    for cell, parts in zip(cells, broken, strict=True):  # a tall column heading deepens the last row
        extra = len(parts) - sum(lines[cell.row:cell.row + cell.rows])
        if cell.rows > 1 and extra > 0:
            lines[depth - 1] += extra
    heading = tuple(tuple(cell for _, cell in sorted(row, key=lambda item: item[0])) for row in rows)
    line_cm = density.text_line_cm * em / density.em_cm
    return heading, tuple(line_cm * n + 0.12 for n in lines)
