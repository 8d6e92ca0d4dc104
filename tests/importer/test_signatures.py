"""Signature grids in every orientation: each role gets the name and date in its own cells, an empty cell is
no name (listed, never filled from a neighbour), and a label (日期, Date, 签名, Name …) is never a name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.importer.docx_reader import Table
from proccompile.importer.lookup import Lookup
from proccompile.importer.result import Draft
from proccompile.importer.signatures import GridReader, approvals_in_text
from proccompile.model.config import ProjectConfig
from proccompile.views.wording import Texts

CONFIG = ProjectConfig.model_validate({
    "company": {"zh": "示例", "en": "Example"},
    "numbering": {"procedure": r"^QP-\d{2}$", "form": r"^QR-\d{2}-\d{2}$"},
    "departments": [{"id": "quality", "zh": "质量部", "en": "Quality Department"}],
})
LOOKUP = Lookup(CONFIG, Texts(Path("/nonexistent-project"), "zh", Diagnostics()).label)
D = dt.date


def _read(rows: list[list[str]]) -> tuple[dict[str, Any], Draft]:
    draft = Draft()
    table = Table(1, tuple(tuple(r) for r in rows))
    return GridReader(table, LOOKUP, draft).read(), draft


GRIDS = {
    "roles across, labelled rows below": (
        [["职　责", "编制", "审核", "批准"], ["签　名", "刘洋", "李明华", "张志强"],
         ["日　期", "2020-01-06", "2020-01-06", "2020-01-07"]],
        {"prepared": {"name": "刘洋", "date": D(2020, 1, 6)}, "reviewed": {"name": "李明华", "date": D(2020, 1, 6)},
         "approved": {"name": "张志强", "date": D(2020, 1, 7)}}),
    "each role followed by its name, dates below": (
        [["编制", "王建国", "审核", "李明华", "批准", "张志强"],
         ["日期", "2023.5.1", "日期", "2023.5.3", "日期", "2023.5.5"]],
        {"prepared": {"name": "王建国", "date": D(2023, 5, 1)}, "reviewed": {"name": "李明华", "date": D(2023, 5, 3)},
         "approved": {"name": "张志强", "date": D(2023, 5, 5)}}),
    "the same transposed": (
        [["编制", "日期"], ["王建国", "2023.5.1"], ["审核", "日期"], ["李明华", "2023.5.3"], ["批准", "日期"],
         ["张志强", "2023.5.5"]],
        {"prepared": {"name": "王建国", "date": D(2023, 5, 1)}, "reviewed": {"name": "李明华", "date": D(2023, 5, 3)},
         "approved": {"name": "张志强", "date": D(2023, 5, 5)}}),
    "roles down a column under Name | Signature | Date": (
        [["Role", "Name", "Signature", "Date"], ["Prepared by", "John Smith", "", "2024-03-01"],
         ["Reviewed by", "", "", ""], ["Approved by", "Tom Brown", "", "2024-03-10"]],
        {"prepared": {"name": "John Smith", "date": D(2024, 3, 1)},
         "approved": {"name": "Tom Brown", "date": D(2024, 3, 10)}}),
    "labelled name and date along the row": (
        [["Prepared by", "Name:", "John Smith", "Date:", "2024-03-01"],
         ["Approved by", "Name:", "", "Date:", ""]],
        {"prepared": {"name": "John Smith", "date": D(2024, 3, 1)}}),
    "roles across under an empty corner, unlabelled rows below": (
        [["", "编制", "审核"], ["", "张三", "李四"], ["", "2024-01-01", "2024-01-02"]],
        {"prepared": {"name": "张三", "date": D(2024, 1, 1)}, "reviewed": {"name": "李四", "date": D(2024, 1, 2)}}),
    "an empty name beside a label row": (
        [["职责", "编制", "审核", "批准"], ["签名", "张三", "", "王五"], ["日期", "2024-01-01", "", ""]],
        {"prepared": {"name": "张三", "date": D(2024, 1, 1)}, "approved": {"name": "王五"}}),
    "English roles each followed by a name, a date row below": (
        [["Prepared by", "John Miller", "Reviewed by", "Sarah Chen", "Approved by", ""],
         ["Date", "2024-03-01", "Date", "2024-03-05", "Date", ""]],
        {"prepared": {"name": "John Miller", "date": D(2024, 3, 1)},
         "reviewed": {"name": "Sarah Chen", "date": D(2024, 3, 5)}}),
}


@pytest.mark.parametrize("layout", GRIDS)
def test_each_role_reads_its_own_cells(layout: str) -> None:
    rows, expected = GRIDS[layout]
    approvals, draft = _read(rows)
    assert approvals == expected
    cells = {f"table 1 row {r + 1} cell {c + 1}" for r, row in enumerate(rows) for c, t in enumerate(row) if t}
    assert cells <= draft.used | draft.listed  # every cell with text is read or listed


@pytest.mark.parametrize(("rows", "where", "why"), [
    ([["编制", "审核", "批准"], ["日期", "李四", "王五"]], "table 1 row 2 cell 1", "the cell for it holds a label"),
    ([["编制", "签名", ""], ["审核", "签名", "李四"]], "table 1 row 1 cell 3", "the cell for it is empty"),
    ([["编制", "王建国", "审核", "", "批准", "张志强"], ["日期", "2023.5.1", "日期", "", "日期", "2023.5.5"]],
     "table 1 row 1 cell 4", "the cell for it is empty"),
])
def test_a_missing_name_is_listed_and_never_taken_from_a_neighbour(rows: list[list[str]], where: str,
                                                                  why: str) -> None:
    approvals, draft = _read(rows)
    assert all(a["name"] not in ("日期", "签名", "审核", "批准", "张志强") or role == "approved"
               for role, a in approvals.items())
    missing = [(u.where, u.reason) for u in draft.unmapped if u.reason.startswith("no name")]
    assert (where, missing[0][1].split(": ", 1)[1]) == (where, why)
    assert missing[0][0] == where


def test_a_date_that_cannot_be_read_is_listed_with_why() -> None:
    approvals, draft = _read([["Prepared by", "J. Smith", "Date", "03/04/2024"]])
    assert approvals == {"prepared": {"name": "J. Smith"}}
    assert [(u.where, u.reason) for u in draft.unmapped] == [
        ("table 1 row 1 cell 4", "date of prepared: `03/04/2024` may be month/day or day/month; "
                                 "give --date-order mdy or dmy")]


@pytest.mark.parametrize(("line", "approvals", "nameless"), [
    ("编制：张三　审核：李四　批准：王五", {"prepared": {"name": "张三"}, "reviewed": {"name": "李四"},
                                      "approved": {"name": "王五"}}, []),
    ("Prepared by: John Smith  Date: 2024-03-01   Approved by:", {
        "prepared": {"name": "John Smith", "date": D(2024, 3, 1)}}, ["approved"]),
    ("编制：日期　审核：", {}, ["prepared", "reviewed"]),
])
def test_sign_off_lines(line: str, approvals: dict[str, Any], nameless: list[str]) -> None:
    assert approvals_in_text(line, LOOKUP) == (approvals, nameless)
