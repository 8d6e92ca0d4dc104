"""Assemble whole outputs: the checklist book (plan, programme, turtles, coverage, audit records) and the registers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from proccompile.audit.car import nc_log_sheet, nc_report_sheet
from proccompile.audit.checklist import checklist_sheet, not_covered_sheet
from proccompile.audit.coverage import coverage_sheet
from proccompile.audit.cycle import AuditRecord, attendance_sheet, header_of, report_sheets
from proccompile.audit.focus import select
from proccompile.audit.forms import sheet_form
from proccompile.audit.items import Item, derive_items
from proccompile.audit.plan import plan
from proccompile.audit.plan_sheets import plan_days, plan_sheet, programme_sheet
from proccompile.audit.registers import distribution_sheet, register_sheets
from proccompile.audit.selection import select_procedures
from proccompile.audit.turtle import turtle, turtle_sheet
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics, Span
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.diagnostics.usage import UsageError
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.dates import newest_procedure_date
from proccompile.model.display import company_name
from proccompile.model.programme import Audit, audit_of_date, audits, occasion, programme_procedures
from proccompile.views.tables import Book


class UnknownAuditorDepartment(UsageError):
    """An ``--auditor NAME:DEPT`` names a department the config does not define."""

    def __init__(self, auditor: Auditor, help_text: str | None) -> None:
        super().__init__(f"auditor {auditor.name}: department `{auditor.department}` is not defined in "
                         "proccompile.yaml", help=help_text)
        self.auditor = auditor


class AuditNotScheduled(UsageError):
    """``--audit`` names an audit or a month the programme does not schedule."""


@dataclass(frozen=True)
class Request:
    """What the checklist command asks for."""

    view: str = "procedure"
    codes: Sequence[str] = ()
    auditors: Sequence[Auditor] | None = None
    coverage_only: bool = False
    audit: str | None = None  # --audit: the programme's audit number (1, 2 …) or month (2025-05, 05)
    include_drafts: bool = False
    include_obsolete: bool = False


def checklist_book(corpus: Corpus, root: Path, bag: Diagnostics, request: Request = Request()) -> Book:
    """The checklist, or only the clause coverage. Raises a UsageError (UnknownProcedure, ProcedureNotInForce,
    AuditNotScheduled, UnknownAuditorDepartment) for command-line problems; template problems go into ``bag``."""
    wording = Wording(root, corpus.config.language, bag, corpus.config.limits, corpus.config.audit.clause_set)
    audit = chosen_audit(corpus, request.audit)
    codes = list(request.codes) or (list(audit.procedures) if audit else [])
    procedures = select_procedures(corpus, codes, include_drafts=request.include_drafts,
                                   include_obsolete=request.include_obsolete)
    company = company_name(corpus)
    date = newest_procedure_date(procedures or corpus.procedures)
    everything = derive_items(corpus, procedures)
    # Coverage is the QMS's: every released procedure, unless procedures are named; an audit of one month
    # would otherwise call clauses "not cited by any procedure" that another procedure cites.
    covered = procedures if request.codes or audit is None else select_procedures(corpus)
    covered_items = everything if covered is procedures else derive_items(corpus, covered)
    if request.coverage_only:
        return Book("coverage", wording.label("coverage_title"), company, corpus.config.language, date,
                    sheets=(coverage_sheet(corpus, covered, wording, covered_items),))
    team = _team(corpus, request.auditors)
    scheduled = programme_procedures(corpus)
    occasions = {doc.model.code: occasion(corpus.config, scheduled, doc.model.code, audit.month if audit else None)
                 for doc in procedures}
    selection = select(everything, corpus.config.audit.items_per_procedure, occasions)
    items = word_items(corpus, selection.items, wording)
    dropped = [type(d)(word_items(corpus, [d.item], wording)[0], d.occasion, d.count) for d in selection.dropped]
    audit_plan = plan(corpus, items, team) if team else None
    if audit_plan is not None:
        items = audit_plan.items
        _unassigned(bag, request.auditors, audit_plan.unassigned)
    first, month = plan_days(corpus, audit)
    header = header_of(corpus, items, team, wording, number=audit.label if audit else "",
                       date=first.isoformat() if first else month)
    label = wording.label
    focus = label("focus_note").replace("{n}", str(corpus.config.audit.items_per_procedure))
    raised = [f"{code} {n}" for code, n in selection.budgets.items()]
    notes = (focus, *([label("focus_raised") + wording.join(raised)] if raised else ()))
    sheets = [checklist_sheet(corpus, items, wording, request.view, team, header, notes,
                              sheet_form(corpus, "checklist", label("checklist_title"))),
              not_covered_sheet(corpus, dropped, wording)]
    if audit_plan is not None:
        sheets.append(plan_sheet(corpus, audit_plan, wording, audit, sheet_form(corpus, "plan", label("sheet_plan"))))
    sheets.append(programme_sheet(corpus, wording, sheet_form(corpus, "programme", label("sheet_programme"))))
    turtles = tuple(turtle(corpus, doc.model, wording) for doc in procedures)
    sheets += [turtle_sheet(list(turtles), wording), coverage_sheet(corpus, covered, wording, covered_items)]
    record = AuditRecord(items, team, header, dropped)
    sheets += report_sheets(corpus, record, wording, sheet_form(corpus, "report", label("sheet_report")))
    sheets += [nc_report_sheet(corpus, wording, sheet_form(corpus, "nc_report", label("sheet_nc_report"))),
               nc_log_sheet(wording, sheet_form(corpus, "nc_log", label("sheet_nc_log"))),
               attendance_sheet(corpus, record, wording, sheet_form(corpus, "attendance", label("sheet_attendance")))]
    return Book("checklist", label("checklist_title"), company, corpus.config.language, date,
                sheets=tuple(sheets), turtles=turtles)


def chosen_audit(corpus: Corpus, wanted: str | None) -> Audit | None:
    """The programme's audit the checklist is for: ``--audit`` N or a month, else the one in the plan's month."""
    config = corpus.config
    scheduled = programme_procedures(corpus)
    year = config.audit.programme.year
    if wanted is None:
        start = config.audit.plan.start
        return audit_of_date(config, scheduled, start) if start is not None and year is not None else None
    if year is None:
        raise AuditNotScheduled(f"--audit {wanted}: the config has no audit programme (audit.programme.year)",
                                help="Set audit.programme.year in proccompile.yaml, or name the procedures with "
                                     "--procedure")
    year_audits = audits(config, scheduled)
    text = wanted.strip()
    found: Audit | None = None
    if text.isdigit() and len(text) <= 2 and not text.startswith("0"):
        found = next((a for a in year_audits if a.number == int(text)), None)
    else:
        y, _, m = text.rpartition("-")
        if m.isdigit() and (not y or y == str(year)):
            found = next((a for a in year_audits if a.month == int(m)), None)
    if found is None:
        listed = [f"{a.number} ({a.label})" for a in year_audits]
        raise AuditNotScheduled(f"--audit {wanted}: the {year} programme schedules no such audit",
                                help=f"Scheduled audits: {one_of(listed)}" if listed else
                                "The programme has no released procedure to audit")
    return found


def _team(corpus: Corpus, auditors: Sequence[Auditor] | None) -> list[Auditor]:
    team = list(auditors) if auditors is not None else list(corpus.config.audit.auditors)
    for auditor in team:
        dept = corpus.config.department(auditor.department)
        if dept is None:
            raise UnknownAuditorDepartment(auditor, did_you_mean(auditor.department,
                                                                 [d.id for d in corpus.config.departments]))
        if dept.external:
            raise UsageError(f"auditor {auditor.name}: department `{dept.id}` is external; internal audits are "
                             "done by the organisation's own staff (PC324)",
                             help="Give the auditor's own internal department")
    return team


def _unassigned(bag: Diagnostics, given: Sequence[Auditor] | None, items: Sequence[Item]) -> None:
    """With `--auditor`, `check` never saw the team: say here which items nobody independent can take."""
    if given is None or not items:
        return
    numbers = ", ".join(str(i.number) for i in items)
    bag.add("PC329", f"No auditor given with --auditor may take checklist items {numbers}; they are left "
            "unassigned in the plan", Span("proccompile.yaml"),
            help="Add an auditor from another department who did not sign the procedures concerned")


def register_book(corpus: Corpus, root: Path, bag: Diagnostics) -> Book:
    wording = Wording(root, corpus.config.language, bag, corpus.config.limits, corpus.config.audit.clause_set)
    return Book("registers", wording.label("registers_title"), company_name(corpus), corpus.config.language,
                newest_procedure_date(corpus.procedures),
                form=sheet_form(corpus, "registers", wording.label("registers_title")),
                sheets=register_sheets(corpus, wording, bag))


def recall_book(corpus: Corpus, root: Path, bag: Diagnostics, code: str) -> Book:
    """The distribution and recall log (文件发放/回收记录) of one document's current version, to sign, on the
    project's own distribution form when the config names one."""
    from dataclasses import replace

    wording = Wording(root, corpus.config.language, bag, corpus.config.limits, corpus.config.audit.clause_set)
    sheet = distribution_sheet(corpus, wording)
    doc = corpus.document(code)
    when = (doc.model.withdrawn.date if doc.model.withdrawn else doc.model.issued) if doc else None
    groups = tuple(g for g in sheet.groups if g.rows and g.rows[0][0] == code)
    return Book("recall", wording.label("sheet_distribution"), company_name(corpus), corpus.config.language,
                when or newest_procedure_date(corpus.procedures),
                sheets=(replace(sheet, groups=groups),))
