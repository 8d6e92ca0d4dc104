"""Printed text widths (East-Asian-width aware) and table column widths sized to their content."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

# Widths in ems of the font size: a full-width (CJK) character is one em; Latin letters, digits and
# punctuation average a little over half an em in Times/Arial, bold headings a little more.
_FULL = 1.0
_HALF = 0.56
# A cell line this short (in ems) reads as one name or label (售后服务部, 序号): it is never broken.
SHORT_LINE_EMS = 6.0
_WORD = re.compile(r"[^\s]+")


@cache
def char_ems(char: str) -> float:
    return _FULL if unicodedata.east_asian_width(char) in ("W", "F") else _HALF


class _Table(dict[str, float]):
    """Each character's width in ems, looked up once (a cell's text is measured character by character)."""

    def __missing__(self, char: str) -> float:
        ems = self[char] = char_ems(char)
        return ems


class _Flags(dict[int, str]):
    """str.translate table: a full-width character to "W", any other to "n"."""

    def __missing__(self, code: int) -> str:
        flag = self[code] = "W" if char_ems(chr(code)) == _FULL else "n"
        return flag


_EMS, _FLAGS = _Table(), _Flags()
_HALVES = [0.0]  # _HALVES[n]: n half-width characters summed one by one, as a character walk would


def _halves(count: int) -> float:
    while len(_HALVES) <= count:
        _HALVES.append(_HALVES[-1] + _HALF)
    return _HALVES[count]


def text_ems(text: str) -> float:
    """Width of one line of ``text`` in ems."""
    return sum(map(_EMS.__getitem__, text))


def unbreakable_ems(text: str) -> float:
    """The widest piece of ``text`` that must not be split across lines.

    A Latin word or a code (Q/JL081301-C, 8.2.3, Engineering) is one piece, punctuation attached; CJK
    text may break between characters, except a short line, which is a name or label kept whole.
    """
    widest = 0.0
    for line in text.split("\n"):
        ems = text_ems(line.strip())
        if ems <= SHORT_LINE_EMS:
            widest = max(widest, ems)
            continue
        for word in _WORD.findall(line):
            # A piece is a run of half-width characters, ended by (and taking) a full-width one, or the
            # word's end; whole runs are measured instead of walking every character.
            runs = word.translate(_FLAGS).split("W")
            if len(runs) > 1:
                widest = max(widest, _halves(max(map(len, runs[:-1]))) + _FULL)
            widest = max(widest, _halves(len(runs[-1])))
    return widest


def natural_ems(text: str) -> float:
    """Width of the longest line of ``text`` set without wrapping."""
    return max((text_ems(line) for line in text.split("\n")), default=0.0)


def fit_columns(minimum: Sequence[float], natural: Sequence[float], weights: Sequence[float],
                total: float, *, by_content: bool) -> list[float]:
    """Column widths that add up to ``total`` and give each column at least its ``minimum``.

    ``by_content``: a column whose text fits on one line within its share of the room (by ``weights``) gets
    just that width, so numbers, dates and names never wrap; the columns of running text share what is
    left by ``weights``. Once every column fits on one line, the spare room follows ``weights``.
    Otherwise (blank form columns) ``weights`` set the shape and the minimums only widen columns too
    narrow for their heading.
    """
    n = len(minimum)
    floor = [max(0.0, m) for m in minimum]
    if sum(floor) >= total or n == 0:
        scale = total / sum(floor) if sum(floor) else 0.0
        return [m * scale for m in floor] if sum(floor) else [total / max(n, 1)] * n
    if not by_content:
        return _weighted(floor, weights, total)
    want = [max(f, a) for f, a in zip(floor, natural, strict=True)]
    if sum(want) <= total:
        return _spread(want, weights, total - sum(want))
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(n) if i not in fixed]
        room = total - sum(fixed.values())
        wsum = sum(weights[i] for i in free) or 1.0
        fits = [i for i in free if want[i] <= room * weights[i] / wsum]
        left = room - sum(want[i] for i in fits) - sum(floor[i] for i in free if i not in fits)
        if not fits or len(fits) == len(free) or left < 0:
            break
        fixed.update((i, want[i]) for i in fits)
    free = [i for i in range(n) if i not in fixed]
    rest = _weighted([floor[i] for i in free], [weights[i] for i in free], total - sum(fixed.values()))
    fixed.update(zip(free, rest, strict=True))
    return [fixed[i] for i in range(n)]


def _spread(base: list[float], weights: Sequence[float], spare: float) -> list[float]:
    wsum = sum(weights) or 1.0
    return [b + spare * w / wsum for b, w in zip(base, weights, strict=True)]


def _weighted(floor: list[float], weights: Sequence[float], total: float) -> list[float]:
    """Widths proportional to ``weights`` except where that is below ``floor``; those are held at it."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(floor)) if i not in fixed]
        room = total - sum(fixed.values())
        wsum = sum(weights[i] for i in free) or 1.0
        widths = {i: room * weights[i] / wsum for i in free}
        short = [i for i in free if widths[i] < floor[i]]
        if not short:
            widths.update(fixed)
            return [widths[i] for i in range(len(floor))]
        for i in short:
            fixed[i] = floor[i]
