"""Register dates: next review from `review_interval`, whatever the interval, and the metadata date."""

from __future__ import annotations

import datetime as dt

import pytest

from proccompile.model.dates import NO_DATE, add_duration, newest_procedure_date
from proccompile.model.types import Duration


def _day_by_day(start: dt.date, working_days: int) -> dt.date:
    day = start
    while working_days:
        day += dt.timedelta(days=1)
        working_days -= day.weekday() < 5
    return day


def test_working_days_skip_weekends() -> None:
    friday, saturday = dt.date(2024, 1, 5), dt.date(2024, 1, 6)
    assert add_duration(friday, Duration(1, "wd")) == dt.date(2024, 1, 8)
    assert add_duration(saturday, Duration(5, "wd")) == dt.date(2024, 1, 12)
    assert add_duration(saturday, Duration(0, "wd")) == saturday
    for offset in range(14):  # every weekday to start from, twice
        start = dt.date(2024, 2, 19) + dt.timedelta(days=offset)
        for amount in range(30):
            assert add_duration(start, Duration(amount, "wd")) == _day_by_day(start, amount), (start, amount)


def test_many_working_days_are_computed_not_counted() -> None:
    monday = dt.date(2000, 1, 3)
    assert add_duration(monday, Duration(1_000_000, "wd")) == monday + dt.timedelta(days=1_400_000)


@pytest.mark.parametrize("duration", [Duration(99999, "y"), Duration(10**9, "mo"), Duration(4_000_000, "wd"),
                                      Duration(10**10, "d"), Duration(10**12, "h")])
def test_a_date_past_the_calendar_is_no_date(duration: Duration) -> None:
    assert add_duration(dt.date(2024, 3, 1), duration) is None


def test_year_and_month_clamp() -> None:
    assert add_duration(dt.date(2024, 2, 29), Duration(1, "y")) == dt.date(2025, 2, 28)
    assert add_duration(dt.date(2024, 1, 31), Duration(1, "mo")) == dt.date(2024, 2, 29)
    assert add_duration(dt.date(2024, 1, 31), Duration(0, "permanent")) is None


def test_newest_procedure_date_without_procedures() -> None:
    assert newest_procedure_date([]) == NO_DATE == dt.date(2000, 1, 1)
