"""The `audit:` part of the project config: auditors, sampling, the programme, the plan and the audit forms."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from proccompile.model.base import StrictModel
from proccompile.model.types import Clause, DeptRef, DocCode, Text, Version


def _result_codes(codes: list[str]) -> list[str]:
    # They become an xlsx drop-down: a list formula of at most 255 characters, separated by ASCII commas.
    for code in codes:
        if "," in code or '"' in code:
            raise ValueError(f"result code `{code}` may not contain `,` or `\"` (they separate the drop-down's values)")
    if len(set(codes)) != len(codes):
        raise ValueError("result codes must be different from each other")
    if len(",".join(codes)) > 250:
        raise ValueError("result codes are too long together for a drop-down (250 characters at most)")
    return codes


class Auditor(StrictModel):
    name: Text
    """Name as printed in the audit plan and the checklist's auditor column; nobody audits a procedure whose
    approvals carry this name."""
    department: DeptRef
    """Department id the auditor belongs to; nobody is assigned to audit their own department."""


class ChecklistForm(StrictModel):
    code: DocCode
    """Form code of the audit checklist itself (it is a controlled form), e.g. Q/JL092101."""
    version: Version | None = None
    """Version printed in the sheet header; taken from the form file when the code is in the corpus."""


class AuditForms(StrictModel):
    """The project's own form codes for the records of the audit cycle; each must be a form of the project."""

    programme: DocCode | None = None
    """Annual audit programme (年度审核方案)."""
    plan: DocCode | None = None
    """Audit plan (审核计划)."""
    checklist: DocCode | None = None
    """Audit checklist (检查表); the same as `checklist_form`, which it replaces."""
    report: DocCode | None = None
    """Audit report (审核报告)."""
    nc_report: DocCode | None = None
    """Nonconformity report / corrective action request (不符合项报告, CAR, 8D). The sheet is that form's own
    fields, sections and sign-offs."""
    nc_log: DocCode | None = None
    """Nonconformity log (不符合项跟踪表)."""
    attendance: DocCode | None = None
    """Attendance sheet of the opening and closing meetings (会议签到表)."""


ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


class PlanSettings(StrictModel):
    start: dt.date | None = None
    """First audit day; later days skip Saturdays and Sundays. It must lie in a month the programme schedules
    (with `programme.year`). Without it the plan says day 1, day 2 …"""
    day_start: ClockTime = "08:30"
    """When the audit day starts (HH:MM); the opening meeting is the first slot."""
    day_end: ClockTime = "17:00"
    """When the audit day ends (HH:MM); no slot runs later."""
    lunch: ClockTime | None = "12:00"
    """When the lunch break starts (HH:MM); no slot runs through it. Null: no lunch break."""
    lunch_minutes: int = Field(default=60, ge=15, le=120)
    """Length of the lunch break."""
    max_slot: int = Field(default=120, ge=30, le=480)
    """Longest an auditor audits without a break, in minutes."""
    break_minutes: int = Field(default=15, ge=5, le=60)
    """The short break after `max_slot` minutes of auditing."""
    minutes_per_item: int = Field(default=10, ge=1, le=240)
    """Time an auditor needs per checklist item, for the length of each slot."""
    meeting_minutes: int = Field(default=30, ge=5, le=240)
    """Length of the opening and of the closing meeting."""
    team_meeting_minutes: int = Field(default=30, ge=5, le=240)
    """Length of the audit team's meeting before the closing meeting (findings agreed, conclusion prepared)."""
    team_leader: Text | None = None
    """Audit team leader, printed in the plan, the checklist header and the audit report."""
    location: Text | None = None
    """Where the opening and closing meetings are held."""
    locations: dict[DeptRef, Text] = {}
    """Where each department is audited, by department id."""
    representatives: dict[DeptRef, Text] = {}
    """Each department's auditee representative, by department id."""

    @model_validator(mode="after")
    def _day_holds_the_meetings(self) -> PlanSettings:
        begin, end = minutes(self.day_start), minutes(self.day_end)
        if end <= begin:
            raise ValueError(f"day_end {self.day_end} must be after day_start {self.day_start}")
        if self.lunch is not None and not begin < minutes(self.lunch) < end - self.lunch_minutes:
            raise ValueError(f"lunch {self.lunch} (+{self.lunch_minutes} min) must lie between day_start and day_end")
        if self.max_slot < self.minutes_per_item:
            raise ValueError(f"max_slot ({self.max_slot} min) is shorter than one item ({self.minutes_per_item} min)")
        longest = max(self.meeting_minutes + self.team_meeting_minutes, self.minutes_per_item)
        if self.lunch is not None:
            room = max(minutes(self.lunch) - begin, end - minutes(self.lunch) - self.lunch_minutes)
        else:
            room = end - begin
        if longest > room:
            raise ValueError(f"the working day ({self.day_start}–{self.day_end}) has no {longest} minutes in one run "
                             "for the team meeting and the closing meeting")
        return self


class ProgrammeSettings(StrictModel):
    year: int | None = Field(default=None, ge=2000, le=2100)
    """Year of the annual audit programme."""
    high_risk: list[DocCode] = []
    """Procedures audited twice a year (higher risk); every other released procedure once."""
    cycle_years: int | None = Field(default=None, ge=1, le=5)
    """Programme cycle in years: every checklist item of every procedure is audited at least once in it.
    Default: 3 with `clause_set: iatf16949` (IATF 16949 9.2.2.1), else 1."""
    cycle_start: int | None = Field(default=None, ge=2000, le=2100)
    """First year of the current cycle (default: `year`); items left out of one audit are audited later in it."""

    @model_validator(mode="after")
    def _cycle_starts_before_the_year(self) -> ProgrammeSettings:
        if self.cycle_start is not None and self.year is not None and self.cycle_start > self.year:
            raise ValueError(f"cycle_start {self.cycle_start} is after the programme year {self.year}")
        return self


class SamplingRule(StrictModel):
    up_to: int | None = Field(default=None, ge=1, le=1_000_000)
    """Largest population this rule applies to; the last rule has none (any larger population)."""
    sample: int | Literal["all"]
    """Records to sample from such a population, or `all`."""


DEFAULT_SAMPLING = [SamplingRule(up_to=3, sample="all"), SamplingRule(up_to=20, sample=5),
                    SamplingRule(up_to=100, sample=8), SamplingRule(sample=12)]


def _sampling_table(rules: list[SamplingRule]) -> list[SamplingRule]:
    bounds = [r.up_to for r in rules[:-1]]
    if any(b is None for b in bounds) or rules[-1].up_to is not None:
        raise ValueError("every rule but the last gives `up_to`; the last, for any larger population, gives none")
    if any(a >= b for a, b in zip(bounds, bounds[1:], strict=False)):  # type: ignore[operator]
        raise ValueError("`up_to` must grow from rule to rule")
    for rule in rules:
        if isinstance(rule.sample, int) and rule.up_to is not None and rule.sample > rule.up_to:
            raise ValueError(f"a sample of {rule.sample} from at most {rule.up_to} records: write `sample: all`")
    return rules


class Exclusion(StrictModel):
    clause: Clause
    """ISO 9001 clause that does not apply, e.g. 8.3. With `clause_set: iatf16949` only product design may be
    excluded (IATF 16949 4.3.2): 8.3 then excludes the product-design clauses alone."""
    reason: Text
    """Why it does not apply, as printed in the coverage matrix (ISO 9001 4.3)."""


class AuditSettings(StrictModel):
    auditors: list[Auditor] = []
    """Internal auditors with their own departments, for the audit plan (`--auditor` replaces them)."""
    checklist_form: ChecklistForm | None = None
    """The checklist's own form number and version, printed in its sheet header."""
    register_form: ChecklistForm | None = None
    """The registers' own number and version (they are controlled lists too), printed in their header."""
    forms: AuditForms = AuditForms()
    """The project's own form codes for the programme, plan, checklist, report, NC report, NC log and
    attendance sheet; each sheet then carries that form's number, title and version."""
    sampling: Annotated[list[SamplingRule], AfterValidator(_sampling_table)] = Field(
        default=DEFAULT_SAMPLING, min_length=1, max_length=12)
    """Sample size by population (records since the last audit), smallest population first."""
    items_per_procedure: int = Field(default=15, ge=3, le=500)
    """Most checklist items per procedure in one audit; the highest-risk ones are kept and the others rotate
    through the programme cycle."""
    duty_clauses: Literal["matched", "procedure"] = "matched"
    """Clauses of a duty item: `matched` takes those of the step the duty describes (else it inherits the
    procedure's, shown only in the clause view); `procedure` tags it with every clause of the procedure."""
    results: Annotated[list[Text], AfterValidator(_result_codes)] = Field(default=[], max_length=12)
    """Result codes offered in the checklist's drop-down; empty uses the language's (符合, 轻微不符合 …)."""
    clause_set: Literal["iso9001", "iatf16949"] = "iso9001"
    """Clause table of the coverage matrix, the clause view and the quality functions table: ISO 9001:2015,
    or ISO 9001:2015 with the IATF 16949:2016 clauses."""
    exclusions: list[Exclusion] = []
    """Clauses the QMS does not apply (不适用), with the justification printed in the coverage matrix."""
    clause_leads: dict[Clause, DeptRef] = {}
    """The one department that leads (主管) a clause in the quality functions table, where procedures of
    several owners cite it, e.g. {"7.5": quality}."""
    plan: PlanSettings = PlanSettings()
    """Dates, times, places and people of the audit plan (ISO 19011 6.3.2)."""
    programme: ProgrammeSettings = ProgrammeSettings()
    """The annual audit programme: which procedures are audited in which month."""

    @model_validator(mode="after")
    def _one_checklist_form(self) -> AuditSettings:
        if self.checklist_form is not None and self.forms.checklist is not None:
            raise ValueError("give the checklist's form once: `forms.checklist` or `checklist_form`, not both")
        return self

    @property
    def cycle_years(self) -> int:
        return self.programme.cycle_years or (3 if self.clause_set == "iatf16949" else 1)
