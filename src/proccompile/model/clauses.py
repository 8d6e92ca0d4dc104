"""The packaged ISO 9001:2015 and IATF 16949:2016 clause tables, and natural sort keys for clauses and codes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proccompile.load.packaged import load_packaged_yaml

if TYPE_CHECKING:
    from proccompile.model.document import ControlledDocument

CLAUSE_SETS = ("iso9001", "iatf16949")
# How labels name each set (the cover's "clauses" line, the coverage matrix's title).
CLAUSE_SET_NAMES = {"iso9001": "ISO 9001:2015", "iatf16949": "IATF 16949:2016"}


@dataclass(frozen=True, slots=True)
class ClauseInfo:
    number: str
    zh: str
    en: str  # the standard's own heading; an untitled subclause carries its parent's
    iatf: bool = False  # an IATF 16949 supplemental clause: its own requirement, never covered by its parent
    product_design: bool = False  # IATF: about product design alone (excludable under IATF 16949 4.3.2)

    def title(self, language: str) -> str:
        return self.zh if language == "zh" else self.en

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1


@functools.cache
def clause_table(clause_set: str = "iso9001") -> tuple[ClauseInfo, ...]:
    """The ISO 9001:2015 clauses; with ``iatf16949`` also the IATF 16949:2016 ones, merged in clause order."""
    rows = [(r, False) for r in load_packaged_yaml("iso9001_2015_clauses.yaml")]
    if clause_set == "iatf16949":
        rows += [(r, True) for r in load_packaged_yaml("iatf16949_2016_clauses.yaml")]
    rows.sort(key=lambda pair: clause_key(str(pair[0]["clause"])))
    english: dict[str, str] = {}
    table = []
    for row, iatf in rows:
        number = str(row["clause"])
        parent = number.rpartition(".")[0]
        # ISO 9001 leaves some subclauses untitled (4.4.1, 9.2.1 …): they are printed under their parent's heading.
        en = row.get("en") or english[parent]
        english[number] = en
        table.append(ClauseInfo(number, row["zh"], en, iatf, row.get("design") == "product"))
    return tuple(table)


@functools.cache
def clause_index(clause_set: str = "iso9001") -> dict[str, ClauseInfo]:
    return {c.number: c for c in clause_table(clause_set)}


def clause_key(number: str) -> tuple[int, ...]:
    """Numeric sort key: 8.10 after 8.9, 10 after 9."""
    return tuple(int(part) for part in number.split("."))


def is_within(inner: str, outer: str) -> bool:
    """Whether clause ``inner`` is ``outer`` or one of its subclauses."""
    return inner == outer or inner.startswith(outer + ".")


def cited_clauses(document: ControlledDocument) -> frozenset[str]:
    """The clauses a document cites explicitly: its own list, every step's and every commitment's."""
    from proccompile.model.refs import commitments, steps

    return frozenset([*getattr(document, "iso_clauses", ()), *(c for _, step in steps(document) for c in step.clauses),
                      *(c for _, commitment in commitments(document) for c in commitment.clauses)])


def coverage_mark(cited: set[str] | frozenset[str], row: ClauseInfo) -> str:
    """'cited' when the row is cited, or an ISO 9001 clause above it is (citing 7.5 cites 7.5.3); 'partial' when
    only a subclause of the row is cited; else ''. An IATF supplement is its own requirement: only citing it
    (or a subclause of it) counts, never citing the ISO clause it hangs under."""
    if row.number in cited or (not row.iatf and any(is_within(row.number, c) for c in cited)):
        return "cited"
    if any(is_within(c, row.number) for c in cited):
        return "partial"
    return ""


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that reads runs of digits as numbers: QP-7.1.5 before QP-10.2, QR-2 before QR-10."""
    return tuple((1, int(part)) if part.isdigit() else (0, part.casefold())
                 for part in _DIGITS.split(text) if part)
