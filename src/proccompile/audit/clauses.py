"""The packaged ISO 9001:2015 (and IATF 16949:2016) clause tables and how a procedure's cited clauses cover them."""

from __future__ import annotations

import functools

from proccompile.model.clause_set import CLAUSE_SETS, ClauseInfo, clause_index, clause_key, clause_table

__all__ = ["CLAUSE_SETS", "ClauseInfo", "clause_index", "clause_key", "clause_marks", "clause_table", "coverage_mark",
           "is_leaf", "is_within", "unknown_clauses"]


def is_within(inner: str, outer: str) -> bool:
    """Whether clause ``inner`` is ``outer`` or one of its subclauses."""
    return inner == outer or inner.startswith(outer + ".")


def is_leaf(info: ClauseInfo, clause_set: str = "iso9001") -> bool:
    return not any(is_within(c.number, info.number) and c.number != info.number for c in clause_table(clause_set))


def coverage_mark(cited: set[str] | frozenset[str], row: str) -> str:
    """'full' when a cited clause is the row or contains it (citing 7.5 covers 7.5.3), 'partial' when
    only a subclause of the row is cited, else ''."""
    if any(is_within(row, c) for c in cited):
        return "full"
    if any(is_within(c, row) for c in cited):
        return "partial"
    return ""


@functools.lru_cache(maxsize=4096)
def clause_marks(cited: frozenset[str], clause_set: str = "iso9001") -> dict[str, str]:
    """Every table row ``cited`` marks, with its coverage_mark. Cached: procedures and steps repeat the same
    few clause lists, and each list is judged against every row of the table."""
    marks = ((info.number, coverage_mark(cited, info.number)) for info in clause_table(clause_set))
    return {number: mark for number, mark in marks if mark}


def unknown_clauses(cited: set[str], clause_set: str = "iso9001") -> list[str]:
    """Cited numbers that are neither in the table nor under one of its clauses (e.g. 8.8, 11)."""
    known = clause_index(clause_set)
    return sorted((c for c in cited if not any(is_within(c, k) for k in known)), key=clause_key)
