"""The audit plan in time (ISO 19011 6.3.2): opening meeting, audit slots within the working day around lunch and
short breaks, one auditor per auditee department at a time, the team's meeting, then the closing meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from proccompile.audit.items import Item
from proccompile.model.audit_config import minutes
from proccompile.model.config import PlanSettings


@dataclass(frozen=True)
class Slot:
    day: int  # 0-based audit day
    start: int  # minutes after midnight
    end: int
    kind: str  # opening | audit | lunch | team | closing
    department: str = ""  # auditee department id ("" for the meetings)
    auditor: str = ""
    items: tuple[Item, ...] = ()


_ORDER = {"opening": 0, "audit": 1, "lunch": 2, "team": 3, "closing": 4}


class _Day:
    """The working day's windows: day_start to day_end with the lunch break cut out."""

    def __init__(self, settings: PlanSettings) -> None:
        self.begin, self.finish = minutes(settings.day_start), minutes(settings.day_end)
        self.lunch = (minutes(settings.lunch), minutes(settings.lunch) + settings.lunch_minutes) \
            if settings.lunch is not None else None

    def settle(self, day: int, t: int) -> tuple[int, int]:
        """The first working minute at or after (day, t)."""
        if t < self.begin:
            t = self.begin
        if self.lunch and self.lunch[0] <= t < self.lunch[1]:
            t = self.lunch[1]
        if t >= self.finish:
            return day + 1, self.begin
        return day, t

    def window_end(self, t: int) -> int:
        """Where the working window holding minute t ends (lunch or the day's end)."""
        return self.lunch[0] if self.lunch and t < self.lunch[0] else self.finish


def schedule(items: list[Item], auditors: list[str], settings: PlanSettings) -> list[Slot]:
    """Slots in time order. Auditors start after the opening meeting; whoever is free earliest takes the next
    part of their work whose department no other auditor is in, as many items as fit before lunch, the day's
    end, another auditor's slot in that department, or ``max_slot`` minutes of auditing without a break. The
    team meets when the last slot ends, and the closing meeting follows it, both within one working window."""
    day_of = _Day(settings)
    per_item = settings.minutes_per_item
    meeting = settings.meeting_minutes
    slots = [Slot(0, day_of.begin, day_of.begin + meeting, "opening")]
    # Each auditor's work, one department after another in the order the departments first come up.
    work: dict[str, dict[str, list[Item]]] = {name: {} for name in auditors}
    for item in items:
        if item.auditor:
            work.setdefault(item.auditor, {}).setdefault(item.department, []).append(item)
    queues = {name: list(depts.items()) for name, depts in work.items()}
    clock = {name: day_of.settle(0, day_of.begin + meeting) for name in queues}
    worked = dict.fromkeys(queues, 0)
    busy: dict[tuple[int, str], list[tuple[int, int]]] = {}  # (day, department) → taken intervals
    # Every round places items or moves one auditor's clock forward; a day fits at least one item (checked on
    # load), so the rounds are bounded by the items and the days they need.
    for _ in range(64 * (len(items) + 16)):
        waiting = [name for name in queues if queues[name]]
        if not waiting:
            break
        name = min(waiting, key=lambda n: (clock[n], auditors.index(n) if n in auditors else 0))
        day, t = clock[name]
        if worked[name] + per_item > settings.max_slot:  # a short break first
            clock[name], worked[name] = day_of.settle(day, t + settings.break_minutes), 0
            continue
        free = [(k, dept) for k, (dept, _) in enumerate(queues[name])
                if not any(a <= t < b for a, b in busy.get((day, dept), []))]
        if not free:  # every department of theirs has another auditor now: wait for the first to leave
            ends = [b for dept, _ in queues[name] for a, b in busy.get((day, dept), []) if a <= t < b]
            clock[name] = _moved(day_of, day, min(ends), worked, name)
            continue
        k, dept = free[0]
        later = [a for a, _ in busy.get((day, dept), []) if a > t]
        end = min([day_of.window_end(t), *later])
        room = min(end - t, settings.max_slot - worked[name])
        count = min(len(queues[name][k][1]), room // per_item)
        if count == 0:  # not one item fits before lunch, the day's end or another auditor's slot there
            clock[name] = _moved(day_of, day, end, worked, name)
            continue
        taken, rest = queues[name][k][1][:count], queues[name][k][1][count:]
        length = count * per_item
        slots.append(Slot(day, t, t + length, "audit", dept, name, tuple(taken)))
        busy.setdefault((day, dept), []).append((t, t + length))
        if rest:
            queues[name][k] = (dept, rest)
        else:
            queues[name].pop(k)
        clock[name] = day_of.settle(day, t + length)
        worked[name] = worked[name] + length if clock[name] == (day, t + length) else 0
    else:
        raise RuntimeError("the audit plan could not be laid out")  # unreachable: see the bound above
    last = max((s.day, s.end) for s in slots)
    day, t = day_of.settle(*last)
    closing = settings.team_meeting_minutes + meeting
    while day_of.window_end(t) - t < closing:  # bounded: a window of that length exists in each day (checked)
        day, t = day_of.settle(day, day_of.window_end(t))
    slots += [Slot(day, t, t + settings.team_meeting_minutes, "team"),
              Slot(day, t + settings.team_meeting_minutes, t + closing, "closing")]
    if day_of.lunch:
        slots += [Slot(d, *day_of.lunch, "lunch") for d in range(day + 1)
                  if not (d == day and t + closing <= day_of.lunch[0])]
    return sorted(slots, key=lambda s: (s.day, s.start, _ORDER[s.kind], s.auditor))


def _moved(day_of: _Day, day: int, t: int, worked: dict[str, int], name: str) -> tuple[int, int]:
    """The clock moved to minute t; a lunch break or a new day on the way is a rest."""
    settled = day_of.settle(day, t)
    if settled != (day, t):
        worked[name] = 0
    return settled


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


def clock_text(minutes_after_midnight: int) -> str:
    return f"{minutes_after_midnight // 60:02d}:{minutes_after_midnight % 60:02d}"
