"""The audit plan sheet (time slots, places, people) and the annual audit programme sheet."""

from __future__ import annotations

from proccompile.audit.checklist import audit_criteria
from proccompile.audit.plan import Plan, number_ranges
from proccompile.audit.schedule import clock_text, schedule, working_day
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.display import department_name
from proccompile.views.tables import Column, Group, Sheet


def plan_sheet(corpus: Corpus, audit_plan: Plan, wording: Wording) -> Sheet:
    """One row per time slot: the opening meeting, each auditor's whole departments in turn, the closing meeting."""
    label = wording.label
    settings = corpus.config.audit.plan
    items = audit_plan.items
    slots = schedule(items, [a.auditor.name for a in audit_plan.assignments], settings)

    def day_text(day: int) -> str:
        if settings.start is None:
            return label("plan_day").replace("{n}", str(day + 1))
        return working_day(settings.start, day).isoformat()

    def who(dept: str) -> str:
        return settings.representatives.get(dept, "")

    team = [a.auditor.name for a in audit_plan.assignments]
    leader = settings.team_leader or ""
    everyone = list(dict.fromkeys(i.department for i in items))
    rows = []
    for slot in slots:
        when = (day_text(slot.day), f"{clock_text(slot.start)}–{clock_text(slot.end)}")
        if slot.kind != "audit":
            rows.append((*when, label(f"plan_{slot.kind}"), label("plan_all_departments"), "",
                         wording.join(list(dict.fromkeys([leader, *team] if leader else team))),
                         settings.location or "", wording.join([r for d in everyone if (r := who(d))])))
            continue
        procedures = list(dict.fromkeys(i.procedure for i in slot.items))
        rows.append((*when, department_name(corpus, slot.department), wording.join(procedures),
                     number_ranges(tuple(i.number for i in slot.items)), slot.auditor,
                     settings.locations.get(slot.department, ""), who(slot.department)))
    columns = (Column(label("col_plan_date"), 11, center=True, kind="date"), Column(label("col_plan_time"), 12,
                                                                                     center=True),
               Column(label("col_audited"), 14), Column(label("col_plan_scope"), 24), Column(label("col_items"), 14),
               Column(label("col_auditor_name"), 14), Column(label("col_location"), 14),
               Column(label("col_representative"), 14))
    days = sorted({s.day for s in slots})
    dates = wording.join([day_text(d) for d in days])
    procedures = list(dict.fromkeys(i.procedure for i in items))
    header = ((label("hdr_objective"), label("plan_objective")), (label("hdr_scope"), wording.join(procedures)),
              (label("hdr_criteria"), audit_criteria(corpus, procedures, wording)), (label("hdr_date"), dates),
              (label("hdr_leader"), leader), (label("hdr_team"), wording.join(team)))
    loads = wording.join([f"{a.auditor.name}（{department_name(corpus, a.auditor.department)}）{len(a.numbers)}"
                          if corpus.config.language == "zh" else
                          f"{a.auditor.name} ({department_name(corpus, a.auditor.department)}) {len(a.numbers)}"
                          for a in audit_plan.assignments])
    return Sheet("plan", label("sheet_plan"), columns, (Group("", tuple(rows)),), header,
                 notes=(label("plan_note"), label("plan_loads") + loads),
                 signoff=(label("sign_leader"), label("sign_approved")))


def programme_sheet(corpus: Corpus, procedures: list[str], wording: Wording) -> Sheet:
    """Procedures × months: every procedure once a year, the configured high-risk ones twice, six months apart;
    the audits are spread over the year in procedure order so no month carries them all."""
    label = wording.label
    high = set(corpus.config.audit.programme.high_risk)
    months = [label(f"month_{m}") for m in range(1, 13)]
    columns = (Column(label("col_procedure"), 14), Column(label("col_title"), 24),
               Column(label("col_frequency"), 10, center=True), *(Column(m, 5, center=True) for m in months))
    rows = []
    mark = label("mark_full")
    for k, code in enumerate(procedures):
        doc = corpus.procedure(code)
        first = (k * 12 // max(1, len(procedures))) % 12  # spread evenly over the year
        chosen = {first, (first + 6) % 12} if code in high else {first}
        rows.append((code, doc.model.title if doc else "",
                     label("frequency_twice") if code in high else label("frequency_once"),
                     *(mark if m in chosen else "" for m in range(12))))
    year = corpus.config.audit.programme.year
    header = ((label("hdr_year"), str(year) if year else ""),)
    return Sheet("programme", label("sheet_programme"), columns, (Group("", tuple(rows)),), header,
                 notes=(label("programme_note"),), signoff=(label("sign_prepared"), label("sign_approved")))
