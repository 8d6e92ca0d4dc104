"""Tables read by their header row: which column is which, the cell of a row under each, and the revision history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proccompile.importer.docx_reader import Table
from proccompile.importer.labels import COLUMNS, norm
from proccompile.importer.lookup import EMPTY, Lookup
from proccompile.importer.result import Draft

# The project's own label for each column key, as its build prints it.
_PROJECT_LABEL = {"seq": "col_no", "step_no": "step_no", "step_text": "step_text", "step_owner": "step_owner",
                  "step_limit": "step_limit", "step_records": "step_records", "record_name": "record_name",
                  "record_form": "record_form", "record_keeper": "record_keeper",
                  "record_retention": "record_retention", "record_storage": "record_storage",
                  "rev_version": "rev_version", "rev_date": "rev_date", "rev_change": "rev_change",
                  "rev_author": "rev_author", "commit_metric": "commit_metric", "commit_target": "commit_target",
                  "commit_measure": "commit_measure", "commit_owner": "commit_owner",
                  "commit_records": "commit_records"}


@dataclass
class Columns:
    """The header row of a table and the column each key is in."""

    table: Table
    header: int
    found: dict[str, int] = field(default_factory=dict)
    """key → index of its cell in the header row."""

    def index(self, row: int, key: str) -> int | None:
        if key not in self.found:
            return None
        return self.table.at(row, self.table.grid(self.header, self.found[key]))

    def value(self, row: int, key: str) -> str:
        index = self.index(row, key)
        return self.table.rows[row][index].strip() if index is not None else ""

    def use(self, draft: Draft, row: int, *keys: str) -> None:
        for key in keys:
            draft.use_cell(self.table, row, self.index(row, key))

    @property
    def body(self) -> range:
        return range(self.header + 1, len(self.table.rows))

    def settle(self, draft: Draft, what: str) -> None:
        """Mark the header row read, a numbering column read when it holds only numbers, and list each
        other column as one entry."""
        table = self.table
        for i, text in enumerate(table.rows[self.header]):
            numbering = self.found.get("seq") == i
            if i in self.found.values() and (not numbering or self._numbers_only(i)):
                draft.use_cell(table, self.header, i)
                for r in self.body if numbering else ():
                    draft.use_cell(table, r, table.at(r, table.grid(self.header, i)))
                continue
            cells = [(r, c) for r in self.body if (c := table.at(r, table.grid(self.header, i))) is not None]
            values = [table.rows[r][c] for r, c in cells if table.rows[r][c].strip()]
            units = (table.cell_where(self.header, i), *(table.cell_where(r, c) for r, c in cells))
            heading = text.strip() or f"column {i + 1}"
            draft.skip(f"{table.where} column {i + 1}", " | ".join([heading, *values]),
                       f"column `{heading}` has no place in {what}", units)
        for r in range(self.header):  # a title row above the header
            draft.skip_row(table, r, f"title row of {what}")

    def _numbers_only(self, index: int) -> bool:
        table = self.table
        for r in self.body:
            c = table.at(r, table.grid(self.header, index))
            if c is not None and table.rows[r][c].strip().rstrip(".").isdigit() is False \
                    and table.rows[r][c].strip() not in EMPTY:
                return False
        return True


def find_columns(table: Table, lookup: Lookup, keys: tuple[str, ...], needed: tuple[str, ...]) -> Columns | None:
    """The columns of ``table`` among ``keys`` when its header row (the first or second row) has all of
    ``needed``; each header cell is given the first key, in the order of ``keys``, that names it."""
    for header in range(min(2, len(table.rows))):
        found: dict[str, int] = {}
        for i, text in enumerate(table.rows[header]):
            flat = norm(text)
            for key in keys:
                if key in found:
                    continue
                names = {norm(n) for n in COLUMNS[key]}
                if key in _PROJECT_LABEL:
                    names.add(norm(lookup.label(_PROJECT_LABEL[key])))
                if flat and flat in names:
                    found[key] = i
                    break
        if all(k in found for k in needed):
            return Columns(table, header, found)
    return None


REVISION_KEYS = ("seq", "rev_version", "rev_date", "rev_change", "rev_author")


def revision_columns(table: Table, lookup: Lookup) -> Columns | None:
    return find_columns(table, lookup, REVISION_KEYS, ("rev_version", "rev_change"))


def read_revisions(columns: Columns, lookup: Lookup, draft: Draft) -> list[dict[str, Any]]:
    """One entry per row with a version; a row without one, or a date that does not parse, is listed."""
    table = columns.table
    revisions = []
    for r in columns.body:
        if not any(c.strip() for c in table.rows[r]):
            continue
        version = columns.value(r, "rev_version")
        if version in EMPTY:
            draft.skip_row(table, r, "revision row without a version")
            continue
        entry: dict[str, Any] = {"version": version}
        columns.use(draft, r, "rev_version", "seq")
        date_text = columns.value(r, "rev_date")
        found = lookup.date(date_text) if date_text not in EMPTY else None
        if found is not None and found.date:
            entry["date"] = found.date
            columns.use(draft, r, "rev_date")
        elif date_text not in EMPTY:
            index = columns.index(r, "rev_date")
            draft.skip_cell(table, r, index or 0, f"revision date: {found.problem if found else 'not a date'}")
        for key, name in (("rev_change", "change"), ("rev_author", "author")):
            if columns.value(r, key) not in EMPTY:
                entry[name] = columns.value(r, key)
                columns.use(draft, r, key)
        # A date listed above as unreadable is not reported again as missing.
        missing = [k for k in ("date", "change", "author") if k not in entry and (k != "date" or date_text in EMPTY)]
        if missing:
            draft.missing(" | ".join(table.rows[r]), f"revision row without {', '.join(missing)}", table.row_where(r))
        revisions.append(entry)
    columns.settle(draft, "a revision entry")
    return revisions
