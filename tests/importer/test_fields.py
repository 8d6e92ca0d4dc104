"""Labelled values on the cover and in header tables: read when they parse, listed with the reason when
not, never swallowed by their label."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.importer.dates import find_date
from proccompile.importer.docx_reader import Para, Table
from proccompile.importer.fields import FieldReader
from proccompile.importer.lookup import Lookup
from proccompile.importer.result import Draft
from proccompile.model.config import ProjectConfig
from proccompile.views.wording import Texts

CONFIG = ProjectConfig.model_validate({
    "company": {"en": "Apex Stamping Inc."}, "language": "en",
    "numbering": {"procedure": r"^QP-\d{3}$", "form": r"^QF-\d{3}-\d{2}$"},
    "departments": [{"id": "quality", "en": "Quality Department"}],
})


def _reader() -> tuple[FieldReader, dict[str, Any], Draft]:
    values: dict[str, Any] = {}
    draft = Draft()
    lookup = Lookup(CONFIG, Texts(Path("/nonexistent-project"), "en", Diagnostics()).label)
    return FieldReader(lookup, draft, values), values, draft


@pytest.mark.parametrize(("text", "values"), [
    ("Effective Date 03/15/2024", {"effective": dt.date(2024, 3, 15)}),
    ("Effective Date: 2024-03-15", {"effective": dt.date(2024, 3, 15)}),
    ("2023年5月1日 发布\t2023年5月10日 实施", {"issued": dt.date(2023, 5, 1), "effective": dt.date(2023, 5, 10)}),
    ("Issued: 15 March 2024", {"issued": dt.date(2024, 3, 15)}),
    ("Revision: C Effective Date: March 15, 2024", {"version": "C", "effective": dt.date(2024, 3, 15)}),
    ("Document No.: QP-007\tRev. 4", {"number": "QP-007", "version": "4"}),
    ("Process Owner: Quality Department", {"owner": "quality"}),
    ("Status: Released\tPage 1 of 3", {"status": "released"}),
    ("Apex Stamping Inc.", {}),
])
def test_a_cover_line_is_read(text: str, values: dict[str, Any]) -> None:
    reader, found, draft = _reader()
    para = Para(4, text)
    assert reader.paragraph(para) is None
    assert found == values and draft.used == {"paragraph 4"}


@pytest.mark.parametrize(("text", "reason"), [
    ("Effective Date 03/04/2024", "effective date: `03/04/2024` may be month/day or day/month; give --date-order "
                                  "mdy or dmy"),
    ("Effective upon approval", "effective date: no date in `Effective upon approval`"),
    ("Issued 2024-02-30", "issued date: `2024-02-30` is not a calendar date"),
    ("Process Owner: Quality Manager", "Process Owner: `Quality Manager` is not a department in proccompile.yaml; "
                                       "give `owner` a department id"),
    ("Document No.: F-7.5-01", "Document No.: document code `F-7.5-01` does not match the house pattern "
                               "numbering.procedure `^QP-\\d{3}$`"),
    ("Revision:", "`Revision` with no value"),
    ("Supersedes: Rev B", "cover text with no place in a procedure"),
])
def test_a_cover_line_that_cannot_be_read_says_why(text: str, reason: str) -> None:
    reader, _, draft = _reader()
    assert reader.paragraph(Para(4, text)) == reason
    assert draft.used == set()


def test_header_table_values_and_what_cannot_be_read() -> None:
    reader, values, draft = _reader()
    table = Table(1, (("Document No.", "QP-007", "Revision", "C"),
                      ("Process Owner", "Plant Manager", "Effective Date", "03/15/2024"),
                      ("Title", "Control of Nonconforming Product", "Page", "1 of 5")))
    assert reader.table(table)
    assert values == {"number": "QP-007", "version": "C", "effective": dt.date(2024, 3, 15),
                      "title": "Control of Nonconforming Product"}
    assert [(u.where, u.reason) for u in draft.unmapped] == [
        ("table 1 row 2 cell 2", "Process Owner: `Plant Manager` is not a department in proccompile.yaml; "
                                 "give `owner` a department id")]
    assert len(draft.used) == 11


def test_a_records_table_is_no_header_table() -> None:
    reader, values, draft = _reader()
    table = Table(1, (("No.", "Record", "Form No.", "Kept by"), ("1", "Calibration Record", "QF-012-01", "Quality")))
    assert not reader.table(table)  # `No.` labels a number only beside a procedure code
    assert values == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-15", dt.date(2024, 3, 15)), ("2024.3.5", dt.date(2024, 3, 5)), ("2024/03/05", dt.date(2024, 3, 5)),
    ("2024年3月5日", dt.date(2024, 3, 5)), ("03/15/2024", dt.date(2024, 3, 15)), ("15.03.2024", dt.date(2024, 3, 15)),
    ("5 March 2024", dt.date(2024, 3, 5)), ("Mar. 5, 2024", dt.date(2024, 3, 5)), ("05/05/2024", dt.date(2024, 5, 5)),
    ("15-Mar-2024", dt.date(2024, 3, 15)),
])
def test_dates_in_common_spellings(text: str, expected: dt.date) -> None:
    found = find_date(f"Effective {text} here")
    assert found is not None and found.date == expected


def test_an_ambiguous_date_needs_the_order() -> None:
    assert find_date("03/04/2024") == find_date("03/04/2024", None)
    assert find_date("03/04/2024").date is None  # type: ignore[union-attr]
    assert find_date("03/04/2024", "mdy").date == dt.date(2024, 3, 4)  # type: ignore[union-attr]
    assert find_date("03/04/2024", "dmy").date == dt.date(2024, 4, 3)  # type: ignore[union-attr]
