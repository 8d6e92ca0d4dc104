"""The packaged ISO 9001:2015 clause table and how a procedure's cited clauses cover it."""

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


@functools.cache
def clause_table() -> tuple[ClauseInfo, ...]:
    rows = load_packaged_yaml("iso9001_2015_clauses.yaml")
    return tuple(ClauseInfo(str(r["clause"]), r["zh"], r["en"]) for r in rows)


@functools.cache
def clause_index() -> dict[str, ClauseInfo]:
    return {c.number: c for c in clause_table()}


def clause_key(number: str) -> tuple[int, ...]:
    """Numeric sort key: 8.10 after 8.9, 10 after 9."""
    return tuple(int(part) for part in number.split("."))


def is_within(inner: str, outer: str) -> bool:
    """Whether clause ``inner`` is ``outer`` or one of its subclauses."""
    return inner == outer or inner.startswith(outer + ".")


def is_leaf(info: ClauseInfo) -> bool:
    return not any(is_within(c.number, info.number) and c.number != info.number for c in clause_table())


def coverage_mark(cited: set[str] | frozenset[str], row: str) -> str:
    """'full' when a cited clause is the row or contains it (citing 7.5 covers 7.5.3), 'partial' when
    only a subclause of the row is cited, else ''."""
    if any(is_within(row, c) for c in cited):
        return "full"
    if any(is_within(c, row) for c in cited):
        return "partial"
    return ""


def unknown_clauses(cited: set[str]) -> list[str]:
    """Cited numbers that are neither in the table nor under one of its clauses (e.g. 8.8, 11)."""
    known = clause_index()
    return sorted((c for c in cited if not any(is_within(c, k) for k in known)), key=clause_key)
