"""Dates derived from the corpus: a date plus a duration (1y, 18mo, 10wd) and the file-metadata dates of outputs."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from proccompile.diagnostics.usage import UsageError
from proccompile.model.types import Duration

if TYPE_CHECKING:
    from proccompile.model.corpus import Corpus, Document
    from proccompile.model.document import ControlledDocument
    from proccompile.model.procedure import Procedure

# The metadata date when there is no procedure to take one from.
NO_DATE = dt.date(2000, 1, 1)
# 9999-12-31T23:59:59Z, the last second a date can hold.
_LAST_EPOCH = 253_402_300_799


def add_duration(start: dt.date, duration: Duration) -> dt.date | None:
    """``start`` moved on by ``duration``; None for `permanent` and for a date past the calendar (year 9999).

    Months clamp to the month's last day.
    """
    try:
        return _add(start, duration)
    except (OverflowError, ValueError):
        # Far beyond any review date; the model caps durations, this keeps a forced corpus from crashing.
        return None


def _add(start: dt.date, duration: Duration) -> dt.date | None:
    unit, amount = duration.unit, duration.amount
    if unit == "permanent":
        return None
    if unit in ("y", "mo"):
        months = start.month - 1 + amount * (12 if unit == "y" else 1)
        year, month = start.year + months // 12, months % 12 + 1
        # 29 Feb + 1y is 28 Feb, as reviewers expect, not 1 March.
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    if unit == "wd":
        return _add_working_days(start, amount)
    # Hours and minutes are rounded down to whole days: registers show dates only.
    return start + dt.timedelta(days=int(duration.hours // 24))


def _add_working_days(start: dt.date, amount: int) -> dt.date:
    """The ``amount``-th Monday-to-Friday day after ``start``; ``start`` itself for 0."""
    if amount <= 0:
        return start
    # From a weekend, count as from the Friday before: the same weekdays follow it.
    base = start - dt.timedelta(days=max(0, start.weekday() - 4))
    weeks, rest = divmod(amount, 5)
    # Five working days are one calendar week; the rest crosses a weekend when it passes Friday.
    days = 7 * weeks + rest + (2 if base.weekday() + rest > 4 else 0)
    return base + dt.timedelta(days=days)


def newest_procedure_date(procedures: Iterable[Document[Procedure]]) -> dt.date:
    """The file-metadata date: the newest effective (else issue, else revision) date, never the clock."""
    dates = [d.model.effective or d.model.issued or d.model.revisions[-1].date for d in procedures]
    return max(dates, default=NO_DATE)


def form_dates(corpus: Corpus) -> dict[str, dt.date]:
    """For each form, the newest date of the documents (procedures, instructions …) that keep records on it,
    released ones first.

    Why: forms carry no dates of their own, and core properties must never come from the clock;
    a form is in force from when the document that uses it is.
    """
    from proccompile.model.refs import produced_records, record_entries

    dates: dict[str, tuple[bool, dt.date]] = {}
    for doc in corpus.documents():
        p = doc.model
        if not p.revisions or not corpus.doctype(doc.kind).chaptered:
            continue
        when = (p.status == "released", p.effective or p.issued or p.revisions[-1].date)
        codes = {r.form for _, r in record_entries(p) if r.form} | {ref.target for ref in produced_records(p)}
        for code in codes:
            if code not in dates or dates[code] < when:
                dates[code] = when
    return {code: when for code, (_, when) in dates.items()}


def reference_date(given: dt.date | None, *, clock: bool, environ: Mapping[str, str] | None = None) -> dt.date | None:
    """The day to judge reviews at: ``given``, else SOURCE_DATE_EPOCH (as a UTC date), else the local date when
    ``clock``, else None. Outputs use it only when given or from SOURCE_DATE_EPOCH, so they stay reproducible."""
    if given is not None:
        return given
    epoch = source_date_epoch(os.environ if environ is None else environ)
    if epoch is not None:
        return epoch
    return dt.date.today() if clock else None


def source_date_epoch(environ: Mapping[str, str]) -> dt.date | None:
    """The UTC date of SOURCE_DATE_EPOCH; None when it is unset or empty.

    UsageError (exit 2) when it is set but not a count of seconds since 1970 that falls in a calendar
    year up to 9999: the reproducible-builds rule is to stop on a malformed value rather than ignore it.
    """
    text = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    shown = text if len(text) <= 40 and text.isprintable() else ascii(text[:40])[1:-1] + "…"
    # ASCII digits only: int() also takes '²', '٣' and '1_000', which no tool writing the variable means.
    if not (text.isascii() and text.isdigit()):
        raise UsageError(f"SOURCE_DATE_EPOCH `{shown}` is not a number of seconds since 1970-01-01",
                         help="Set it to a whole number such as 1780272000, or unset it")
    if len(text) > len(str(_LAST_EPOCH)) or int(text) > _LAST_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH `{shown}` is after the year 9999",
                         help=f"Set it to at most {_LAST_EPOCH}, or unset it")
    return dt.datetime.fromtimestamp(int(text), tz=dt.UTC).date()


def next_review(doc: Document[ControlledDocument], interval: Duration | None) -> dt.date | None:
    """When ``doc`` is next due for review: its interval (else ``interval``) after its last review that found it
    adequate, or its effective (else issue) date; None for drafts, withdrawn documents and documents without
    either date. A review that found a revision needed restarts nothing: the document stays due until the
    revised version takes effect."""
    model = doc.model
    every = model.review_interval or interval
    starts = [r.date for r in model.reviews if r.result == "no-change"]
    starts += [d for d in (model.effective or model.issued,) if d is not None]
    if model.status != "released" or every is None or not starts:
        return None
    return add_duration(max(starts), every)
