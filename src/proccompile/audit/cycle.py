"""The audit cycle's records as controlled forms: audit report, NC report / corrective action, NC log, attendance."""

from __future__ import annotations

from proccompile.audit.checklist import audit_criteria, results
from proccompile.audit.items import Item
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.display import department_name
from proccompile.views.tables import Column, Group, Sheet

NC_LOG_ROWS = 12  # blank lines of the NC log; xlsx users add more, paper users take a second sheet


def cycle_sheets(corpus: Corpus, items: list[Item], team: list[Auditor], wording: Wording) -> list[Sheet]:
    return [report_sheet(corpus, items, team, wording), nc_report_sheet(wording), nc_log_sheet(wording),
            attendance_sheet(corpus, items, team, wording)]


def _audit_header(corpus: Corpus, items: list[Item], team: list[Auditor], wording: Wording) -> tuple[
        tuple[str, str], ...]:
    label = wording.label
    procedures = list(dict.fromkeys(i.procedure for i in items))
    return ((label("hdr_audit_no"), ""), (label("hdr_objective"), label("plan_objective")),
            (label("hdr_scope"), wording.join(procedures)),
            (label("hdr_criteria"), audit_criteria(corpus, procedures, wording)), (label("hdr_date"), ""),
            (label("hdr_leader"), corpus.config.audit.plan.team_leader or ""),
            (label("hdr_team"), wording.join(list(dict.fromkeys(a.name for a in team)))))


def report_sheet(corpus: Corpus, items: list[Item], team: list[Auditor], wording: Wording) -> Sheet:
    """Per auditee department: items audited and a column per result code for the auditor's counts."""
    label = wording.label
    codes = results(corpus, wording)
    columns = (Column(label("col_audited"), 16), Column(label("col_count"), 8, center=True, kind="number"),
               *(Column(code, 9, center=True) for code in codes), Column(label("col_ncr_numbers"), 20))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.department] = counts.get(item.department, 0) + 1
    rows = tuple((department_name(corpus, d), str(n), *("" for _ in codes), "") for d, n in counts.items())
    return Sheet("report", label("sheet_report"), columns, (Group("", rows),),
                 _audit_header(corpus, items, team, wording),
                 notes=(label("report_findings"), label("report_conclusion"), label("report_distribution")),
                 signoff=(label("sign_leader"), label("sign_approved")))


def nc_report_sheet(wording: Wording) -> Sheet:
    """不符合项报告/纠正措施: one nonconformity from finding to verified correction; numbered as in the checklist."""
    label = wording.label
    columns = (Column(label("col_ncr_part"), 22), Column(label("col_ncr_content"), 70), Column(label("col_sign"), 20))
    rows = tuple((label(f"ncr_{part}"), "", "") for part in (
        "fact", "requirement", "grade", "auditee_ack", "cause", "correction", "action", "due", "verification",
        "closed"))
    header = ((label("hdr_ncr_no"), ""), (label("hdr_audit_no"), ""), (label("hdr_checklist_item"), ""),
              (label("hdr_clause"), ""), (label("hdr_area"), ""), (label("hdr_auditee"), ""),
              (label("hdr_auditor"), ""), (label("hdr_date"), ""))
    return Sheet("nc_report", label("sheet_nc_report"), columns, (Group("", rows),), header,
                 notes=(label("ncr_note"),), row_lines=4)


def nc_log_sheet(wording: Wording) -> Sheet:
    label = wording.label
    columns = (Column(label("hdr_ncr_no"), 12), Column(label("hdr_checklist_item"), 8, center=True),
               Column(label("col_audited"), 12), Column(label("col_clause"), 9), Column(label("ncr_fact"), 30),
               Column(label("ncr_grade"), 10, center=True), Column(label("ncr_action"), 26),
               Column(label("col_due"), 11, center=True, kind="date"), Column(label("col_done"), 11, center=True,
                                                                                 kind="date"),
               Column(label("ncr_verification"), 18), Column(label("col_status"), 8, center=True,
                                                             choices=tuple(label("nc_states").split("|"))))
    rows = tuple(("", "", "", "", "", "", "", "", "", "", "") for _ in range(NC_LOG_ROWS))
    return Sheet("nc_log", label("sheet_nc_log"), columns, (Group("", rows),), ((label("hdr_audit_no"), ""),),
                 notes=(label("nc_log_note"),), signoff=(label("sign_leader"),), row_lines=2)


def attendance_sheet(corpus: Corpus, items: list[Item], team: list[Auditor], wording: Wording) -> Sheet:
    """Opening and closing meeting: the audit team and each auditee department's representative, to sign."""
    label = wording.label
    settings = corpus.config.audit.plan
    people: list[tuple[str, str, str]] = []
    if settings.team_leader:
        leader_dept = next((a.department for a in team if a.name == settings.team_leader), "")
        people.append((settings.team_leader, department_name(corpus, leader_dept) if leader_dept else "",
                       label("role_team_leader")))
    people += [(a.name, department_name(corpus, a.department), label("role_auditor")) for a in team
               if a.name != settings.team_leader]
    for dept in dict.fromkeys(i.department for i in items):
        people.append((settings.representatives.get(dept, ""), department_name(corpus, dept),
                       label("role_representative")))
    columns = (Column(label("col_no"), 6, center=True, kind="number"), Column(label("col_name"), 14),
               Column(label("col_department"), 16), Column(label("col_role"), 14),
               Column(label("col_opening_sign"), 16), Column(label("col_closing_sign"), 16))
    rows = tuple((str(n), name, dept, role, "", "") for n, (name, dept, role) in enumerate(people, 1))
    header = ((label("hdr_audit_no"), ""), (label("hdr_date"), ""), (label("col_location"), settings.location or ""))
    return Sheet("attendance", label("sheet_attendance"), columns, (Group("", rows),), header, row_lines=2)
