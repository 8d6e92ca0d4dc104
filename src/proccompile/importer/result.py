"""What one import produced: the draft's data, and an account of every paragraph and cell of the source.

Each paragraph and table cell with text is either read (into a field, or as the layout the build prints
itself: labels, page numbers) or listed as not mapped, with where it stands and why. A reader that
forgets a cell cannot lose it: whatever is neither at the end is listed as not recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from proccompile.importer.docx_reader import Block, Para, Table, WordDocument

NOT_RECOGNISED = "not recognised"
_ROW = re.compile(r"^((.*?table \d+) row \d+) cell \d+")


@dataclass(frozen=True)
class Unmapped:
    where: str
    """Where in the Word document: paragraph 12, table 3 row 2, the page header, the document."""
    text: str
    reason: str


@dataclass(frozen=True)
class Account:
    """How many paragraphs and cells with text the source holds, and how many of them were read."""

    units: int
    read: int
    listed: int


@dataclass
class Draft:
    data: dict[str, Any] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    """Paragraphs and cells read into the draft or recognised as layout."""
    listed: set[str] = field(default_factory=set)
    """Paragraphs and cells named in ``unmapped``."""
    stubs: dict[str, str] = field(default_factory=dict)
    """Form codes the document cites → the record name it gives them (for --stub-forms)."""
    account: Account = Account(0, 0, 0)

    def skip(self, where: str, text: str, reason: str, units: tuple[str, ...] | None = None) -> None:
        """List ``text`` at ``where`` as not mapped; ``units`` are the source cells it covers (``where`` itself
        by default). Nothing is listed for an empty text, which holds nothing to lose."""
        if text.strip():
            self.unmapped.append(Unmapped(where, text.strip(), reason))
            self.listed.update(units if units is not None else (where,))

    def cite(self, code: str, name: str = "") -> None:
        """Note a form the document cites, with the name it gives it (the first name given is kept)."""
        if not self.stubs.get(code):
            self.stubs[code] = name

    def use(self, *units: str) -> None:
        self.used.update(units)

    # -- shorthands for blocks ----------------------------------------------------------------------------
    def use_para(self, para: Para) -> None:
        self.used.add(para.where)

    def use_row(self, table: Table, row: int) -> None:
        self.used.update(table.cell_where(row, c) for c in range(len(table.rows[row])))

    def use_cell(self, table: Table, row: int, index: int | None) -> None:
        if index is not None and index < len(table.rows[row]):
            self.used.add(table.cell_where(row, index))

    def use_table(self, table: Table) -> None:
        for row in range(len(table.rows)):
            self.use_row(table, row)

    def skip_row(self, table: Table, row: int, reason: str) -> None:
        units = tuple(table.cell_where(row, c) for c in range(len(table.rows[row])))
        self.skip(table.row_where(row), " | ".join(table.rows[row]), reason, units)

    def skip_cell(self, table: Table, row: int, index: int, reason: str, text: str | None = None) -> None:
        where = table.cell_where(row, index)
        self.skip(where, table.rows[row][index] if text is None else text, reason, (where,))

    def skip_block(self, block: Block, reason: str) -> None:
        if isinstance(block, Para):
            self.skip(block.where, block.text, reason)
        else:
            for row in range(len(block.rows)):
                self.skip_row(block, row, reason)

    def missing(self, what: str, reason: str, where: str = "the document") -> None:
        """A value the document does not give (at ``where``: a row without a date, a role without a name)."""
        self.unmapped.append(Unmapped(where, what, reason))


def settle(doc: WordDocument, draft: Draft) -> Account:
    """List every paragraph and cell no reader accounted for, and the text the reader never reads; put the
    list in document order (the page header and footer, then the body, then what is missing)."""
    units: dict[str, str] = {}
    for block in [*doc.furniture, *doc.body]:
        if isinstance(block, Para):
            if block.text.strip():
                units.setdefault(block.where, block.text)
        else:
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    if text.strip():
                        units.setdefault(block.cell_where(r, c), text)
    for where, text in units.items():
        if where not in draft.used and where not in draft.listed:
            draft.skip(where, text, NOT_RECOGNISED)
    for extra in doc.extras:
        draft.skip(extra.where, extra.text, extra.reason)
    # Where a row, a column or a table stands: where its first cell does.
    anchors: dict[str, int] = {}
    for n, where in enumerate([*units, *(e.where for e in doc.extras)]):
        anchors.setdefault(where, n)
        cell = _ROW.match(where)
        if cell:
            anchors.setdefault(cell.group(1), n)
            anchors.setdefault(cell.group(2), n)
    end = len(anchors)

    def position(item: Unmapped) -> int:
        return anchors.get(item.where, anchors.get(item.where.split(" column ")[0], end))

    draft.unmapped.sort(key=position)
    listed = sum(1 for where in units if where in draft.listed)
    return Account(len(units) + len(doc.extras), len(units) - listed, listed + len(doc.extras))


@dataclass(frozen=True)
class Imported:
    name: str
    """The Word file as the user named it."""
    code: str | None
    data: dict[str, Any]
    unmapped: tuple[Unmapped, ...]
    proposed: dict[str, str]
    """Department names not in the config → the ids the draft uses for them."""
    account: Account = Account(0, 0, 0)
    stubs: dict[str, str] = field(default_factory=dict)
    """Form codes cited → the record name the document gives them, for --stub-forms."""
