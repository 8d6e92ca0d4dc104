"""The nonconformity report / corrective action request (CAR, 8D) and the NC log of the audit cycle.

The built-in CAR follows ISO 9001 10.2.1 a–f and IATF 16949 10.2.3–10.2.4, from the finding to the
verified closure; a project that maps `audit.forms.nc_report` to its own form gets that form instead.
"""

from __future__ import annotations

from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.form import Form, FormField, Signers
from proccompile.views.tables import Column, FormIdentity, Formula, Group, Sheet, formula_text

NC_LOG_ROWS = 12  # blank lines of the NC log; xlsx users add more, paper users take a second sheet
# The CAR's parts in the order they are worked (10.2.1 a react, b evaluate, c act, d review, e risks, f QMS),
# each with its writing lines and who signs it.
CAR_PARTS = (("fact", 4, "sign_auditor"), ("requirement", 2, ""), ("grade", 1, ""), ("auditee_ack", 1, "sign_auditee"),
             ("containment", 3, "sign_responsible"), ("consequences", 2, ""), ("similar", 3, ""),
             ("cause", 4, "sign_analyst"), ("not_detected", 3, ""), ("correction", 2, "sign_responsible"),
             ("action", 4, "sign_responsible"), ("systemic", 3, ""), ("updates", 3, ""), ("error_proofing", 2, ""),
             ("criteria", 2, ""), ("verification", 3, "sign_verifier"), ("closed", 2, "sign_leader"))


def nc_report_sheet(corpus: Corpus, wording: Wording, form: FormIdentity | None = None) -> Sheet:
    """不符合项报告/纠正措施: one nonconformity per copy, numbered as in the checklist's NCR column."""
    label = wording.label
    mapped = corpus.form(corpus.config.audit.forms.nc_report) if corpus.config.audit.forms.nc_report else None
    header = ((label("hdr_ncr_no"), ""), (label("hdr_audit_no"), ""), (label("hdr_checklist_item"), ""),
              (label("hdr_clause"), ""), (label("hdr_area"), ""), (label("hdr_auditee"), ""),
              (label("hdr_auditor"), ""), (label("hdr_date"), ""))
    if mapped is not None:
        return _project_form(mapped.model, header, wording, form)
    columns = (Column(label("col_ncr_part"), 24), Column(label("col_ncr_content"), 64), Column(label("col_sign"), 18))
    rows = tuple((label(f"ncr_{part}"), "\n" * (lines - 1), label(sign) if sign else "")
                 for part, lines, sign in CAR_PARTS)
    return Sheet("nc_report", label("sheet_nc_report"), columns, (Group("", rows),), header,
                 notes=(label("ncr_note"),), form=form, fit="weights", blocks=True)


def _project_form(form: Form, header: tuple[tuple[str, str], ...], wording: Wording,
                  identity: FormIdentity | None) -> Sheet:
    """The project's own CAR form as a sheet: its one-line fields join the header (the NCR, audit and checklist
    numbers tie it to the checklist), its multi-line fields, tables and sections become boxes with the room the
    form gives them, each section's sign-offs beside its last box, and its own sign-offs at the foot."""
    label = wording.label
    colon = "：" if wording.language == "zh" else ": "
    rows: list[tuple[str, str, str]] = []
    fields = list(header)

    gap = "　" if wording.language == "zh" else "   "

    def blank(field: FormField) -> str:
        if field.type == "choice":
            return gap.join(f"☐ {option}" for option in field.options)
        return "☐" if field.type == "checkbox" else ""

    for field in form.fields:
        if field.lines == 1:
            fields.append((field.label, blank(field)))
        else:
            rows.append((field.label, "\n" * (field.lines - 1), ""))
    for table in form.all_tables():
        count = table.rows if isinstance(table.rows, int) else len(table.rows) + table.blank_rows
        rows.append((table.title or " / ".join(c.label for c in table.columns), "\n" * (min(count, 6) - 1), ""))
    if form.text:  # fixed text (a declaration) is printed as the form prints it
        rows.append(("", "\n".join(_texts(form.text)), ""))
    for section in form.sections:
        if section.text:
            rows.append((section.title or "", "\n".join(_texts(section.text)), ""))
        parts = [(f"{section.title}{colon}{f.label}" if section.title else f.label,
                  blank(f) or "\n" * (f.lines - 1)) for f in section.fields]
        signs = "\n".join(f"{who}{colon}" for who in [*_roles(section.signers), *section.signoffs])
        if not parts and signs:
            parts = [(section.title or "", "")]
        rows += [(title, room, signs if k == len(parts) - 1 else "") for k, (title, room) in enumerate(parts)]
    columns = (Column(label("col_ncr_part"), 24), Column(label("col_ncr_content"), 64), Column(label("col_sign"), 18))
    return Sheet("nc_report", form.title, columns, (Group("", tuple(rows)),), tuple(fields),
                 notes=tuple(form.instructions), signoff=(*_roles(form.signers), *form.signoffs), form=identity,
                 fit="weights", blocks=True)


def _texts(text: str | list[str]) -> list[str]:
    return [text] if isinstance(text, str) else list(text)


def _roles(signers: Signers | list[str] | None) -> list[str]:
    """Who signs a form's signer blocks."""
    if signers is None:
        return []
    return list(signers) if isinstance(signers, list) else list(signers.roles)


def nc_log_sheet(wording: Wording, form: FormIdentity | None = None) -> Sheet:
    """One line per NC report until its action is verified effective; a reopened one says so and names the new CAR."""
    label = wording.label
    states = tuple(label("nc_states").split("|"))
    columns = (Column(label("hdr_ncr_no"), 10), Column(label("hdr_checklist_item"), 6, center=True),
               Column(label("col_raised"), 10, center=True, kind="date"), Column(label("col_audited"), 10),
               Column(label("col_clause"), 7), Column(label("ncr_fact"), 24),
               Column(label("ncr_grade"), 8, center=True),
               Column(label("col_action_owner"), 9), Column(label("col_due"), 10, center=True, kind="date"),
               Column(label("col_done"), 10, center=True, kind="date"),
               Column(label("col_days_open"), 7, center=True, kind="number"),
               Column(label("col_nc_overdue"), 7, center=True), Column(label("col_verifier"), 9),
               Column(label("col_verified"), 10, center=True, kind="date"),
               Column(label("col_status"), 9, center=True, choices=states), Column(label("col_reopened"), 12))
    # Days open run from the day raised to the closure (or today, while open); overdue once past the due date.
    days = Formula('IF(C{row}="","",IF(N{row}="",TODAY(),N{row})-C{row})')
    late = Formula(f'IF(OR(I{{row}}="",N{{row}}<>""),"",IF(TODAY()>I{{row}},{formula_text(label("overdue_mark"))},""))')
    rows = tuple(("", "", "", "", "", "", "", "", "", "", days, late, "", "", "", "") for _ in range(NC_LOG_ROWS))
    return Sheet("nc_log", label("sheet_nc_log"), columns, (Group("", rows),), ((label("hdr_audit_no"), ""),),
                 notes=(label("nc_log_note"),), signoff=(label("sign_leader"),), row_lines=2, form=form,
                 fit="weights")
