"""Clause coverage from explicit citations only: the clause table against the clauses each procedure cites.

One status per clause and procedure: cited (the procedure, a step or a commitment cites it, or an ISO 9001
clause above it), partial (only a subclause is cited), controlled (the procedure is under document control,
which the checklist audits against 7.5.2 / 7.5.3, but it does not cite the clause), or nothing. A step
without clauses of its own inherits nothing here; an IATF supplement is never covered by its ISO parent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proccompile.audit.clauses import cited_clauses, clause_marks, clause_table, is_leaf, unknown_clauses
from proccompile.audit.items import Item
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.exclusions import excluded_clauses
from proccompile.model.procedure import Procedure
from proccompile.views.tables import Column, Group, Sheet

STATUS_ORDER = ("cited", "partial", "controlled")  # a row's status is the strongest of its cells


@dataclass(frozen=True)
class Coverage:
    procedures: tuple[str, ...]
    marks: dict[str, tuple[str, ...]]  # clause → status per procedure ('cited' | 'partial' | 'controlled' | '')
    gaps: tuple[str, ...]  # leaf clauses no procedure cites and the config does not exclude
    unknown: tuple[str, ...]  # cited numbers that are not clauses of the table
    excluded: dict[str, str]  # clause → justification, for every clause the exclusions take out


def coverage(corpus: Corpus, procedures: list[Document[Procedure]], items: Sequence[Item] = ()) -> Coverage:
    """Marks per procedure. ``items`` only add the document-control tags they are judged against (7.5.2 on the
    approval item, 7.5.3 on records and points of use) as 'controlled' — never as coverage."""
    clause_set = corpus.config.audit.clause_set
    controlled: dict[str, set[str]] = {}
    for item in items:
        for code in item.scope:
            controlled.setdefault(code, set()).update(item.control)
    cited = [cited_clauses(doc.model) for doc in procedures]
    table = clause_table(clause_set)
    per_procedure = [clause_marks(c, clause_set) for c in cited]
    excluded = excluded_clauses(corpus.config)
    marks: dict[str, tuple[str, ...]] = {}
    for info in table:
        if info.number in excluded:
            marks[info.number] = tuple("" for _ in procedures)  # one status: not applicable (PC326 if cited)
            continue
        marks[info.number] = tuple(
            m.get(info.number) or ("controlled" if info.number in controlled.get(doc.model.code, ()) else "")
            for m, doc in zip(per_procedure, procedures, strict=True))
    gaps = tuple(info.number for info in table if is_leaf(info, clause_set) and info.number not in excluded
                 and not any(m in ("cited", "partial") for m in marks[info.number]))
    unknown = tuple(unknown_clauses(set().union(*cited), clause_set) if cited else ())
    return Coverage(tuple(doc.model.code for doc in procedures), marks, gaps, unknown, excluded)


def status(marks: tuple[str, ...], excluded: bool = False) -> str:
    if excluded:
        return "excluded"
    return next((s for s in STATUS_ORDER if s in marks), "gap")


def coverage_sheet(corpus: Corpus, procedures: list[Document[Procedure]], wording: Wording,
                   items: Sequence[Item] = ()) -> Sheet:
    label = wording.label
    language = corpus.config.language
    clause_set = corpus.config.audit.clause_set
    result = coverage(corpus, procedures, items)
    symbol = {"cited": label("mark_full"), "partial": label("mark_partial"), "controlled": label("mark_controlled"),
              "": ""}
    columns = (Column(label("col_clause_no"), 8), Column(label("col_clause_title"), 28),
               *(Column(code, 11, center=True) for code in result.procedures),
               Column(label("col_coverage"), 14, center=True), Column(label("col_exclusion"), 24))
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
    if clause_set == "iatf16949":
        notes.append(label("coverage_iatf_note"))
    if result.unknown:
        notes.append(f"{label('unknown_heading')}{wording.join(list(result.unknown))}")
    return Sheet("coverage", label("sheet_coverage"), columns, tuple(groups), notes=tuple(notes))

