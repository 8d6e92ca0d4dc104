"""Calendar arithmetic for registers: a date plus a duration such as 1y, 18mo or 10wd."""

from __future__ import annotations

import calendar
import datetime as dt

from proccompile.model.types import Duration


def add_duration(start: dt.date, duration: Duration) -> dt.date | None:
    """``start`` moved on by ``duration``; None for `permanent`. Months clamp to the month's last day."""
    unit, amount = duration.unit, duration.amount
    if unit == "permanent":
        return None
    if unit in ("y", "mo"):
        months = start.month - 1 + amount * (12 if unit == "y" else 1)
        year, month = start.year + months // 12, months % 12 + 1
        # 29 Feb + 1y is 28 Feb, as reviewers expect, not 1 March.
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    if unit == "wd":
        day, left = start, amount
        while left:
            day += dt.timedelta(days=1)
            left -= day.weekday() < 5
        return day
    # Hours and minutes are rounded down to whole days: registers show dates only.
    return start + dt.timedelta(days=int(duration.hours // 24))
