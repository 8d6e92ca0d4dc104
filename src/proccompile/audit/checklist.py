"""The checklist sheet (standards.md §3.6 columns) in procedure, department or clause order, as a controlled form,
and the list of the items this audit leaves out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from proccompile.audit.clauses import clause_index, clause_key
from proccompile.audit.focus import Dropped
from proccompile.audit.items import Item
from proccompile.audit.sampling import sampling_table_text
from proccompile.audit.wording import Wording, criteria
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.display import department_name, numbered, procedure_number
from proccompile.model.refs import document_refs
from proccompile.views.tables import VIEWS, Column, FormIdentity, Group, Sheet

__all__ = ["VIEWS", "audit_criteria", "checklist_sheet", "group_items", "not_covered_sheet", "results"]


def results(corpus: Corpus, wording: Wording) -> tuple[str, ...]:
    """The result codes an auditor may enter: the config's, else the language's (符合, 轻微不符合 …)."""
    return tuple(corpus.config.audit.results) or tuple(wording.label("results").split("|"))


def clause_cell(item: Item, wording: Wording, view: str) -> str:
    """What the item cites and its document-control tags; in the clause view an item citing nothing is listed
    under the procedure's clauses, marked as inherited (they are no coverage)."""
    shown = list(item.shown_clauses)
    if view == "clause" and not shown and item.inherited:
        return wording.join(list(item.inherited)) + wording.label("inherited_mark")
    return wording.join(shown)


def checklist_sheet(corpus: Corpus, items: list[Item], wording: Wording, view: str = "procedure",
                    auditors: Sequence[Auditor] = (), header: tuple[tuple[str, str], ...] = (),
                    notes: tuple[str, ...] = (), form: FormIdentity | None = None) -> Sheet:
    """``header``: the audit's identity fields (audit_header); made from the items when not given."""
    label = wording.label
    codes = results(corpus, wording)
    # Widths are weights for docx (the question and the evidence get most of the page; the blank columns
    # room to write) and characters for xlsx.
    columns = (
        Column(label("col_no"), 4, center=True, kind="number"), Column(label("col_clause"), 7),
        Column(label("col_area"), 8), Column(label("col_criteria"), 10),
        Column(label("col_question"), 46), Column(label("col_method"), 7),
        Column(label("col_evidence"), 30), Column(label("col_population"), 6, center=True),
        Column(label("col_sample_ids"), 11), Column(label("col_seen"), 22),
        Column(label("col_result"), 7, choices=codes, center=True), Column(label("col_ncr"), 7),
        Column(label("col_auditor"), 7), Column(label("col_audit_date"), 7, center=True),
    )

    def row(item: Item) -> tuple[str, ...]:
        return (str(item.number), clause_cell(item, wording, view), department_name(corpus, item.department),
                criteria(item, wording), item.question,
                wording.join([label(f"method_{m}") for m in item.methods]), item.evidence, "", "", "", "", "",
                item.auditor, "")

    groups = [Group(title, tuple(row(i) for i in members)) for title, members in group_items(corpus, items, view,
                                                                                            wording)]
    groups = groups or [Group("", ())]  # no procedure in force: still show the headings
    scope = list(dict.fromkeys(code for i in items for code in i.scope))
    fields = header or audit_header(corpus, scope, auditors, wording)
    sampling = label("sampling_note").replace("{table}", sampling_table_text(
        list(corpus.config.audit.sampling), label, label("list_separator")))
    note = label("results_note").replace("{results}", wording.join(list(codes)))
    return Sheet("checklist", label("sheet_checklist"), columns, tuple(groups), fields, (note, sampling, *notes),
                 signoff=tuple(label(key) for key in ("sign_auditor", "sign_leader", "sign_auditee")), form=form,
                 fit="weights")


def not_covered_sheet(corpus: Corpus, dropped: list[Dropped], wording: Wording) -> Sheet:
    """The items ``items_per_procedure`` leaves out of this audit, and the audit of the cycle that takes them."""
    label = wording.label
    columns = (Column(label("col_procedure"), 12), Column(label("col_section"), 8),
               Column(label("col_area"), 10), Column(label("col_question"), 60),
               Column(label("col_planned"), 16))
    rows = []
    for d in dropped:
        item = d.item
        when = label("planned_audit").replace("{n}", str(d.occasion + 1)).replace("{count}", str(d.count))
        rows.append((item.procedure, item.section or label("cover_section"), department_name(corpus, item.department),
                     item.question, when))
    note = label("not_covered_note") if rows else label("not_covered_none")
    return Sheet("not_covered", label("sheet_not_covered"), columns, (Group("", tuple(rows)),), notes=(note,))


def audit_header(corpus: Corpus, scope: list[str], auditors: Sequence[Auditor], wording: Wording, *,
                 number: str = "", date: str = "", period: str = "") -> tuple[tuple[str, str], ...]:
    """The fields that identify one audit, shared by the checklist, the plan and the audit report; a blank is a
    box to fill in."""
    label = wording.label
    team = list(dict.fromkeys(a.name for a in auditors))
    return ((label("hdr_audit_no"), number), (label("hdr_audit_type"), label("audit_type_system")),
            (label("hdr_scope"), wording.join(scope)), (label("hdr_criteria"), audit_criteria(corpus, scope, wording)),
            (label("hdr_date"), date), (label("hdr_period"), period or label("period_since_last")),
            (label("hdr_leader"), corpus.config.audit.plan.team_leader or ""), (label("hdr_team"), wording.join(team)),
            (label("hdr_auditee"), ""))


def audit_criteria(corpus: Corpus, procedures: list[str], wording: Wording) -> str:
    """The standard, then every standard and law the procedures in scope cite, then the procedures themselves."""
    external = {e.code for e in corpus.config.external_documents}
    cited = [ref.target for p in procedures if (doc := corpus.procedure(p)) is not None
             for ref in document_refs(doc.model) if ref.target in external]
    standards = [wording.label("criteria_standard")]
    if corpus.config.audit.clause_set == "iatf16949":
        standards.append(wording.label("criteria_iatf"))
    return wording.join(list(dict.fromkeys([label for label in standards if label]
                                           + cited + [wording.label("criteria_procedures")])))


def group_items(corpus: Corpus, items: list[Item], view: str,
                wording: Wording | None = None) -> list[tuple[str, list[Item]]]:
    """Items under headings: per procedure (item order; the point-of-use items last), per department (config
    order) or per first clause (the inherited ones where an item cites none)."""
    key: Callable[[Item], str]
    name: Callable[[str], str]
    language = corpus.config.language
    if view == "procedure":
        titles: dict[str, str] = {}
        for item in items:
            if item.procedure in titles:
                continue
            doc = corpus.procedure(item.procedure)
            if doc is None:
                titles[item.procedure] = wording.label("group_point_of_use") if wording else item.procedure
                continue
            cited = wording.join(list(doc.model.iso_clauses)) if wording else ", ".join(doc.model.iso_clauses)
            title = numbered(procedure_number(corpus, doc.model), doc.model.title, language)
            titles[item.procedure] = f"{title}（{cited}）" if language == "zh" and cited else (
                f"{title} ({cited})" if cited else title)
        key, order = (lambda i: i.procedure), sorted(titles, key=lambda code: code == "")
        name = lambda code: titles.get(code, code)  # noqa: E731
    elif view == "department":
        known = [d.id for d in corpus.config.departments]
        key = lambda i: i.department  # noqa: E731
        order = sorted({i.department for i in items}, key=lambda d: (known.index(d) if d in known else len(known), d))
        name = lambda d: department_name(corpus, d)  # noqa: E731
    elif view == "clause":
        # An item is listed once, under the lowest clause it cites (else the lowest it inherits).
        def key(i: Item) -> str:
            own = i.shown_clauses or i.inherited
            return min(own, key=clause_key) if own else ""

        order = sorted({key(i) for i in items}, key=lambda c: clause_key(c) if c else (999,))
        index = clause_index(corpus.config.audit.clause_set)
        name = lambda c: f"{c} {index[c].title(language)}" if c in index else (c or "—")  # noqa: E731
    else:
        raise ValueError(f"unknown view {view!r}")
    members: dict[str, list[Item]] = {k: [] for k in order}
    for item in items:
        members[key(item)].append(item)
    return [(name(k) or k, members[k]) for k in order]
