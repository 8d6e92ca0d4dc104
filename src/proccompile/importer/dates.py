"""Dates as legacy documents print them: 2024-03-15, 2024.3.15, 2024年3月15日, 03/15/2024, 15 March 2024.

A date is only read when it can mean one day: 03/04/2024 is 3 April in one country and 4 March in
another, so it is reported as ambiguous unless the user said which order the documents use.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

DateOrder = Literal["mdy", "dmy"]

_MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), 1) for name in names}
_MONTH = "(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?:[-./]|年)\s*(?P<m>\d{1,2})\s*(?:[-./]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?")
_YEAR_LAST = re.compile(r"(?<!\d)(?P<a>\d{1,2})\s*(?P<sep>[-./])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)")
_DAY_MONTH = re.compile(rf"(?<![\w])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH}[\s,-]+(?P<y>\d{{4}})(?!\d)", re.I)
_MONTH_DAY = re.compile(rf"(?<![\w]){_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.I)


@dataclass(frozen=True)
class FoundDate:
    text: str
    """The date as printed."""
    date: dt.date | None
    problem: str | None = None
    """Why ``date`` is None: ambiguous, or no such day."""


def find_date(text: str, order: DateOrder | None = None) -> FoundDate | None:
    """The first date printed in ``text`` (None when there is none), read or with the reason it cannot be."""
    found = []
    for pattern in (_YEAR_FIRST, _DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match:
            found.append((match.start(), match, pattern))
    slashed = _YEAR_LAST.search(text)
    if slashed and not any(start <= slashed.start() < m.end() for start, m, _ in found):
        found.append((slashed.start(), slashed, _YEAR_LAST))
    if not found:
        return None
    _, match, pattern = min(found, key=lambda item: item[0])
    printed = match.group(0).strip()
    if pattern is _YEAR_LAST:
        return _year_last(printed, int(match.group("a")), int(match.group("b")), int(match.group("y")), order)
    month = int(match.group("m")) if pattern is _YEAR_FIRST else _MONTHS[match.group("month_name").lower()]
    return _day(printed, int(match.group("y")), month, int(match.group("d")))


def parse_date(text: str, order: DateOrder | None = None) -> dt.date | None:
    found = find_date(text, order)
    return found.date if found else None


def _year_last(printed: str, first: int, second: int, year: int, order: DateOrder | None) -> FoundDate:
    if first > 12 >= second:
        return _day(printed, year, second, first)
    if second > 12 >= first:
        return _day(printed, year, first, second)
    if first == second or order is not None:
        month, day = (first, second) if order != "dmy" else (second, first)
        return _day(printed, year, month, day)
    return FoundDate(printed, None, f"`{printed}` may be month/day or day/month; give --date-order mdy or dmy")


def _day(printed: str, year: int, month: int, day: int) -> FoundDate:
    try:
        return FoundDate(printed, dt.date(year, month, day))
    except ValueError:
        return FoundDate(printed, None, f"`{printed}` is not a calendar date")
