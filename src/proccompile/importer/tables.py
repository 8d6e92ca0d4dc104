"""Tables that mean the same wherever they stand: approvals, revision history, the document header."""

from __future__ import annotations

import datetime as dt
from typing import Any

from proccompile.importer.docx_reader import Table
from proccompile.importer.lookup import EMPTY, Lookup, parse_date, squeeze
from proccompile.importer.result import Draft

NUMBER_LABELS = ("文件编号", "编号", "程序编号", "Doc.No.", "DocumentNo.", "No.")
VERSION_LABELS = ("版本", "版次", "版本号", "Version", "Rev.")
EFFECTIVE_LABELS = ("实施日期", "生效日期", "Effective", "Effectivedate")
ISSUED_LABELS = ("发布日期", "Issued", "Issuedate")
TITLE_LABELS = ("文件名称", "名称", "Title")
OWNER_LABELS = ("归口部门", "主管部门", "归口", "Owner", "Owned by")


def _is(text: str, labels: tuple[str, ...]) -> bool:
    return squeeze(text).rstrip(":：").lower() in {label.lower() for label in labels}


def column(header: tuple[str, ...], *names: str) -> int | None:
    """Index of the first column whose heading is one of ``names`` (spaces ignored)."""
    wanted = [squeeze(n).lower() for n in names if n]
    for i, cell in enumerate(header):
        if squeeze(cell).lower() in wanted:
            return i
    return None


def cell(row: tuple[str, ...], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def is_approval_table(table: Table, lookup: Lookup) -> bool:
    return sum(1 for row in table.rows for c in row if squeeze(c) in lookup.roles) >= 2


def is_revision_table(table: Table, lookup: Lookup) -> bool:
    header = table.rows[0] if table.rows else ()
    return (column(header, lookup.label("rev_version"), "版本", "版次", "Version") is not None
            and column(header, lookup.label("rev_change"), "修订内容", "更改内容", "修改内容", "变更内容",
                       "Description of change", "Change") is not None)


def is_header_table(table: Table) -> bool:
    return any(_is(c, NUMBER_LABELS) for row in table.rows for c in row)


def read_header(table: Table, draft: Draft, where: str) -> dict[str, str]:
    """Label → value pairs of a document header table (number, version, dates, title)."""
    found: dict[str, str] = {}
    for row in table.rows:
        for i, text in enumerate(row[:-1]):
            value = row[i + 1].strip()
            for key, labels in (("number", NUMBER_LABELS), ("version", VERSION_LABELS),
                                ("effective", EFFECTIVE_LABELS), ("issued", ISSUED_LABELS),
                                ("title", TITLE_LABELS), ("owner", OWNER_LABELS)):
                if _is(text, labels) and value not in EMPTY:
                    found.setdefault(key, value)
    return found


def read_approvals(table: Table, lookup: Lookup, draft: Draft) -> dict[str, dict[str, Any]]:
    """Signatures from a table with the role names either across one row or down one column."""
    approvals: dict[str, dict[str, Any]] = {}
    rows = table.rows
    for r, row in enumerate(rows):
        roles = [(c, lookup.roles[squeeze(text)]) for c, text in enumerate(row) if squeeze(text) in lookup.roles]
        if len(roles) >= 2:  # roles across a row: names below, dates below the names
            for c, role in roles:
                below = [cell(rows[k], c) for k in range(r + 1, len(rows))]
                names = [t for t in below if t not in EMPTY and parse_date(t) is None]
                dates = [parse_date(t) for t in below if parse_date(t) is not None]
                if names:
                    approvals[role] = _approval(names[0], dates[0] if dates else None)
            return approvals
    for row in rows:  # roles down a column: name and date to the right
        for c, text in enumerate(row):
            if squeeze(text) not in lookup.roles:
                continue
            role = lookup.roles[squeeze(text)]
            right = [t for t in row[c + 1:] if t not in EMPTY]
            names = [t for t in right if parse_date(t) is None and squeeze(t) not in lookup.roles]
            dates = [parse_date(t) for t in right if parse_date(t) is not None]
            if names:
                approvals[role] = _approval(names[0], dates[0] if dates else None)
    return approvals


def _approval(name: str, date: dt.date | None) -> dict[str, Any]:
    return {"name": name, "date": date} if date else {"name": name}


def read_revisions(table: Table, lookup: Lookup, draft: Draft) -> list[dict[str, Any]]:
    header = table.rows[0]
    version = column(header, lookup.label("rev_version"), "版本", "版次", "Version")
    date = column(header, lookup.label("rev_date"), "修订日期", "日期", "更改日期", "Date")
    change = column(header, lookup.label("rev_change"), "修订内容", "更改内容", "修改内容", "变更内容",
                    "Description of change", "Change")
    author = column(header, lookup.label("rev_author"), "修订人", "编制人", "更改人", "Author")
    revisions = []
    for i, row in enumerate(table.rows[1:], 1):
        entry: dict[str, Any] = {"version": cell(row, version)}
        parsed = parse_date(cell(row, date))
        if parsed:
            entry["date"] = parsed
        entry["change"] = cell(row, change)
        entry["author"] = cell(row, author)
        entry = {k: v for k, v in entry.items() if v not in EMPTY}
        if not entry.get("version"):
            if any(c not in EMPTY for c in row):
                draft.skip(table.row_where(i), " | ".join(row), "revision row without a version")
            continue
        missing = [k for k in ("date", "change", "author") if k not in entry]
        if missing:
            draft.skip(table.row_where(i), " | ".join(row), f"revision row without {', '.join(missing)}")
        revisions.append(entry)
    return revisions
