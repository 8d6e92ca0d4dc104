"""The audit plan sheet (time slots, places, people) and the annual audit programme sheet."""

from __future__ import annotations

import datetime as dt

from proccompile.audit.checklist import audit_header
from proccompile.audit.plan import Plan, number_ranges
from proccompile.audit.schedule import clock_text, schedule, working_day
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.display import department_name
from proccompile.model.programme import Audit, audits, months, programme_procedures
from proccompile.views.tables import Column, FormIdentity, Group, Sheet


def plan_days(corpus: Corpus, audit: Audit | None) -> tuple[dt.date | None, str]:
    """The first audit day (the plan's start when it lies in the audit's month), else the month as text."""
    start = corpus.config.audit.plan.start
    in_month = audit is not None and start is not None and start.month == audit.month and \
        start.year == (audit.year or start.year)
    if start is not None and (audit is None or in_month):
        return start, ""
    return None, audit.label if audit is not None else ""


def plan_sheet(corpus: Corpus, audit_plan: Plan, wording: Wording, audit: Audit | None = None,
               form: FormIdentity | None = None) -> Sheet:
    """One row per time slot: the opening meeting, each auditor's departments in turn with lunch and breaks, the
    team's meeting and the closing meeting."""
    label = wording.label
    settings = corpus.config.audit.plan
    items = audit_plan.items
    slots = schedule(items, [a.auditor.name for a in audit_plan.assignments], settings)
    first, month = plan_days(corpus, audit)

    def day_text(day: int) -> str:
        if first is None:
            return (f"{month} " if month else "") + label("plan_day").replace("{n}", str(day + 1))
        return working_day(first, day).isoformat()

    def who(dept: str) -> str:
        return settings.representatives.get(dept, "")

    team = [a.auditor.name for a in audit_plan.assignments]
    leader = settings.team_leader or ""
    everyone = list(dict.fromkeys(i.department for i in items))
    crew = wording.join(list(dict.fromkeys([leader, *team] if leader else team)))
    rows = []
    for slot in slots:
        when = (day_text(slot.day), f"{clock_text(slot.start)}–{clock_text(slot.end)}")
        if slot.kind in ("opening", "closing"):
            rows.append((*when, label(f"plan_{slot.kind}"), label("plan_all_departments"), "", crew,
                         settings.location or "", wording.join([r for d in everyone if (r := who(d))])))
        elif slot.kind in ("lunch", "team"):
            rows.append((*when, label(f"plan_{slot.kind}"), "", "", crew if slot.kind == "team" else "",
                         settings.location or "" if slot.kind == "team" else "", ""))
        else:
            procedures = list(dict.fromkeys(code for i in slot.items for code in i.scope))
            rows.append((*when, department_name(corpus, slot.department), wording.join(procedures),
                         number_ranges(tuple(i.number for i in slot.items)), slot.auditor,
                         settings.locations.get(slot.department, ""), who(slot.department)))
    columns = (Column(label("col_plan_date"), 11, center=True, kind="date"),
               Column(label("col_plan_time"), 12, center=True), Column(label("col_audited"), 14),
               Column(label("col_plan_scope"), 24), Column(label("col_items"), 12),
               Column(label("col_auditor_name"), 12), Column(label("col_location"), 14),
               Column(label("col_representative"), 12))
    days = sorted({s.day for s in slots})
    scope = list(dict.fromkeys(code for i in items for code in i.scope))
    header = audit_header(corpus, scope, [a.auditor for a in audit_plan.assignments], wording,
                          number=audit.label if audit else "", date=wording.join([day_text(d) for d in days]))
    header = ((label("hdr_objective"), label("plan_objective")), *header[:-1])
    loads = wording.join([f"{a.auditor.name}（{department_name(corpus, a.auditor.department)}）{len(a.numbers)}"
                          if corpus.config.language == "zh" else
                          f"{a.auditor.name} ({department_name(corpus, a.auditor.department)}) {len(a.numbers)}"
                          for a in audit_plan.assignments])
    notes = [label("plan_note"), label("plan_times").replace("{max}", str(settings.max_slot)).replace(
        "{break}", str(settings.break_minutes)), label("plan_loads") + loads]
    if audit_plan.unassigned:
        reasons = audit_plan.reasons or {}
        listed = wording.join([f"{i.number}（{reasons.get(i.number, '')}）" if corpus.config.language == "zh" else
                               f"{i.number} ({reasons.get(i.number, '')})" for i in audit_plan.unassigned])
        notes.append(label("plan_unassigned") + listed)
    return Sheet("plan", label("sheet_plan"), columns, (Group("", tuple(rows)),), header, notes=tuple(notes),
                 signoff=(label("sign_leader"), label("sign_approved")), form=form, fit="weights")


def programme_sheet(corpus: Corpus, wording: Wording, form: FormIdentity | None = None) -> Sheet:
    """Released procedures × months, and the audits of the year; the cycle in which every item is audited."""
    label = wording.label
    config = corpus.config
    procedures = programme_procedures(corpus)
    scheduled = months(config, procedures)
    high = set(config.audit.programme.high_risk)
    columns = (Column(label("col_procedure"), 14), Column(label("col_title"), 24),
               Column(label("col_frequency"), 10, center=True),
               *(Column(label(f"month_{m}"), 5, center=True) for m in range(1, 13)))
    mark = label("mark_full")
    rows = []
    for code in procedures:
        doc = corpus.procedure(code)
        rows.append((code, doc.model.title if doc else "",
                     label("frequency_twice") if code in high else label("frequency_once"),
                     *(mark if m in scheduled[code] else "" for m in range(12))))
    numbers = {a.month - 1: str(a.number) for a in audits(config, procedures)}
    rows.append((label("programme_audit_row"), "", "", *(numbers.get(m, "") for m in range(12))))
    programme = config.audit.programme
    year = programme.year
    cycle = config.audit.cycle_years
    start = programme.cycle_start or year
    length = label("cycle_year" if cycle == 1 else "cycle_years").replace("{n}", str(cycle))
    span = f"{start}–{start + cycle - 1}" if start and cycle > 1 else str(start or "")
    header = ((label("hdr_year"), str(year) if year else ""),
              (label("hdr_cycle"), length + (label("cycle_span").replace("{span}", span) if span else "")))
    notes = (label("programme_note"), label("programme_cycle_note").replace("{n}", length).replace(
        "{size}", str(config.audit.items_per_procedure)))
    return Sheet("programme", label("sheet_programme"), columns, (Group("", tuple(rows)),), header,
                 notes=notes, signoff=(label("sign_prepared"), label("sign_approved")), form=form, fit="weights")
