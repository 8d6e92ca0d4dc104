"""Clause coverage: the clause table against the clauses each procedure and its checklist items cite, with gaps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proccompile.audit.clauses import clause_marks, clause_table, is_leaf, is_within, unknown_clauses
from proccompile.audit.items import Item
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.procedure import Procedure
from proccompile.views.tables import Column, Group, Sheet


def cited_clauses(procedure: Procedure) -> frozenset[str]:
    """Clauses a procedure addresses: its own list and every step's."""
    steps = (step for section in procedure.process for step in section.steps)
    return frozenset([*procedure.iso_clauses, *(c for step in steps for c in step.clauses)])


@dataclass(frozen=True)
class Coverage:
    procedures: tuple[str, ...]
    marks: dict[str, tuple[str, ...]]  # clause → mark per procedure ('full' | 'partial' | '')
    gaps: tuple[str, ...]  # leaf clauses nobody addresses and the config does not exclude
    unknown: tuple[str, ...]  # cited numbers that are not ISO 9001:2015 clauses
    excluded: dict[str, str]  # clause → justification, for every clause within an excluded one


def coverage(procedures: list[Document[Procedure]], items: Sequence[Item] = (),
             exclusions: dict[str, str] | None = None, clause_set: str = "iso9001") -> Coverage:
    """Clause marks per procedure from the same tags as the checklist: the procedure's own clauses and
    every clause its checklist items cite (a record item is judged against 7.5.3 whatever the procedure)."""
    by_procedure: dict[str, set[str]] = {}
    for item in items:
        by_procedure.setdefault(item.procedure, set()).update(item.clauses)
    cited = [cited_clauses(doc.model) | by_procedure.get(doc.model.code, set()) for doc in procedures]
    table = clause_table(clause_set)
    per_procedure = [clause_marks(frozenset(c), clause_set) for c in cited]
    marks = {info.number: tuple(m.get(info.number, "") for m in per_procedure) for info in table}
    excluded = {info.number: reason for info in table for clause, reason in (exclusions or {}).items()
                if is_within(info.number, clause)}
    gaps = tuple(info.number for info in table
                 if is_leaf(info, clause_set) and not any(marks[info.number]) and info.number not in excluded)
    unknown = tuple(unknown_clauses(set().union(*cited), clause_set) if cited else ())
    return Coverage(tuple(doc.model.code for doc in procedures), marks, gaps, unknown, excluded)


def status(marks: tuple[str, ...], excluded: bool = False) -> str:
    if excluded:
        return "excluded"
    return "full" if "full" in marks else "partial" if "partial" in marks else "gap"


def coverage_sheet(corpus: Corpus, procedures: list[Document[Procedure]], wording: Wording,
                   items: Sequence[Item] = ()) -> Sheet:
    label = wording.label
    language = corpus.config.language
    clause_set = corpus.config.audit.clause_set
    result = coverage(procedures, items, {e.clause: e.reason for e in corpus.config.audit.exclusions}, clause_set)
    symbol = {"full": label("mark_full"), "partial": label("mark_partial"), "": ""}
    columns = (Column(label("col_clause_no"), 8), Column(label("col_clause_title"), 24),
               *(Column(code, 11, center=True) for code in result.procedures),
               Column(label("col_coverage"), 10, center=True), Column(label("col_exclusion"), 24))
    groups: list[Group] = []
    for info in clause_table(clause_set):
        marks = result.marks[info.number]
        reason = result.excluded.get(info.number)
        row = (info.number, info.title(language), *(symbol[m] for m in marks),
               label(f"status_{status(marks, reason is not None)}"), reason or "")
        if info.depth == 1:
            groups.append(Group(f"{info.number} {info.title(language)}", (row,)))
        else:
            groups[-1] = Group(groups[-1].title, (*groups[-1].rows, row))
    index = {info.number: info for info in clause_table(clause_set)}
    gap_text = wording.join([f"{g} {index[g].title(language)}" for g in result.gaps])
    notes = [label("coverage_legend"),
             f"{label('gaps_heading')}{gap_text}" if result.gaps else label("gaps_none")]
    if result.unknown:
        notes.append(f"{label('unknown_heading')}{wording.join(list(result.unknown))}")
    return Sheet("coverage", label("sheet_coverage"), columns, tuple(groups), notes=tuple(notes))
