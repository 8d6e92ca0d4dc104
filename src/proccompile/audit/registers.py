"""Registers: master list of controlled documents, records register, responsibility matrix, external documents.

The quality functions table (clauses × departments) is in audit/functions.py."""

from __future__ import annotations

from proccompile.audit.functions import functions_sheet
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.dates import add_duration
from proccompile.model.display import department_name, form_number, procedure_number, record_retention
from proccompile.model.procedure import Procedure, RecordEntry
from proccompile.model.refs import document_refs, form_refs
from proccompile.views.tables import Column, Group, Sheet


def register_sheets(corpus: Corpus, wording: Wording) -> tuple[Sheet, ...]:
    return (documents_sheet(corpus, wording), records_sheet(corpus, wording),
            matrix_sheet(corpus, wording), functions_sheet(corpus, wording), external_sheet(corpus, wording))


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
    """One row per form: its one keeper (a second one is PC321), where and on what it is kept, how long from
    when, how it is disposed of and who may read it, and the procedures that use it."""
    label = wording.label
    language = corpus.config.language
    policy = corpus.config.records
    columns = (Column(label("col_form_number"), 16), Column(label("col_record_name"), 24),
               Column(label("col_form_version"), 8, center=True), Column(label("col_keeper"), 12),
               Column(label("col_medium"), 8, center=True), Column(label("col_storage"), 26),
               Column(label("col_retention"), 9, center=True), Column(label("col_retention_start"), 14),
               Column(label("col_disposal"), 18), Column(label("col_access"), 18), Column(label("col_used_by"), 20))
    # Indexes built once: entries and users per form, so the register stays linear in the corpus.
    entries: dict[str, list[RecordEntry]] = {}
    users: dict[str, list[str]] = {}
    for proc in corpus.procedures:
        if proc.model.status != "obsolete":
            for entry in proc.model.records:
                entries.setdefault(entry.form, []).append(entry)
        for code in dict.fromkeys(ref.target for ref in form_refs(proc.model)):
            users.setdefault(code, []).append(proc.model.code)
    start = policy.retention_start or label("retention_start_default")
    disposal = policy.disposal or label("disposal_default")
    access = policy.access or label("access_default")
    rows = []
    for doc in sorted(corpus.forms, key=lambda d: d.model.code):
        f = doc.model
        mine = entries.get(f.code, [])
        keeper = mine[0].keeper if mine else f.owner
        kept = [r for r in mine if r.keeper == keeper]  # the keeper's own storage, not another's merged in
        retention = record_retention(corpus, kept[0]) if kept else (f.retention or policy.default_retention)
        storage = list(dict.fromkeys(r.storage for r in kept if r.storage))
        rows.append((form_number(corpus, f), f.title, f.version, department_name(corpus, keeper),
                     label(f"medium_{record_medium(storage)}"), wording.join(storage),
                     retention.display(language) if retention else "", start, disposal, access,
                     wording.join(users.get(f.code, []))))
    # Without a form file, the records-control procedure's owner (the one citing 7.5) keeps them.
    control = next((d.model.owner for d in corpus.procedures if d.model.status == "released"
                    and any(c == "7.5" or c.startswith("7.5.") for c in d.model.iso_clauses)), "")
    for own, title in ((corpus.config.audit.checklist_form, "checklist_title"),
                       (corpus.config.audit.register_form, "registers_title")):
        if own is not None and corpus.form(own.code) is None:
            # The checklist and the registers are records too: once filled in and signed, they are the
            # evidence of the audit and of document control (ISO 9001 7.5.3, 9.2.2 f).
            retention = policy.default_retention
            rows.append((own.code, label(title), own.version or "",
                         department_name(corpus, control) if control else "", label("medium_paper"), "",
                         retention.display(language) if retention else "", start, disposal, access, ""))
    return Sheet("records", label("sheet_records"), columns, (Group("", tuple(rows)),),
                 signoff=(label("sign_prepared"), label("sign_approved")))


_ELECTRONIC = ("电子", "系统", "数据库", "electronic", "system", "database")
_PAPER = ("纸", "归档", "装订", "分册", "凭证", "paper", "file", "binder", "folder")


def record_medium(storage: list[str]) -> str:
    """'paper', 'electronic' or 'both', read from the storage text (纸质档案, 电子台账, 售后管理系统 …)."""
    text = " ".join(storage).casefold()
    electronic = any(word in text for word in _ELECTRONIC)
    paper = any(word in text for word in _PAPER) or not electronic
    return "both" if electronic and paper else "electronic" if electronic else "paper"


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
                 notes=(label("matrix_legend"),), signoff=(label("sign_prepared"), label("sign_approved")))


def external_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    label = wording.label
    columns = (Column(label("col_code"), 24), Column(label("col_title"), 34), Column(label("col_issuer"), 30),
               Column(label("col_cited_by"), 24))
    rows = []
    for ext in corpus.config.external_documents:
        users = [p.model.code for p in corpus.procedures if any(r.target == ext.code for r in document_refs(p.model))]
        rows.append((ext.code, ext.title, ext.issuer or "", wording.join(users)))
    return Sheet("external", label("sheet_external"), columns, (Group("", tuple(rows)),),
                 signoff=(label("sign_prepared"), label("sign_approved")))
