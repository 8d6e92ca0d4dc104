"""How the clauses a procedure cites cover the rows of the clause table (explicit citations only)."""

from __future__ import annotations

import functools

from proccompile.model.clauses import (
    CLAUSE_SETS,
    ClauseInfo,
    cited_clauses,
    clause_index,
    clause_key,
    clause_table,
    coverage_mark,
    is_within,
    natural_key,
)

__all__ = ["CLAUSE_SETS", "ClauseInfo", "cited_clauses", "clause_index", "clause_key", "clause_marks",
           "clause_table", "coverage_mark", "is_leaf", "is_within", "natural_key", "unknown_clauses"]


def is_leaf(info: ClauseInfo, clause_set: str = "iso9001") -> bool:
    return not any(is_within(c.number, info.number) and c.number != info.number for c in clause_table(clause_set))


@functools.lru_cache(maxsize=4096)
def clause_marks(cited: frozenset[str], clause_set: str = "iso9001") -> dict[str, str]:
    """Every table row ``cited`` marks, with its coverage_mark. Cached: procedures and steps repeat the same
    few clause lists, and each list is judged against every row of the table."""
    marks = ((info.number, coverage_mark(cited, info)) for info in clause_table(clause_set))
    return {number: mark for number, mark in marks if mark}


def unknown_clauses(cited: set[str], clause_set: str = "iso9001") -> list[str]:
    """Cited numbers that are neither in the table nor under one of its clauses (e.g. 8.8, 11)."""
    known = clause_index(clause_set)
    return sorted((c for c in cited if not any(is_within(c, k) for k in known)), key=clause_key)
