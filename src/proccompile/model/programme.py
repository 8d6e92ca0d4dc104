"""The audit programme in time: which released procedure is audited in which month, and where each audit
stands in the programme cycle (for the rotation of items a single audit leaves out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from proccompile.model.clauses import natural_key
from proccompile.model.config import ProjectConfig
from proccompile.model.corpus import Corpus


@dataclass(frozen=True)
class Audit:
    """One internal audit of the year: the month and the procedures the programme schedules in it."""

    number: int  # 1-based, in month order
    year: int | None
    month: int  # 1–12
    procedures: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.year else f"{self.month:02d}"


def programme_procedures(corpus: Corpus) -> list[str]:
    """The procedures the programme schedules: every released one, in natural code order."""
    return sorted((d.model.code for d in corpus.procedures if d.model.status == "released"), key=natural_key)


def programme_codes(corpus: Corpus) -> list[str]:
    """``programme_procedures`` read from the name tables, for checks that run without models."""
    return sorted((n.names.code for n in corpus.named_kind("procedure") if n.names.status == "released"),
                  key=natural_key)


def months(config: ProjectConfig, procedures: list[str]) -> dict[str, tuple[int, ...]]:
    """Procedure → the months (0–11) it is audited in: spread evenly over the year in code order, so no month
    carries them all; the high-risk ones twice, six months apart."""
    high = set(config.audit.programme.high_risk)
    out: dict[str, tuple[int, ...]] = {}
    for k, code in enumerate(procedures):
        first = (k * 12 // max(1, len(procedures))) % 12
        out[code] = tuple(sorted({first, (first + 6) % 12})) if code in high else (first,)
    return out


def audits(config: ProjectConfig, procedures: list[str]) -> list[Audit]:
    """The year's audits: one per month that has procedures, numbered in month order."""
    by_month: dict[int, list[str]] = {}
    for code, scheduled in months(config, procedures).items():
        for month in scheduled:
            by_month.setdefault(month, []).append(code)
    year = config.audit.programme.year
    return [Audit(n, year, month + 1, tuple(by_month[month])) for n, month in enumerate(sorted(by_month), 1)]


def audit_of_date(config: ProjectConfig, procedures: list[str], date: dt.date) -> Audit | None:
    """The programme's audit in the month of ``date``; None when the programme schedules none then."""
    year = config.audit.programme.year
    if year is not None and date.year != year:
        return None
    return next((a for a in audits(config, procedures) if a.month == date.month), None)


@dataclass(frozen=True)
class Occasion:
    """Where one audit of a procedure stands in the programme cycle: audit ``index`` of ``count`` (0-based)."""

    index: int
    count: int


def occasion(config: ProjectConfig, procedures: list[str], code: str, month: int | None) -> Occasion:
    """The procedure's audit in ``month`` (1–12) of the programme year, counted from the start of the cycle.

    A procedure audited f times a year over a cycle of c years has c × f audits; the first audit of the cycle
    is index 0. Without a month (no programme date) it is the cycle's first.
    """
    audit = config.audit
    scheduled = months(config, procedures).get(code, (0,))
    per_year = len(scheduled)
    count = audit.cycle_years * per_year
    if month is None or audit.programme.year is None:
        return Occasion(0, count)
    start = audit.programme.cycle_start or audit.programme.year
    offset = (audit.programme.year - start) % audit.cycle_years
    within = scheduled.index(month - 1) if month - 1 in scheduled else 0
    return Occasion(offset * per_year + within, count)
