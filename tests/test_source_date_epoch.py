"""SOURCE_DATE_EPOCH is parsed in one place for every command: a malformed value is a usage error (exit 2)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from proccompile.diagnostics.usage import UsageError
from proccompile.model.dates import reference_date, source_date_epoch
from tests.helpers import run_split

BASE = Path(__file__).parent / "cases" / "base"


@pytest.mark.parametrize(("value", "message"), [
    ("²", "SOURCE_DATE_EPOCH `²` is not a number of seconds since 1970-01-01"),
    ("١٧٨٠٢٧٢٠٠٠", "SOURCE_DATE_EPOCH `١٧٨٠٢٧٢٠٠٠` is not a number of seconds since 1970-01-01"),
    ("-1", "SOURCE_DATE_EPOCH `-1` is not a number of seconds since 1970-01-01"),
    ("1_780_272_000", "SOURCE_DATE_EPOCH `1_780_272_000` is not a number of seconds since 1970-01-01"),
    ("9" * 30, f"SOURCE_DATE_EPOCH `{'9' * 30}` is after the year 9999"),
    ("253402300800", "SOURCE_DATE_EPOCH `253402300800` is after the year 9999"),
    ("1" * 5000, "SOURCE_DATE_EPOCH `" + "1" * 40 + "…` is after the year 9999"),
])
@pytest.mark.parametrize("command", [["check", "--format", "concise", "."],
                                     ["release", "QP-01", "--change", "Reply limit", "."]])
def test_a_malformed_value_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str,
                                            message: str, command: list[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(BASE, project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, stdout, stderr = run_split(command, project)
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"proccompile: {message}\nhelp: ")
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_valid_values_give_the_utc_date() -> None:
    assert source_date_epoch({"SOURCE_DATE_EPOCH": " 1780272000 "}) == dt.date(2026, 6, 1)
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "253402300799"}) == dt.date(9999, 12, 31)
    assert source_date_epoch({"SOURCE_DATE_EPOCH": ""}) is None
    assert source_date_epoch({}) is None
    assert reference_date(None, clock=False, environ={}) is None
    assert reference_date(dt.date(2020, 1, 1), clock=False, environ={"SOURCE_DATE_EPOCH": "²"}) == dt.date(2020, 1, 1)


def test_the_error_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        source_date_epoch({"SOURCE_DATE_EPOCH": "abc"})
