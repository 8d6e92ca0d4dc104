"""The records section: one entry per row of the records table, with its form code, keeper, retention and storage.

A leading No. / 序号 column only numbers the rows. A code written outside the house pattern is reported
as such (not as a record without a code), and a row without any code is listed with its text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from proccompile.importer.docx_reader import Para
from proccompile.importer.headings import Section
from proccompile.importer.lookup import EMPTY, Lookup, parse_duration
from proccompile.importer.process import record_problem
from proccompile.importer.result import Draft
from proccompile.importer.tables import Columns, find_columns

RECORD_KEYS = ("seq", "record_name", "record_form", "record_keeper", "record_retention", "record_storage")


def read_records(section: Section, lookup: Lookup, draft: Draft, is_none: Callable[[str], bool]) -> None:
    entries: list[dict[str, Any]] = []
    for block in section.blocks:
        if isinstance(block, Para):
            if block.text and is_none(block.text):
                draft.use_para(block)
            elif block.text:
                draft.skip(block.where, block.text, "text beside the records table")
            continue
        columns = find_columns(block, lookup, RECORD_KEYS, ("record_form",)) or find_columns(
            block, lookup, RECORD_KEYS, ("record_name",))
        if columns is None:
            draft.skip_block(block, "a table in the records section without a form code (表单编号) column")
            continue
        for r in columns.body:
            entry = _record(columns, r, lookup, draft)
            if entry is not None:
                entries.append(entry)
        columns.settle(draft, "a records entry")
    if entries:
        draft.data["records"] = entries


def _record(columns: Columns, r: int, lookup: Lookup, draft: Draft) -> dict[str, Any] | None:
    table = columns.table
    if not any(c.strip() for c in table.rows[r]):
        return None
    name = columns.value(r, "record_name")
    form_text = columns.value(r, "record_form") if "record_form" in columns.found else name
    codes = lookup.codes_in(form_text, "form") or lookup.codes_in(name, "form")
    if not codes:
        draft.skip_row(table, r, record_problem(form_text or name, lookup))
        return None
    entry: dict[str, Any] = {"form": codes[0]}
    draft.cite(codes[0], name.replace(codes[0], "").strip(" （()）《》") if name else "")
    columns.use(draft, r, "seq", "record_name", "record_form")
    keeper = columns.value(r, "record_keeper")
    if keeper not in EMPTY:
        entry["keeper"] = lookup.department_or_proposed(keeper)
        columns.use(draft, r, "record_keeper")
    kept = columns.value(r, "record_retention")
    if kept not in EMPTY:
        duration = parse_duration(kept)
        if duration:
            entry["retention"] = duration
            columns.use(draft, r, "record_retention")
        else:
            draft.skip_cell(table, r, columns.index(r, "record_retention") or 0, "retention that is not a duration")
    storage = columns.value(r, "record_storage")
    if storage not in EMPTY:
        entry["storage"] = storage
        columns.use(draft, r, "record_storage")
    return entry
