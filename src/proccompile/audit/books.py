"""Assemble whole outputs: the checklist book (plan, programme, turtles, coverage, audit records) and the registers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from proccompile.audit.checklist import checklist_form, checklist_sheet
from proccompile.audit.coverage import coverage_sheet
from proccompile.audit.cycle import cycle_sheets
from proccompile.audit.items import derive_items, select_procedures
from proccompile.audit.plan import plan
from proccompile.audit.plan_sheets import plan_sheet, programme_sheet
from proccompile.audit.registers import distribution_sheet, register_sheets
from proccompile.audit.turtle import turtle, turtle_sheet
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.diagnostics.usage import UsageError
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.dates import newest_procedure_date
from proccompile.model.display import company_name
from proccompile.views.tables import Book


class UnknownAuditorDepartment(UsageError):
    """An ``--auditor NAME:DEPT`` names a department the config does not define."""

    def __init__(self, auditor: Auditor, help_text: str | None) -> None:
        super().__init__(f"auditor {auditor.name}: department `{auditor.department}` is not defined in "
                         "proccompile.yaml", help=help_text)
        self.auditor = auditor


def checklist_book(corpus: Corpus, root: Path, bag: Diagnostics, *, view: str = "procedure",
                   codes: Sequence[str] = (), auditors: Sequence[Auditor] | None = None,
                   coverage_only: bool = False) -> Book:
    """The checklist, or only the clause coverage. Raises a UsageError (UnknownProcedure, PlanImpossible,
    UnknownAuditorDepartment) for command-line problems; template problems go into ``bag``."""
    wording = Wording(root, corpus.config.language, bag, corpus.config.limits, corpus.config.audit.clause_set)
    procedures = select_procedures(corpus, codes)
    company = company_name(corpus)
    date = newest_procedure_date(procedures or corpus.procedures)
    if coverage_only:
        return Book("coverage", wording.label("coverage_title"), company, corpus.config.language, date,
                    sheets=(coverage_sheet(corpus, procedures, wording, derive_items(corpus, procedures)),))
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
    derived = derive_items(corpus, procedures)
    items = word_items(corpus, derived, wording)
    audit_plan = plan(items, team) if team else None
    if audit_plan is not None:
        items = audit_plan.items
    sheets = [checklist_sheet(corpus, items, wording, view, team)]
    if audit_plan is not None:
        sheets.append(plan_sheet(corpus, audit_plan, wording))
    sheets.append(programme_sheet(corpus, [doc.model.code for doc in procedures], wording))
    turtles = tuple(turtle(corpus, doc.model, wording) for doc in procedures)
    sheets += [turtle_sheet(list(turtles), wording), coverage_sheet(corpus, procedures, wording, derived)]
    sheets += cycle_sheets(corpus, items, team, wording)
    return Book("checklist", wording.label("checklist_title"), company, corpus.config.language, date,
                form=checklist_form(corpus), sheets=tuple(sheets), turtles=turtles)


def register_book(corpus: Corpus, root: Path, bag: Diagnostics) -> Book:
    wording = Wording(root, corpus.config.language, bag, corpus.config.limits, corpus.config.audit.clause_set)
    return Book("registers", wording.label("registers_title"), company_name(corpus), corpus.config.language,
                newest_procedure_date(corpus.procedures), form=checklist_form(corpus, "register_form"),
                sheets=register_sheets(corpus, wording))




def recall_book(corpus: Corpus, root: Path, bag: Diagnostics, code: str) -> Book:
    """The distribution and recall log (文件发放/回收记录) of one document's current version, to sign."""
    from dataclasses import replace

    wording = Wording(root, corpus.config.language, bag, corpus.config.limits, corpus.config.audit.clause_set)
    sheet = distribution_sheet(corpus, wording)
    doc = corpus.document(code)
    when = (doc.model.effective or doc.model.issued) if doc else None
    groups = tuple(g for g in sheet.groups if g.rows and g.rows[0][0] == code)
    return Book("recall", wording.label("sheet_distribution"), company_name(corpus), corpus.config.language,
                when or newest_procedure_date(corpus.procedures), sheets=(replace(sheet, groups=groups),))
