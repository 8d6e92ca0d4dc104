"""Registers: master list of controlled documents, records register, responsibility matrix, external documents.

The quality functions table (clauses × departments) is in audit/functions.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from proccompile.audit.forms import identity
from proccompile.audit.functions import functions_sheet
from proccompile.audit.wording import Wording
from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.chapters import RecordEntry
from proccompile.model.clauses import natural_key
from proccompile.model.corpus import AnyDocument, Document
from proccompile.model.dates import next_review
from proccompile.model.display import (
    actors_name,
    company_name,
    department_name,
    document_number,
    form_number,
    name_in,
    record_retention,
)
from proccompile.model.document import ControlledDocument
from proccompile.model.form import Form
from proccompile.model.numbering import numbering_in
from proccompile.model.procedure import Procedure
from proccompile.model.refs import Loc, document_refs, form_refs, record_entries
from proccompile.model.retention import EventRetention, Retention
from proccompile.views.tables import Column, FormIdentity, Group, Sheet


def register_sheets(corpus: Corpus, wording: Wording, bag: Diagnostics | None = None) -> tuple[Sheet, ...]:
    copies = distribution_sheet(corpus, wording)
    return (documents_sheet(corpus, wording), records_sheet(corpus, wording, bag),
            matrix_sheet(corpus, wording), functions_sheet(corpus, wording), external_sheet(corpus, wording),
            *((copies,) if copies.rows else ()))


def documents_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    """Master list: every document with its version, status, review dates and where its copies are, grouped by
    level of the document pyramid and type (quality manual, procedures, work instructions, forms)."""
    label = wording.label
    final = name_in(corpus.config.approval_roles[-1], corpus.config.language)
    columns: tuple[Column, ...] = (
        Column(label("col_type"), 10), Column(label("col_code"), 13), Column(label("col_display"), 17),
        Column(label("col_title"), 32), Column(label("col_version"), 8, center=True),
        Column(label("col_status"), 8, center=True), Column(label("col_effective"), 12, center=True),
        Column(final, 8, center=True), Column(label("col_approval_date").replace("{role}", final), 12, center=True),
        Column(label("col_owner"), 14), Column(label("col_last_review"), 12, center=True),
        Column(label("col_next_review"), 12, center=True), Column(label("col_overdue"), 8, center=True),
        Column(label("col_distribution"), 20)
    )
    entities = bool(corpus.config.companies)  # a group of legal entities: each document says whose it is
    if entities:
        columns = (*columns[:4], Column(label("col_company"), 18), *columns[4:])
    groups = []
    for doctype in sorted(corpus.types, key=lambda t: t.level):  # stable: types of one level in config order
        kind = register_type_name(corpus, doctype.id, wording)
        rows = []
        for doc in sorted(corpus.of_type(doctype.id), key=_by_code):
            m = doc.model
            # Only a document in force is due for review; a draft or obsolete one has no next review.
            due = next_review(doc, corpus.config.review_interval)
            overdue = label("overdue_mark") if due and corpus.today and due < corpus.today else ""
            last = m.reviews[-1].date.isoformat() if m.reviews else ""
            copies = wording.join([f"{department_name(corpus, c.department)} {c.number}" for c in m.distribution])
            row = (kind, m.code, document_number(corpus, m), m.title, m.version, label(f"status_{m.status}"),
                   m.effective.isoformat() if m.effective else "", *approved(corpus, m, wording),
                   department_name(corpus, m.owner), last, due.isoformat() if due else "", overdue, copies)
            rows.append((*row[:4], company_name(corpus, m), *row[4:]) if entities else row)
        if rows:
            level = label("level_titles").split("|")[doctype.level - 1]
            groups.append(Group(f"{level} {kind}", tuple(rows)))
    return Sheet("documents", label("sheet_documents"), columns, tuple(groups) or (Group("", ()),))


def approved(corpus: Corpus, model: ControlledDocument, wording: Wording) -> tuple[str, str]:
    """Who approved the version and on which day, as recorded: a name signed by hand on paper is not invented."""
    approval = model.approvals.get(corpus.config.approval_roles[-1].id)
    if approval is None:
        return "", ""
    who = approval.name or (wording.label("signed_by_hand") if corpus.config.signatures == "by-hand" else "")
    return who, approval.date.isoformat() if approval.date else ""


def register_type_name(corpus: Corpus, type_id: str, wording: Wording) -> str:
    """A type as the registers name it: the config's name, else the wording's (程序文件, 记录表单 …)."""
    zh, en = corpus.doctype(type_id).names
    given = (zh or en) if corpus.config.language == "zh" else (en or zh)
    return given or wording.label(f"type_{type_id}")


def distribution_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    """文件发放/回收记录: per document, the copies of the version in force to issue and sign for, and the copies of
    the version before it (or of a withdrawn document) to recall, with their disposition."""
    label = wording.label
    columns = (Column(label("col_code"), 13), Column(label("col_title"), 16), Column(label("col_copy"), 7, center=True),
               Column(label("col_department"), 12), Column(label("col_issued_version"), 8, center=True),
               Column(label("col_issue_date"), 11, center=True), Column(label("col_receiver"), 9),
               Column(label("col_receive_date"), 10, center=True), Column(label("col_read_signature"), 12),
               Column(label("col_recalled_version"), 8, center=True), Column(label("col_returned_by"), 9),
               Column(label("col_return_date"), 10, center=True), Column(label("col_disposition"), 16),
               Column(label("col_controller"), 10))
    groups = []
    for doc in sorted(corpus.documents(), key=_by_code):
        m = doc.model
        if not m.distribution or m.status == "draft":
            continue
        if m.status == "obsolete":  # withdrawn: every copy comes back, nothing new is issued
            issued_version, issued, recalled = "", "", m.version
        else:
            earlier = [r.version for r in m.revisions if r.version != m.version]
            # The issue date, not the effective date: copies are handed out when the version is issued.
            issued_version, issued, recalled = m.version, m.issued.isoformat() if m.issued else "", \
                earlier[-1] if earlier else ""
        disposition = label("disposition_choices") if recalled else ""
        rows = tuple((m.code, m.title, c.number, department_name(corpus, c.department), issued_version, issued,
                      "", "", "", recalled, "", "", disposition, "") for c in m.distribution)
        state = f" {label('status_obsolete')}" if m.status == "obsolete" else ""
        groups.append(Group(f"{m.code} {m.title} {m.version}{state}", rows))
    return Sheet("distribution", label("sheet_distribution"), columns, tuple(groups),
                 form=distribution_form(corpus, label("sheet_distribution")))


def distribution_form(corpus: Corpus, title: str) -> FormIdentity | None:
    """The project's own distribution and recall form, when the config names one: the form file's number, title
    and version when the project has it, else the configured code and version."""
    configured = corpus.config.change_control.distribution_form
    if configured is None:
        return None
    doc = corpus.form(configured.code)
    if doc is not None:
        return identity(corpus, form_number(corpus, doc.model), doc.model.title, doc.model.version)
    return identity(corpus, configured.code, title, configured.version or "")


def records_sheet(corpus: Corpus, wording: Wording, bag: Diagnostics | None = None) -> Sheet:
    """One row per form, then one per record kept without a form (PPAP package, certificates): its one keeper (a
    second one is PC321), where and on what it is kept (as declared: a missing storage or medium is PC331 and says
    so in the row, never a guess), how long from when (a rule counted from an event prints the event as its
    start), how it is disposed of (never destroyed when kept permanently), who may read it, and the documents that
    use it."""
    label = wording.label
    language = corpus.config.language
    policy = corpus.config.records
    columns = (Column(label("col_form_number"), 16), Column(label("col_record_name"), 24),
               Column(label("col_form_version"), 8, center=True), Column(label("col_keeper"), 12),
               Column(label("col_medium"), 8, center=True), Column(label("col_storage"), 26),
               Column(label("col_retention"), 9, center=True), Column(label("col_retention_start"), 14),
               Column(label("col_disposal"), 18), Column(label("col_access"), 18), Column(label("col_used_by"), 20))
    # Indexes built once: entries and users per form, so the register stays linear in the corpus.
    entries: dict[str, list[_Kept]] = {}
    described: dict[tuple[str, str], tuple[_Kept, list[str]]] = {}
    users: dict[str, list[str]] = {}
    for doc in corpus.documents():
        if doc.model.status != "obsolete":
            for loc, entry in record_entries(doc.model):
                if entry.form is not None:
                    entries.setdefault(entry.form, []).append((doc, loc, entry))
                else:
                    described.setdefault((entry.name, entry.keeper), ((doc, loc, entry), []))[1].append(
                        doc.model.code)
        for code in dict.fromkeys(ref.target for ref in form_refs(doc.model)):
            users.setdefault(code, []).append(doc.model.code)
    start = policy.retention_start or label("retention_start_default")
    access = policy.access or label("access_default")
    undeclared = label("not_declared")
    rows = []

    def kept_cells(kept: list[_Kept], medium: str | None, retention: Retention | None) -> tuple[str, ...]:
        storage = list(dict.fromkeys(entry.storage for _, _, entry in kept if entry.storage))
        begins = retention.after if isinstance(retention, EventRetention) else start
        return (label(f"medium_{medium}") if medium else undeclared,
                wording.join(storage) if storage else (undeclared if kept else ""),
                retention.display(language) if retention else "", begins, _disposal(corpus, retention, label), access)

    for doc in sorted(corpus.forms, key=_by_code):
        f = doc.model
        mine = entries.get(f.code, [])
        keeper = mine[0][2].keeper if mine else f.owner
        kept = [k for k in mine if k[2].keeper == keeper]  # the keeper's own storage, not another's merged in
        retention = record_retention(corpus, kept[0][2]) if kept else (f.retention or policy.default_retention)
        medium = f.medium or next((entry.medium for _, _, entry in kept if entry.medium), None)
        if bag is not None and f.status != "obsolete":
            _undeclared(bag, doc, kept, medium)
        rows.append((form_number(corpus, f), f.title, f.version, department_name(corpus, keeper),
                     *kept_cells(kept, medium, retention),
                     wording.join(sorted(users.get(f.code, []), key=natural_key))))
    empty = label("no_form")
    for (name, keeper), (kept_one, used_by) in sorted(described.items()):
        entry = kept_one[2]
        if bag is not None:
            _undeclared(bag, None, [kept_one], entry.medium)
        rows.append((empty, name, empty, department_name(corpus, keeper),
                     *kept_cells([kept_one], entry.medium, record_retention(corpus, entry)),
                     wording.join(sorted(used_by, key=natural_key))))
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
                         department_name(corpus, control) if control else "", undeclared, undeclared,
                         retention.display(language) if retention else "", start,
                         _disposal(corpus, retention, label), access, ""))
    return Sheet("records", label("sheet_records"), columns, (Group("", tuple(rows)),),
                 notes=(label("records_note"),), signoff=(label("sign_prepared"), label("sign_approved")))


_Kept = tuple[AnyDocument, Loc, RecordEntry]
"""A records-table row: the document, the row's place in it, the row."""


def _disposal(corpus: Corpus, retention: Retention | None, label: Callable[[str], str]) -> str:
    """What happens when the retention ends; a record kept permanently is never destroyed."""
    if retention is not None and retention.unit == "permanent":
        return label("disposal_permanent")
    return corpus.config.records.disposal or label("disposal_default")


def _undeclared(bag: Diagnostics, form: Document[Form] | None, kept: list[_Kept], medium: str | None) -> None:
    """PC331: the register cannot say on what or where a record is kept (``form`` None: a record kept without a
    form, declared on its records-table row)."""
    if medium is None:
        if form is not None:
            bag.add("PC331", f"Form `{form.model.code}` does not declare the medium its records are kept on; the "
                    "records register says so", form.span("code"),
                    help="Add `medium: paper`, `electronic` or `both` to the form")
        else:
            doc, loc, entry = kept[0]
            bag.add("PC331", f"Record `{entry.name}` does not declare the medium it is kept on; the records register "
                    "says so", doc.span(*loc, "record"), help="Add `medium: paper`, `electronic` or `both` to the row")
    if kept and not any(entry.storage for _, _, entry in kept):
        doc, loc, entry = kept[0]
        field = "form" if entry.form is not None else "record"
        bag.add("PC331", f"Record `{entry.name}` has no `storage`: the records register cannot say where it is kept",
                doc.span(*loc, field), help="Say where and how it is kept, e.g. storage: 质控部档案柜")


def _by_code(doc: AnyDocument) -> tuple[tuple[int, int | str], ...]:
    return natural_key(doc.model.code)


def matrix_cell(p: Procedure, dept: str, wording: Wording) -> str:
    """What ``dept`` (a department, role or group) does in ``p``: 归口 (owns it), 职责 (duties), 权限×n (may
    decide n things), 步骤×n (leads n steps), 配合×n (supports n).

    Shared by the responsibility matrix and the turtle's "with whom" box.
    """
    steps = sum(dept in step.owner for s in p.process for step in s.steps)
    support = sum(dept in step.support for s in p.process for step in s.steps)
    authorities = sum(len(r.authorities) for r in p.responsibilities if dept in r.department)
    marks = []
    if p.owner == dept:
        marks.append(wording.label("mark_owner"))
    if any(dept in r.department and r.duties for r in p.responsibilities):
        marks.append(wording.label("mark_duties"))
    if authorities:
        marks.append(wording.label("mark_authorities").replace("{n}", str(authorities)))
    if steps:
        marks.append(wording.label("mark_step" if steps == 1 else "mark_steps").replace("{n}", str(steps)))
    if support:
        marks.append(wording.label("mark_support_one" if support == 1 else "mark_support").replace("{n}", str(support)))
    return wording.join(marks)


def matrix_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    """Departments × procedures in force (released), from owners, duties and step owners."""
    label = wording.label
    procedures = sorted((d.model for d in corpus.procedures if d.model.status == "released"),
                        key=lambda p: natural_key(p.code))
    columns = (Column(label("col_department"), 16), *(Column(p.code, 13, center=True) for p in procedures))
    rows = []
    # Each department, then its roles, then the groups: a role's duties are its own, not its department's.
    actors = [a for d in corpus.config.departments for a in (d.id, *(r.id for r in d.roles))]
    for actor in [*actors, *(g.id for g in corpus.config.groups)]:
        cells = tuple(matrix_cell(p, actor, wording) for p in procedures)
        if any(cells):
            rows.append((department_name(corpus, actor), *cells))
    granted = [f"{p.code} §{numbering_in(corpus, p).responsibility(i)} {actors_name(corpus, r.department)}"
               f"{wording.label('label_colon')}{wording.join(r.authorities)}"
               for p in procedures for i, r in enumerate(p.responsibilities) if r.authorities]
    notes = (label("matrix_legend"), *((label("authorities_heading"), *granted) if granted else ()))
    return Sheet("responsibilities", label("sheet_matrix"), columns, (Group("", tuple(rows)),),
                 notes=notes, signoff=(label("sign_prepared"), label("sign_approved")))


def external_sheet(corpus: Corpus, wording: Wording) -> Sheet:
    label = wording.label
    columns = (Column(label("col_code"), 24), Column(label("col_title"), 34), Column(label("col_issuer"), 30),
               Column(label("col_cited_by"), 24))
    users_by_code: dict[str, list[str]] = defaultdict(list)
    for doc in corpus.documents():
        for target in dict.fromkeys(r.target for r in document_refs(doc.model)):
            users_by_code[target].append(doc.model.code)
    rows = []
    for ext in corpus.config.external_documents:
        users = users_by_code.get(ext.code, [])
        rows.append((ext.code, ext.title, ext.issuer or "", wording.join(users)))
    return Sheet("external", label("sheet_external"), columns, (Group("", tuple(rows)),),
                 signoff=(label("sign_prepared"), label("sign_approved")))
