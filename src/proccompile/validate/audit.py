"""The audit settings against the corpus: exclusions, the programme's dates, the audit forms and clause leads."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus
from proccompile.model.clauses import ClauseInfo, cited_clauses, clause_index, clause_key, coverage_mark, is_within
from proccompile.model.config import ProjectConfig
from proccompile.model.exclusions import exclusion_problem
from proccompile.model.names import AuditNames
from proccompile.model.programme import audit_of_date, audits, programme_codes


def exclusions(corpus: Corpus, bag: Diagnostics) -> None:
    """PC327: an exclusion the clause set does not allow."""
    config = corpus.config
    for i, exclusion in enumerate(config.audit.exclusions):
        problem = exclusion_problem(config, exclusion.clause)
        if problem is not None:
            bag.add("PC327", f"Clause {exclusion.clause} cannot be excluded: {problem}",
                    corpus.config_source.span(("audit", "exclusions", i, "clause")),
                    help="Remove the exclusion; audit the clause (an unused requirement is answered by the "
                         "procedures that show why it does not arise)")


def excluded_citations(corpus: Corpus, bag: Diagnostics) -> None:
    """PC326: a document citing a clause the config excludes (an exclusion that is allowed). A manual's clause
    chapters are where an exclusion is stated and justified (ISO 9001 4.3): a type with them is not judged."""
    config = corpus.config
    if not any(exclusion_problem(config, e.clause) is None for e in config.audit.exclusions):
        return
    from proccompile.model.exclusions import excluded_clauses

    excluded = excluded_clauses(config)
    for doc in corpus.documents():
        if doc.model.status == "obsolete" or any(spec.kind == "clauses" for spec in type(doc.model).CHAPTERS):
            continue
        for clause in sorted(cited_clauses(doc.model)):
            if clause in excluded:
                bag.add("PC326", f"{doc.model.code} cites clause {clause}, which the config excludes as not "
                        "applicable", doc.span("iso_clauses", key=True),
                        help=f"Either the clause applies (remove the exclusion) or the {doc.kind} does not address "
                             "it (remove the citation)")


def plan_date(corpus: Corpus, bag: Diagnostics) -> None:
    """PC328: the audit plan's first day falls in a month the annual programme schedules no audit."""
    audit = corpus.config.audit
    start = audit.plan.start
    if start is None or audit.programme.year is None:
        return
    procedures = programme_codes(corpus)
    if not procedures or audit_of_date(corpus.config, procedures, start) is not None:
        return
    scheduled = [a.label for a in audits(corpus.config, procedures)]
    bag.add("PC328", f"The audit plan starts on {start.isoformat()}, but the {audit.programme.year} programme "
            "schedules no audit in that month", corpus.config_source.span(("audit", "plan", "start")),
            help=f"Move the date into a month with an audit ({one_of(scheduled)}), or run "
                 "`proccompile checklist --audit N` for one of them")


def audit_forms(corpus: Corpus, bag: Diagnostics) -> None:
    """PC303: an audit record mapped to a form code the project does not have."""
    codes = [n.names.code for n in corpus.named_kind("form")]
    known = set(codes)
    forms = corpus.config.audit.forms
    for record in type(forms).model_fields:
        code = getattr(forms, record)
        if code is not None and code not in known and not corpus.is_broken(code):
            bag.add("PC303", f"Form `{code}` (audit form {record}) has no form file",
                    corpus.config_source.span(("audit", "forms", record)),
                    help=did_you_mean(code, codes) or f"Add forms/{code.replace('/', '-')}.yaml, or name a form")


def clause_leads(corpus: Corpus, bag: Diagnostics) -> None:
    """The quality functions table names one lead (主管) per clause: PC304 for an unknown department, PC330 for an
    external one, for a clause not in the table, and for a clause that released procedures of several owners cite
    with no choice in the config."""
    config = corpus.config
    known = [d.id for d in config.departments]
    index = clause_index(config.audit.clause_set)
    for clause, dept in config.audit.clause_leads.items():
        span = corpus.config_source.span(("audit", "clause_leads", clause))
        found = config.department(dept)
        if found is None:
            bag.add("PC304", f"Department `{dept}` (audit clause_leads {clause}) is not defined in proccompile.yaml",
                    span, help=did_you_mean(dept, known) or f"Defined departments: {one_of(known)}")
        elif found.external:
            bag.add("PC330", f"Clause {clause} is led by `{dept}`, an external party", span,
                    help="A clause of the QMS is led by one of the organisation's own departments")
        if clause not in index:
            bag.add("PC330", f"Clause {clause} (audit clause_leads) is not in the clause table",
                    corpus.config_source.span(("audit", "clause_leads", clause), key=True),
                    help=did_you_mean(clause, list(index)))
    released = [n for n in corpus.named_kind("procedure") if n.names.status == "released" and n.names.audit]
    heads = [(n.names.code, n.names.audit) for n in released if n.names.audit is not None]
    cited = sorted({c for _, p in heads for c in p.clauses if c in index}, key=clause_key)
    for clause in cited:
        if configured_lead(config, clause) is not None:
            continue
        candidates = lead_candidates(heads, index[clause])
        if len(candidates) < 2:
            continue
        first = next(n for n in released if n.names.code == candidates[0][1])
        listed = ", ".join(f"`{owner}` ({code})" for owner, code in candidates)
        bag.add("PC330", f"Clause {clause} is cited by procedures of {len(candidates)} owners ({listed}); the "
                "quality functions table leads it by none of them until one is chosen",
                first.span("iso_clauses", key=True),
                help=f"Choose the lead under audit.clause_leads in proccompile.yaml, e.g. \"{clause}\": "
                     f"{candidates[0][0]}")


def configured_lead(config: ProjectConfig, clause: str) -> str | None:
    """The lead the config chooses for ``clause``: that of the nearest clause above it (or itself) in
    audit.clause_leads."""
    keys = [k for k in config.audit.clause_leads if is_within(clause, k)]
    return config.audit.clause_leads[max(keys, key=len)] if keys else None


def lead_candidates(released: list[tuple[str, AuditNames]], row: ClauseInfo) -> list[tuple[str, str]]:
    """(owner, first procedure) of every owner whose released procedure's own clause list cites ``row``
    (``released``: each procedure's code and audit facts)."""
    found: dict[str, str] = {}
    for code, p in released:
        if coverage_mark(frozenset(p.clauses), row) == "cited":
            found.setdefault(p.owner, code)
    return list(found.items())


def group_members(corpus: Corpus, bag: Diagnostics) -> None:
    """PC304: a group's `includes` names a department the config does not define."""
    known = [d.id for d in corpus.config.departments]
    for i, dept in enumerate(corpus.config.departments):
        for k, member in enumerate(dept.includes):
            if member not in known:
                bag.add("PC304", f"Department `{member}` (included in `{dept.id}`) is not defined in proccompile.yaml",
                        corpus.config_source.span(("departments", i, "includes", k)),
                        help=did_you_mean(member, known) or f"Defined departments: {one_of(known)}")
