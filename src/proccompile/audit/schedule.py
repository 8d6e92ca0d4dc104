"""The audit plan in time (ISO 19011 6.3.2): opening meeting, one slot per auditor and department, closing meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from proccompile.audit.items import Item
from proccompile.model.config import PlanSettings


@dataclass(frozen=True)
class Slot:
    day: int  # 0-based audit day
    start: int  # minutes after midnight
    end: int
    kind: str  # opening | audit | closing
    department: str = ""  # auditee department id ("" for the meetings)
    auditor: str = ""
    items: tuple[Item, ...] = ()


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def schedule(items: list[Item], auditors: list[str], settings: PlanSettings) -> list[Slot]:
    """Slots in time order. Each auditor audits whole departments one after another from the end of the
    opening meeting; a slot that would end after ``day_end`` starts the next day; the closing meeting
    follows the last slot. Slots are rounded up to quarter hours."""
    begin, finish = _minutes(settings.day_start), _minutes(settings.day_end)
    meeting = settings.meeting_minutes
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in items:  # item order: a department's slot starts where its first item comes
        groups.setdefault((item.auditor, item.department), []).append(item)
    clock = {name: (0, begin + meeting) for name in auditors}
    slots = [Slot(0, begin, begin + meeting, "opening")]
    for (auditor, department), mine in groups.items():
        day, start = clock.get(auditor, (0, begin + meeting))
        length = -(-len(mine) * settings.minutes_per_item // 15) * 15
        if start + length > finish and start > begin:
            day, start = day + 1, begin
        slots.append(Slot(day, start, start + length, "audit", department, auditor, tuple(mine)))
        clock[auditor] = (day, start + length)
    day, end = max([(s.day, s.end) for s in slots])
    if end + meeting > finish:
        day, end = day + 1, begin
    slots.append(Slot(day, end, end + meeting, "closing"))
    return sorted(slots, key=lambda s: (s.day, s.start, s.kind != "opening", s.auditor))


def working_day(start: dt.date, offset: int) -> dt.date:
    """The ``offset``-th working day (Monday to Friday) from ``start``, which counts as day 0 if it is one."""
    day = start
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    for _ in range(offset):
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    return day


def clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
