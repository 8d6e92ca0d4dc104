"""The checklist sheet (standards.md §3.6 columns) in procedure, department or clause order, as a controlled form."""

from __future__ import annotations

from collections.abc import Callable

from proccompile.audit.clauses import clause_index, clause_key
from proccompile.audit.items import Item
from proccompile.audit.wording import Wording, criteria
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.display import department_name, form_number, numbered, procedure_number
from proccompile.model.refs import document_refs
from proccompile.views.tables import VIEWS, Column, Group, Sheet

__all__ = ["VIEWS", "audit_criteria", "checklist_sheet", "group_items"]


def results(corpus: Corpus, wording: Wording) -> tuple[str, ...]:
    """The result codes an auditor may enter: the config's, else the language's (符合, 轻微不符合 …)."""
    return tuple(corpus.config.audit.results) or tuple(wording.label("results").split("|"))


def checklist_sheet(corpus: Corpus, items: list[Item], wording: Wording, view: str = "procedure",
                    auditors: list[Auditor] | None = None) -> Sheet:
    label = wording.label
    codes = results(corpus, wording)
    columns = (
        Column(label("col_no"), 6, center=True, kind="number"), Column(label("col_clause"), 10),
        Column(label("col_area"), 12), Column(label("col_criteria"), 16),
        Column(label("col_question"), 44), Column(label("col_method"), 10),
        Column(label("col_evidence"), 28), Column(label("col_population"), 9, center=True),
        Column(label("col_sample_ids"), 14), Column(label("col_seen"), 22),
        Column(label("col_result"), 11, choices=codes, center=True), Column(label("col_ncr"), 12),
        Column(label("col_auditor"), 10), Column(label("col_audit_date"), 11, center=True),
    )

    def row(item: Item) -> tuple[str, ...]:
        return (str(item.number), wording.join(list(item.clauses)), department_name(corpus, item.department),
                criteria(item, wording), item.question,
                wording.join([label(f"method_{m}") for m in item.methods]), item.evidence, "", "", "", "", "",
                item.auditor, "")

    groups = [Group(title, tuple(row(i) for i in members)) for title, members in group_items(corpus, items, view)]
    groups = groups or [Group("", ())]  # no procedure in force: still show the headings
    procedures = list(dict.fromkeys(i.procedure for i in items))
    team = list(dict.fromkeys(a.name for a in auditors or []))
    form = checklist_form(corpus)
    header = (
        *(((label("hdr_form_number"), form[0]), (label("hdr_version"), form[1])) if form else ()),
        (label("hdr_audit_no"), ""), (label("hdr_audit_type"), ""), (label("hdr_area"), ""),
        (label("hdr_scope"), wording.join(procedures)),
        (label("hdr_criteria"), audit_criteria(corpus, procedures, wording)),
        (label("hdr_date"), ""), (label("hdr_leader"), corpus.config.audit.plan.team_leader or ""),
        (label("hdr_team"), wording.join(team)),
        (label("hdr_auditee"), ""),
    )
    note = label("results_note").replace("{results}", wording.join(list(codes)))
    focus = label("focus_note").replace("{n}", str(corpus.config.audit.items_per_procedure))
    return Sheet("checklist", label("sheet_checklist"), columns, tuple(groups), header, (note, focus),
                 signoff=tuple(label(key) for key in ("sign_auditor", "sign_leader", "sign_auditee")))


def audit_criteria(corpus: Corpus, procedures: list[str], wording: Wording) -> str:
    """The standard, then every standard and law the procedures in scope cite, then the procedures themselves."""
    external = {e.code for e in corpus.config.external_documents}
    cited = [ref.target for p in procedures if (doc := corpus.procedure(p)) is not None
             for ref in document_refs(doc.model) if ref.target in external]
    return wording.join(list(dict.fromkeys([label for label in (wording.label("criteria_standard"),) if label]
                                           + cited + [wording.label("criteria_procedures")])))


def group_items(corpus: Corpus, items: list[Item], view: str) -> list[tuple[str, list[Item]]]:
    """Items under headings: per procedure (item order), per department (config order) or per first clause."""
    key: Callable[[Item], str]
    name: Callable[[str], str]
    if view == "procedure":
        titles: dict[str, str] = {}
        for item in items:
            doc = corpus.procedure(item.procedure)
            language = corpus.config.language
            titles[item.procedure] = (numbered(procedure_number(corpus, doc.model), doc.model.title, language) if doc
                                      else item.procedure)
        key, order = (lambda i: i.procedure), list(titles)
        name = lambda code: titles.get(code, code)  # noqa: E731
    elif view == "department":
        known = [d.id for d in corpus.config.departments]
        key = lambda i: i.department  # noqa: E731
        order = sorted({i.department for i in items}, key=lambda d: (known.index(d) if d in known else len(known), d))
        name = lambda d: department_name(corpus, d)  # noqa: E731
    elif view == "clause":
        # An item is listed once, under the lowest clause it cites; its clause cell shows them all.
        key = lambda i: min(i.clauses, key=clause_key) if i.clauses else ""  # noqa: E731
        order = sorted({key(i) for i in items}, key=lambda c: clause_key(c) if c else (999,))
        index = clause_index(corpus.config.audit.clause_set)
        language = corpus.config.language
        name = lambda c: f"{c} {index[c].title(language)}" if c in index else (c or "—")  # noqa: E731
    else:
        raise ValueError(f"unknown view {view!r}")
    members: dict[str, list[Item]] = {k: [] for k in order}
    for item in items:
        members[key(item)].append(item)
    return [(name(k) or k, members[k]) for k in order]


def checklist_form(corpus: Corpus, which: str = "checklist_form") -> tuple[str, str] | None:
    """(printed number, version) of the checklist's (or the registers') own form: from the corpus when the
    form is there."""
    audit = corpus.config.audit
    configured = audit.register_form if which == "register_form" else audit.checklist_form
    if configured is None:
        return None
    doc = corpus.form(configured.code)
    if doc is not None:
        return form_number(corpus, doc.model), doc.model.version
    return configured.code, configured.version or ""
