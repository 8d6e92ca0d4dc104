"""Approvals from signature grids and sign-off lines: each role gets its own name and its own date.

Grids come in every orientation: roles across a row with labelled rows of names and dates below
(职责|编制|审核|批准 over 签名|… over 日期|…), roles each followed by a name with a date row below
(编制|王建国|审核|李明华 over 日期|2023.5.1|日期|…), the same transposed, and roles down a column under
a Name | Signature | Date header. A label (日期, Date, 签名, Signature …) is never taken for a name, and
an empty cell means the role has no name: it is listed, never filled from a neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from proccompile.importer.docx_reader import Table
from proccompile.importer.labels import DATE_LABELS, NAME_LABELS, OTHER_GRID_LABELS, norm
from proccompile.importer.lookup import EMPTY, Lookup
from proccompile.importer.result import Draft

Cell = tuple[int, int]  # (row, index in the row)
# A grid signs a document once per role; a table with more role names than this is read for the first ones
# only (the rest of its cells are listed), which keeps a crafted table from costing time per pair of cells.
MAX_SIGNATURES = 24
GRID_ROWS = 8  # rows above or below a role that may hold its name, date or column headings


@dataclass
class _Signature:
    role: str
    at: Cell
    name: Cell | None = None
    date: Cell | None = None


class GridReader:
    """Reads the approvals of one table into ``approvals``; every cell it reads is marked used on ``draft``."""

    def __init__(self, table: Table, lookup: Lookup, draft: Draft) -> None:
        self.table, self.lookup, self.draft = table, lookup, draft

    # -- what a cell is -------------------------------------------------------------------------------------
    def text(self, cell: Cell | None) -> str:
        return self.table.rows[cell[0]][cell[1]].strip() if cell is not None else ""

    def role(self, cell: Cell | None) -> str | None:
        return self.lookup.role(self.text(cell)) if cell is not None else None

    def kind(self, cell: Cell | None) -> str:
        """role, name-label, date-label, label, empty or value."""
        text = self.text(cell)
        flat = norm(text)
        if cell is None or text in EMPTY:
            return "empty"
        if self.lookup.role(text):
            return "role"
        if flat in NAME_LABELS:
            return "name-label"
        if flat in DATE_LABELS:
            return "date-label"
        if flat in OTHER_GRID_LABELS or self.lookup.is_label(text, "approval_role", "approval_name",
                                                               "approval_title", "approval_date"):
            return "label"
        return "value"

    def right(self, cell: Cell) -> Cell | None:
        r, i = cell
        return (r, i + 1) if i + 1 < len(self.table.rows[r]) else None

    def below(self, cell: Cell, rows: int = 1) -> Cell | None:
        r, i = cell
        index = self.table.at(r + rows, self.table.grid(r, i))
        return (r + rows, index) if index is not None else None

    # -- reading ---------------------------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]]:
        cells = [(r, i) for r, row in enumerate(self.table.rows) for i in range(len(row))]
        everywhere = [_Signature(role, cell) for cell in cells if (role := self.role(cell))]
        self.role_rows = {s.at[0] for s in everywhere}
        found = everywhere[:MAX_SIGNATURES]
        roles_at = {s.at for s in found}
        for sign in found:
            self._place(sign, roles_at)
        return self._approvals(found)

    def _place(self, sign: _Signature, roles_at: set[Cell]) -> None:
        r, i = sign.at
        right, below = self.right(sign.at), self.below(sign.at)
        adjacent_across = (r, i - 1) in roles_at or (r, i + 1) in roles_at
        if self.kind(right) == "date-label":  # 编制 | 日期 over 王建国 | 2023.5.1 (a transposed grid)
            sign.name, sign.date = below, self.below(right) if right else None
            self.draft.use(*(self.table.cell_where(*c) for c in (right,) if c))
        elif adjacent_across or self.kind(right) in ("role", "empty") and self.kind(below) == "value":
            self._down(sign)
        elif self._header_columns(sign):
            pass
        else:
            self._along(sign)

    def _down(self, sign: _Signature) -> None:
        """Roles across a row: each row below is a row of names or of dates, by its label or its content."""
        label_at = self._label_column(sign.at[0])
        for rows in range(1, min(GRID_ROWS, len(self.table.rows) - sign.at[0])):
            cell = self.below(sign.at, rows)
            if cell is None or cell[0] in self.role_rows:
                break
            label = self.kind((cell[0], label_at)) if label_at is not None else ""
            if label == "label":
                continue  # a row of job titles or departments: not the signature
            if label in ("name-label", "date-label"):
                self.draft.use(self.table.cell_where(cell[0], label_at))  # type: ignore[arg-type]
            else:
                label = ""  # no label, or one not known: the cells say what the row holds
            is_date = label == "date-label" or (not label and self.lookup.date(self.text(cell)) is not None)
            if is_date and sign.date is None:
                sign.date = cell
            elif not is_date and sign.name is None:
                sign.name = cell

    def _label_column(self, row: int) -> int | None:
        """Index of the cell heading the rows of a grid whose roles are across ``row`` (职责 | 编制 | …)."""
        first = next((i for i in range(len(self.table.rows[row])) if self.role((row, i))), None)
        if first:
            self.draft.use(self.table.cell_where(row, first - 1))
            return first - 1
        return None

    def _header_columns(self, sign: _Signature) -> bool:
        """Roles down a column under a header row that names the columns (Name | Signature | Date)."""
        r, i = sign.at
        for h in range(r - 1, max(-1, r - GRID_ROWS), -1):
            if h in self.role_rows:  # a row of another role's own labels, not a header
                return False
            kinds = {k: self.kind((h, k)) for k in range(len(self.table.rows[h]))}
            if not any(kind in ("name-label", "date-label") for kind in kinds.values()):
                continue
            for k, kind in kinds.items():
                if kind == "label":
                    self.draft.use(self.table.cell_where(h, k))  # Role, 职责: the header of the role column
            for k, kind in kinds.items():
                cell = self.table.at(r, self.table.grid(h, k))
                if cell is None or cell <= i:
                    continue
                if kind == "name-label" and sign.name is None and norm(self.text((h, k))) not in _SIGNATURE:
                    sign.name = (r, cell)
                elif kind == "date-label" and sign.date is None:
                    sign.date = (r, cell)
                self.draft.use(self.table.cell_where(h, k))
            if sign.name is None:  # only a Signature column: what is typed there is the name
                for k, kind in kinds.items():
                    cell = self.table.at(r, self.table.grid(h, k))
                    if kind == "name-label" and cell is not None and cell > i:
                        sign.name = (r, cell)
                        break
            return True
        return False

    def _along(self, sign: _Signature) -> None:
        """A role followed along its row by its name and date, each after its own label or none; a date may
        also stand in the row below, beside a 日期 / Date label under the role."""
        cell, expect = self.right(sign.at), ""
        while cell is not None and self.kind(cell) != "role":
            kind = self.kind(cell)
            if kind in ("name-label", "date-label", "label"):
                expect = kind
                self.draft.use(self.table.cell_where(*cell))
            elif expect == "date-label" or (kind == "value" and self.lookup.date(self.text(cell)) and not expect):
                sign.date = sign.date or cell
                expect = ""
            elif sign.name is None and expect in ("", "name-label"):
                sign.name = cell  # an empty cell too: the role has no name
                expect = ""
            cell = self.right(cell)
        under = self.below(sign.at)
        if sign.date is None and self.kind(under) == "date-label" and under is not None:
            self.draft.use(self.table.cell_where(*under))
            sign.date = self.right(under)

    def _approvals(self, found: list[_Signature]) -> dict[str, dict[str, Any]]:
        approvals: dict[str, dict[str, Any]] = {}
        by_hand = self.lookup.config.signatures == "by-hand"
        for sign in found:
            self.draft.use(self.table.cell_where(*sign.at))
            entry: dict[str, Any] = {}
            name_kind = self.kind(sign.name)
            if name_kind == "value" and self.lookup.date(self.text(sign.name)) is None:
                entry["name"] = self.text(sign.name)
                self.draft.use(self.table.cell_where(*sign.name))  # type: ignore[misc]
            elif by_hand and sign.name and name_kind == "empty" and sign.date is not None \
                    and self.kind(sign.date) == "value":
                # A project that signs by hand leaves the name for the pen: a dated empty name cell is the approval.
                self.draft.use(self.table.cell_where(*sign.name))
                entry["name"] = None
            else:
                where = self.table.cell_where(*(sign.name or sign.at))
                why = {"empty": "the cell for it is empty", "value": "the cell for it holds a date"}.get(
                    name_kind, "the cell for it holds a label") if sign.name else "no cell for it"
                self.draft.missing(self.text(sign.at), f"no name for {sign.role}: {why}", where)
                if sign.name and name_kind == "empty":
                    self.draft.use(where)
            if sign.date is not None and self.kind(sign.date) == "value":
                found_date = self.lookup.date(self.text(sign.date))
                where = self.table.cell_where(*sign.date)
                if found_date and found_date.date:
                    entry["date"] = found_date.date
                    self.draft.use(where)
                else:
                    self.draft.skip(where, self.text(sign.date),
                                    f"date of {sign.role}: " + (found_date.problem or "") if found_date
                                    else f"date of {sign.role} that is not a date", (where,))
            if entry.get("name", "") is None:
                del entry["name"]
                if "date" not in entry:
                    continue  # no date either: nothing of the approval is on the page
            elif "name" not in entry:
                continue
            if sign.role not in approvals:
                approvals[sign.role] = entry
        return approvals


_LINE_LABELS = DATE_LABELS | NAME_LABELS
_SIGNATURE = frozenset(norm(w) for w in ("签名", "签字", "Signature", "Sign", "Signed"))


def approvals_in_text(text: str, lookup: Lookup) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Sign-offs written on one line (`编制：张明 2020-01-06　审核：李华`, `Prepared by: J. Smith  Date: …`):
    the approvals, and the roles that carry no name. Empty when fewer than one role is followed by a colon."""
    if ":" not in text and "：" not in text:
        return {}, []
    spaced = text.replace("\u3000", "  ")
    marks = list(lookup.role_marks.finditer(spaced))
    approvals: dict[str, dict[str, Any]] = {}
    nameless: list[str] = []
    for n, mark in enumerate(marks):
        role = lookup.role(mark.group(1))
        end = marks[n + 1].start() if n + 1 < len(marks) else len(spaced)
        value = spaced[mark.end():end]
        entry: dict[str, Any] = {}
        found_date = lookup.date(value)
        if found_date is not None:
            value = value.replace(found_date.text, " ")
            if found_date.date:
                entry["date"] = found_date.date
        value = " ".join(w for w in re.split(r"\s+", value) if norm(w) not in _LINE_LABELS).strip(" ：:")
        if role is None:
            continue
        if value and value not in EMPTY and lookup.role(value) is None:
            approvals.setdefault(role, {"name": value, **entry})
        else:
            nameless.append(role)
    return approvals, nameless
