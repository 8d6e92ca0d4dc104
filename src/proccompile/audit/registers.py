"""Registers: master list of controlled documents, records register, responsibility matrix, external documents."""

from __future__ import annotations

from collections import defaultdict

from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.dates import add_duration
from proccompile.model.display import department_name, form_number, procedure_number, record_retention
from proccompile.model.procedure import Procedure, RecordEntry
from proccompile.model.refs import document_refs, form_refs
from proccompile.views.tables import Column, Group, Sheet


def register_sheets(corpus: Corpus, wording: Wording) -> tuple[Sheet, ...]:
    return (documents_sheet(corpus, wording), records_sheet(corpus, wording),
            matrix_sheet(corpus, wording), external_sheet(corpus, wording))


def documents_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    label = wording.label
    interval = corpus.config.review_interval
    columns = (Column(label("col_type"), 10), Column(label("col_code"), 14), Column(label("col_display"), 18),
               Column(label("col_title"), 28), Column(label("col_version"), 8, center=True),
               Column(label("col_status"), 8, center=True), Column(label("col_effective"), 12, center=True),
               Column(label("col_owner"), 14), Column(label("col_next_review"), 12, center=True))
    rows = []
    for doc in sorted(corpus.procedures, key=lambda d: d.model.code):
        p = doc.model
        # Only a document in force is due for review; a draft or obsolete one has no next review.
        due = add_duration(p.effective, interval) if interval and p.effective and p.status == "released" else None
        rows.append((label("type_procedure"), p.code, procedure_number(corpus, p), p.title, p.version,
                     label(f"status_{p.status}"), p.effective.isoformat() if p.effective else "",
                     department_name(corpus, p.owner), due.isoformat() if due else ""))
    for form_doc in sorted(corpus.forms, key=lambda d: d.model.code):
        f = form_doc.model
        rows.append((label("type_form"), f.code, form_number(corpus, f), f.title, f.version,
                     label(f"status_{f.status}"), "", department_name(corpus, f.owner), ""))
    return Sheet("documents", label("sheet_documents"), columns, (Group("", tuple(rows)),))


def records_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    """One row per form; keeper, retention and storage from every records-table entry naming it."""
    label = wording.label
    language = corpus.config.language
    columns = (Column(label("col_form_number"), 16), Column(label("col_record_name"), 26),
               Column(label("col_form_version"), 8, center=True), Column(label("col_keeper"), 14),
               Column(label("col_retention"), 10, center=True), Column(label("col_storage"), 30),
               Column(label("col_used_by"), 24))
    # Indexed once, so the sheet costs one pass over the procedures, not one per form.
    entries_by_form: dict[str, list[RecordEntry]] = defaultdict(list)
    users_by_form: dict[str, list[str]] = defaultdict(list)
    for p in corpus.procedures:
        if p.model.status != "obsolete":
            for r in p.model.records:
                entries_by_form[r.form].append(r)
        for target in dict.fromkeys(ref.target for ref in form_refs(p.model)):
            users_by_form[target].append(p.model.code)
    rows = []
    for doc in sorted(corpus.forms, key=lambda d: d.model.code):
        f = doc.model
        entries = entries_by_form.get(f.code, [])
        keepers = list(dict.fromkeys(department_name(corpus, r.keeper) for r in entries)) \
            or [department_name(corpus, f.owner)]
        retentions = [record_retention(corpus, r) for r in entries] \
            or [f.retention or corpus.config.records.default_retention]
        shown = list(dict.fromkeys(r.display(language) for r in retentions if r is not None))
        storage = list(dict.fromkeys(r.storage for r in entries if r.storage))
        users = users_by_form.get(f.code, [])
        rows.append((form_number(corpus, f), f.title, f.version, wording.join(keepers), wording.join(shown),
                     "；".join(storage) if language == "zh" else "; ".join(storage), wording.join(users)))
    return Sheet("records", label("sheet_records"), columns, (Group("", tuple(rows)),))


def matrix_cell(p: Procedure, dept: str, wording: Wording) -> str:
    """What ``dept`` does in ``p``: 归口 (owns it), 职责 (duties in section 4), 步骤×n (performs n steps).

    Shared by the responsibility matrix and the turtle's "with whom" box.
    """
    steps = sum(step.owner == dept for s in p.process for step in s.steps)
    marks = []
    if p.owner == dept:
        marks.append(wording.label("mark_owner"))
    if any(r.department == dept for r in p.responsibilities):
        marks.append(wording.label("mark_duties"))
    if steps:
        marks.append(wording.label("mark_steps").replace("{n}", str(steps)))
    return wording.join(marks)


def matrix_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    """Departments × procedures in force (released), from owners, duties and step owners."""
    label = wording.label
    procedures = sorted((d.model for d in corpus.procedures if d.model.status == "released"), key=lambda p: p.code)
    columns = (Column(label("col_department"), 16), *(Column(p.code, 13, center=True) for p in procedures))
    rows = []
    for dept in corpus.config.departments:
        cells = tuple(matrix_cell(p, dept.id, wording) for p in procedures)
        if any(cells):
            rows.append((department_name(corpus, dept.id), *cells))
    return Sheet("responsibilities", label("sheet_matrix"), columns, (Group("", tuple(rows)),),
                 notes=(label("matrix_legend"),))


def external_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    label = wording.label
    columns = (Column(label("col_code"), 24), Column(label("col_title"), 34), Column(label("col_issuer"), 30),
               Column(label("col_cited_by"), 24))
    users_by_code: dict[str, list[str]] = defaultdict(list)
    for p in corpus.procedures:
        for target in dict.fromkeys(r.target for r in document_refs(p.model)):
            users_by_code[target].append(p.model.code)
    rows = []
    for ext in corpus.config.external_documents:
        users = users_by_code.get(ext.code, [])
        rows.append((ext.code, ext.title, ext.issuer or "", wording.join(users)))
    return Sheet("external", label("sheet_external"), columns, (Group("", tuple(rows)),))
