"""Property tests of the importer's parsers: whatever the build prints, the importer reads back."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from proccompile.importer.dates import parse_date
from proccompile.importer.lookup import Lookup, parse_duration
from proccompile.model.config import ProjectConfig
from proccompile.model.types import Duration

durations = st.builds(Duration, st.integers(1, 999), st.sampled_from(["min", "h", "d", "wd", "mo", "y"]))
CONFIG = ProjectConfig.model_validate({
    "company": {"zh": "示例", "en": "Example"},
    "numbering": {"procedure": r"^Q/FL\d\.\d{4}$", "form": r"^Q/JL\d{6}$",
                  "procedure_display": "{code}—{year}", "form_display": "{code}-{edition}"},
    "departments": [{"id": "sales", "zh": "销售部", "en": "Sales Department"}],
})
LOOKUP = Lookup(CONFIG, lambda key: key)


@given(durations, st.sampled_from(["zh", "en"]))
def test_a_printed_duration_reads_back(duration: Duration, language: str) -> None:
    assert parse_duration(duration.display(language)) == str(duration)


def test_permanent_reads_back() -> None:
    assert parse_duration(Duration(0, "permanent").display("zh")) == "permanent"
    assert parse_duration("一个月") is None and parse_duration("3 weeks") == "3w"  # weeks are a unit (w)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)))
def test_a_date_reads_back_in_each_common_spelling(date: dt.date) -> None:
    for text in (date.isoformat(), f"{date.year}.{date.month}.{date.day}", f"{date.year}年{date.month}月{date.day}日"):
        assert parse_date(text) == date


@given(st.integers(0, 9), st.integers(0, 9999), st.integers(1990, 2099), st.sampled_from("ABCDEFG"))
def test_printed_numbers_give_back_their_codes(klass: int, serial: int, year: int, edition: str) -> None:
    procedure = f"Q/FL{klass}.{serial:04d}"
    form = f"Q/JL{serial:04d}{klass:02d}"
    text = f"依据：{procedure}—{year}《某程序》；形成记录《某表》{form}-{edition}"
    assert LOOKUP.codes_in(text, "procedure") == [procedure]
    assert LOOKUP.codes_in(text, "form") == [form]
