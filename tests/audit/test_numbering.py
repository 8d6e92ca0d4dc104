"""Section numbers follow the Word output: commitments shift related, attachments and records by one."""

from __future__ import annotations

import datetime as dt

from proccompile.model.dates import add_duration
from proccompile.model.numbering import numbering
from proccompile.model.types import Duration
from proccompile.pipeline import CheckResult


def test_sections_without_commitments(shipped: CheckResult) -> None:
    p = shipped.corpus.procedure("Q/FL2.0702").model
    assert not p.commitments
    num = numbering(p)
    assert [num.section(k) for k in ("purpose", "process", "related", "attachments", "records")] == \
        ["1", "5", "6", "7", "8"]
    assert "commitments" not in num.sections


def test_sections_with_commitments_and_citations(shipped: CheckResult) -> None:
    num = numbering(shipped.corpus.procedure("Q/FL2.0817").model)
    assert num.section("commitments") == "6" and num.section("records") == "9"
    assert num.cite(("process", 0, "steps", 4, "time_limit")) == ("5.1.5", None)
    assert num.cite(("process", 2)) == ("5.3", None)
    assert num.cite(("responsibilities", 1, "department")) == ("4.2", None)
    assert num.cite(("records", 0, "keeper")) == ("9", 1)
    assert num.cite(("commitments", 1, "records", 0)) == ("6", 2)
    assert num.cite(("related_documents", 1)) == ("7.2", None)
    assert num.cite(("owner",)) == ("", None)


def test_review_dates() -> None:
    day = dt.date(2024, 2, 29)
    assert add_duration(day, Duration(1, "y")) == dt.date(2025, 2, 28)
    assert add_duration(day, Duration(18, "mo")) == dt.date(2025, 8, 29)
    assert add_duration(dt.date(2024, 3, 1), Duration(2, "wd")) == dt.date(2024, 3, 5)  # Fri → Tue
    assert add_duration(day, Duration(48, "h")) == dt.date(2024, 3, 2)
    assert add_duration(day, Duration(0, "permanent")) is None
