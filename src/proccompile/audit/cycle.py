"""The audit report (ISO 19011 6.5.1) and the attendance sheet, as controlled forms of the audit cycle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proccompile.audit.checklist import audit_header, results
from proccompile.audit.focus import Dropped
from proccompile.audit.items import Item
from proccompile.audit.sampling import sampling_table_text
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.display import department_name
from proccompile.model.programme import programme_procedures
from proccompile.views.tables import Column, FormIdentity, Formula, Group, Sheet, column_letter, formula_text

# Where the checklist sheet keeps the criteria (procedure code first) and the result, for the report's counts.
CRITERIA_COLUMN, RESULT_COLUMN = 3, 10
FOLLOW_UP_ROWS = 5  # blank lines for the findings of earlier audits; xlsx users add more


@dataclass(frozen=True)
class AuditRecord:
    """What the records of one audit share: its items, team, header fields and what it leaves out."""

    items: list[Item]
    team: Sequence[Auditor]
    header: tuple[tuple[str, str], ...]
    dropped: list[Dropped]


def _count(prefix: str, code: str) -> Formula:
    """How many checklist items of a procedure (criteria starting with its code) carry result ``code``."""
    criteria = f"{{sheet:checklist}}{column_letter(CRITERIA_COLUMN)}:{column_letter(CRITERIA_COLUMN)}"
    result = f"{{sheet:checklist}}{column_letter(RESULT_COLUMN)}:{column_letter(RESULT_COLUMN)}"
    if not prefix:
        return Formula(f"COUNTIF({result},{formula_text(code)})")
    wildcard = prefix.replace("~", "~~").replace("*", "~*").replace("?", "~?") + " *"
    return Formula(f"COUNTIFS({criteria},{formula_text(wildcard)},{result},{formula_text(code)})")


def report_sheets(corpus: Corpus, record: AuditRecord, wording: Wording,
                  form: FormIdentity | None = None) -> list[Sheet]:
    """The report: per process the items audited, the result counts (summed from the checklist in xlsx),
    the NCR numbers and a conclusion to write; then the follow-up of earlier findings; then the findings,
    areas not covered, the sampling statement and the overall conclusion, each with room to write."""
    label = wording.label
    codes = results(corpus, wording)
    columns = (Column(label("col_procedure"), 14), Column(label("col_audited"), 16),
               Column(label("col_count"), 6, center=True, kind="number"),
               *(Column(code, 7, center=True, kind="number") for code in codes),
               Column(label("col_ncr_numbers"), 14), Column(label("col_process_conclusion"), 30))
    procedures = list(dict.fromkeys(code for i in record.items for code in i.scope if i.procedure))
    rows = []
    for code in procedures:
        mine = [i for i in record.items if i.procedure == code]
        depts = wording.join([department_name(corpus, d) for d in dict.fromkeys(i.department for i in mine)])
        rows.append((code, depts, str(len(mine)), *(_count(code, c) for c in codes), "", ""))
    pou = [i for i in record.items if not i.procedure]
    if pou:
        rows.append((label("group_point_of_use"), wording.join([department_name(corpus, i.department) for i in pou]),
                     str(len(pou)), *("" for _ in codes), "", ""))
    rows.append((label("report_total"), "", str(len(record.items)), *(_count("", c) for c in codes), "", ""))
    header = ((label("hdr_objective"), label("plan_objective")), *record.header[:-1])
    main = Sheet("report", label("sheet_report"), columns, (Group("", tuple(rows)),), header,
                 notes=(label("report_counts_note"),), form=form, fit="weights", row_lines=2)
    follow = Sheet("report_follow_up", label("sheet_report_follow_up"), (
        Column(label("hdr_ncr_no"), 12), Column(label("hdr_audit_no"), 10), Column(label("ncr_fact"), 30),
        Column(label("ncr_action"), 30), Column(label("col_verification"), 24),
        Column(label("col_effectiveness"), 10, center=True, choices=tuple(label("effective_states").split("|"))),
        Column(label("col_status"), 10, center=True, choices=tuple(label("nc_states").split("|")))),
        (Group("", tuple(("",) * 7 for _ in range(FOLLOW_UP_ROWS))),), notes=(label("follow_up_note"),),
        form=form, fit="weights", row_lines=2)
    text = Sheet("report_text", label("sheet_report_text"), (
        Column(label("col_ncr_part"), 20), Column(label("col_ncr_content"), 80)),
        (Group("", tuple(_report_parts(corpus, record, wording))),), form=form, fit="weights", blocks=True,
        signoff=(label("sign_leader"), label("sign_approved")))
    return [main, follow, text]


def _report_parts(corpus: Corpus, record: AuditRecord, wording: Wording) -> list[tuple[str, str]]:
    label = wording.label
    in_scope = {code for i in record.items for code in i.scope}
    not_audited = [code for code in programme_procedures(corpus) if code not in in_scope]
    left_out: dict[str, list[str]] = {}
    for d in record.dropped:
        left_out.setdefault(d.item.procedure, []).append(d.item.section or label("cover_section"))
    areas = [label("not_audited_procedures") + wording.join(not_audited)] if not_audited else []
    areas += [f"{code}{label('left_out_items')}{wording.join(list(dict.fromkeys(sections)))}"
              for code, sections in left_out.items()]
    sampling = label("sampling_statement").replace("{table}", sampling_table_text(
        list(corpus.config.audit.sampling), label, label("list_separator")))
    room = "\n" * 3
    return [(label("report_summary"), room), (label("report_strengths"), room), (label("report_findings"), room),
            (label("report_not_covered"), "\n".join(areas) or label("none_text")),
            (label("report_sampling"), sampling), (label("report_conclusion"), room),
            (label("report_diverging"), room), (label("report_distribution"), label("report_distribution_list"))]


def attendance_sheet(corpus: Corpus, record: AuditRecord, wording: Wording,
                     form: FormIdentity | None = None) -> Sheet:
    """Opening and closing meeting: the audit team and each auditee department's representative, to sign."""
    label = wording.label
    settings = corpus.config.audit.plan
    people: list[tuple[str, str, str]] = []
    if settings.team_leader:
        leader_dept = next((a.department for a in record.team if a.name == settings.team_leader), "")
        people.append((settings.team_leader, department_name(corpus, leader_dept) if leader_dept else "",
                       label("role_team_leader")))
    people += [(a.name, department_name(corpus, a.department), label("role_auditor")) for a in record.team
               if a.name != settings.team_leader]
    for dept in dict.fromkeys(i.department for i in record.items):
        people.append((settings.representatives.get(dept, ""), department_name(corpus, dept),
                       label("role_representative")))
    columns = (Column(label("col_no"), 6, center=True, kind="number"), Column(label("col_name"), 14),
               Column(label("col_department"), 16), Column(label("col_role"), 14),
               Column(label("col_opening_sign"), 16), Column(label("col_closing_sign"), 16))
    rows = tuple((str(n), name, dept, role, "", "") for n, (name, dept, role) in enumerate(people, 1))
    fields = dict(record.header)
    header = ((label("hdr_audit_no"), fields.get(label("hdr_audit_no"), "")),
              (label("hdr_date"), fields.get(label("hdr_date"), "")), (label("col_location"), settings.location or ""))
    return Sheet("attendance", label("sheet_attendance"), columns, (Group("", rows),), header, row_lines=2,
                 form=form, fit="weights")


def header_of(corpus: Corpus, items: list[Item], team: Sequence[Auditor], wording: Wording, **fields: str) -> tuple[
        tuple[str, str], ...]:
    scope = list(dict.fromkeys(code for i in items for code in i.scope))
    return audit_header(corpus, scope, team, wording, **fields)
