"""质量职能分配表: clauses × departments, each cell 主管 (leads), 负责 (does) or 配合 (supports).

From explicit citations only: a department leads a clause its procedure cites (one lead per clause: the
configured one, else the only owner citing it), does the clauses its steps cite, and supports where it has
duties or steps in such a procedure. A step without clauses of its own does nothing here, and an external
party (a dealer) has no duties in the table: the owner of its procedure answers for it.
"""

from __future__ import annotations

from proccompile.audit.clauses import clause_marks, clause_table
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.actors import Actor, departments_of
from proccompile.model.display import department_name
from proccompile.model.names import audit_names
from proccompile.model.procedure import Procedure
from proccompile.validate.audit import configured_lead, lead_candidates
from proccompile.views.tables import Column, Group, Sheet

LEAD, DOES, SUPPORTS = 3, 2, 1  # a department's strongest role for a clause wins


def roles(p: Procedure, clause_set: str = "iso9001", index: dict[str, Actor] | None = None
          ) -> dict[str, dict[str, int]]:
    """Clause → department → role in one procedure, before the one lead per clause is chosen: its owner may lead
    the clauses the procedure cites, a step's owner does the step's own clauses, anyone else named supports.
    Roles count for their department, groups for each member's (``index``: the project's actors)."""
    index = index or {}
    own = list(dict.fromkeys(p.iso_clauses))
    out: dict[str, dict[str, int]] = {}
    involved = departments_of(index, [*(a for r in p.responsibilities for a in r.department),
                                      *(a for s in p.process for st in s.steps for a in st.owner)])
    steps = [(departments_of(index, st.owner), clause_marks(frozenset(st.clauses), clause_set))
             for s in p.process for st in s.steps if st.clauses]
    marked = clause_marks(frozenset(own), clause_set)
    owner = departments_of(index, (p.owner,))[0]
    for info in clause_table(clause_set):
        cells: dict[str, int] = {}
        for owners, marks in steps:
            if marks.get(info.number) == "cited":
                for dept in owners:
                    cells[dept] = max(cells.get(dept, 0), DOES)
        cited = marked.get(info.number) == "cited"
        if cells or cited:
            for dept in involved:
                cells.setdefault(dept, SUPPORTS)
            if cited:  # the owner leads what its procedure is about, not what one step touches
                cells[owner] = LEAD
            out[info.number] = cells
    return out


def functions_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    """From the released procedures; rows are the clauses under their chapter, columns the internal departments
    that have a role in at least one clause (config order). Where several owners could lead a clause and the
    config chooses none, none leads (PC330 in ``check``): they are shown as doing it."""
    label = wording.label
    language = corpus.config.language
    clause_set = corpus.config.audit.clause_set
    released = [doc.model for doc in corpus.procedures if doc.model.status == "released"]
    heads = [(p.code, audit_names(p, corpus.actors)) for p in released]
    external = {d.id for d in corpus.config.departments if d.external}
    table: dict[str, dict[str, int]] = {}
    for p in released:
        for clause, cells in roles(p, clause_set, corpus.actors).items():
            merged = table.setdefault(clause, {})
            for dept, role in cells.items():
                if dept not in external:
                    merged[dept] = max(merged.get(dept, 0), role)
    for info in clause_table(clause_set):
        cells = table.get(info.number, {})
        leads = [d for d, role in cells.items() if role == LEAD]
        chosen = configured_lead(corpus.config, info.number)
        if chosen is None and leads:
            candidates = [owner for owner, _ in lead_candidates(heads, info)]
            chosen = candidates[0] if len(candidates) == 1 else None
        for dept in leads:
            if dept != chosen:
                cells[dept] = DOES
        if chosen is not None and chosen not in external and cells:  # a row nobody works to has no lead
            cells[chosen] = LEAD
    used = {dept for cells in table.values() for dept in cells}
    departments = [d.id for d in corpus.config.departments if d.id in used]
    name = {LEAD: label("role_lead"), DOES: label("role_does"), SUPPORTS: label("role_supports"), 0: ""}
    columns = (Column(label("col_clause_no"), 8), Column(label("col_clause_title"), 28),
               *(Column(department_name(corpus, d), 9, center=True) for d in departments))
    groups: list[Group] = []
    for info in clause_table(clause_set):
        if info.depth == 1:
            groups.append(Group(f"{info.number} {info.title(language)}", ()))
            continue
        found = table.get(info.number, {})
        row = (info.number, info.title(language), *(name[found.get(d, 0)] for d in departments))
        groups[-1] = Group(groups[-1].title, (*groups[-1].rows, row))
    return Sheet("functions", label("sheet_functions"), columns, tuple(groups), notes=(label("functions_legend"),),
                 signoff=(label("sign_prepared"), label("sign_approved")))
