"""The packaged clause sets: ISO 9001:2015, and ISO 9001:2015 with the IATF 16949:2016 clauses, with their titles."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from proccompile.load.packaged import load_packaged_yaml


@dataclass(frozen=True, slots=True)
class ClauseInfo:
    number: str
    zh: str
    en: str

    def title(self, language: str) -> str:
        return self.zh if language == "zh" else self.en

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1


CLAUSE_SETS = ("iso9001", "iatf16949")
# How labels name each set (the cover's "clauses" line, the coverage matrix's title).
CLAUSE_SET_NAMES = {"iso9001": "ISO 9001:2015", "iatf16949": "IATF 16949:2016"}


@functools.cache
def clause_table(clause_set: str = "iso9001") -> tuple[ClauseInfo, ...]:
    """The ISO 9001:2015 clauses; with ``iatf16949`` also the IATF 16949:2016 ones, merged in clause order."""
    rows = load_packaged_yaml("iso9001_2015_clauses.yaml")
    if clause_set == "iatf16949":
        rows = sorted([*rows, *load_packaged_yaml("iatf16949_2016_clauses.yaml")],
                      key=lambda r: clause_key(str(r["clause"])))
    return tuple(ClauseInfo(str(r["clause"]), r["zh"], r["en"]) for r in rows)


@functools.cache
def clause_index(clause_set: str = "iso9001") -> dict[str, ClauseInfo]:
    return {c.number: c for c in clause_table(clause_set)}


def clause_key(number: str) -> tuple[int, ...]:
    """Numeric sort key: 8.10 after 8.9, 10 after 9."""
    return tuple(int(part) for part in number.split("."))
