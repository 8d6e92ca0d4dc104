"""The project config (proccompile.yaml): everything that is a house convention, not code."""

from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from proccompile.model.audit_config import Auditor as Auditor  # re-exported: the config's audit part
from proccompile.model.audit_config import AuditSettings as AuditSettings
from proccompile.model.audit_config import ChecklistForm as ChecklistForm
from proccompile.model.audit_config import Exclusion as Exclusion
from proccompile.model.audit_config import PlanSettings as PlanSettings
from proccompile.model.audit_config import ProgrammeSettings as ProgrammeSettings
from proccompile.model.base import StrictModel
from proccompile.model.config_actors import Company, Group, Role
from proccompile.model.config_documents import DocumentTypeConfig
from proccompile.model.named import Named, Regex, format_fields
from proccompile.model.types import DeptId, DeptRef, DocCode, DurationField, Paper, Text, Version, xml_safe


class Names(Named):
    zh: Text | None = None
    """Chinese name; required when the project language is zh."""
    en: Text | None = None
    """English name; required when the project language is en."""


class Department(Named):
    id: DeptId
    """Id that procedures and forms use, e.g. after-sales."""
    zh: Text | None = None
    """Chinese name, e.g. 售后服务部; required when the project language is zh."""
    en: Text | None = None
    """English name; required when the project language is en."""
    external: bool = False
    """True for parties outside the company that still carry duties, e.g. dealers. They are never an internal
    auditor or an auditee: their duties are audited in the department that owns the procedure."""
    roles: list[Role] = []
    """Roles (job titles) within the department that duties, steps, keepers and approvals may name, e.g. the
    quality manager; printed with the department's name."""
    includes: list[DeptRef] = []
    """For a department that stands for others, such as the management team: the departments it includes.
    Nobody audits it who belongs to one of them. (A group that duties and steps name is declared under
    `groups`.)"""


class ExternalDocument(StrictModel):
    code: DocCode
    """The code as cited, e.g. GB/T 19001-2016."""
    title: Text
    """Title as printed in related-documents lists."""
    issuer: Text | None = None
    """Issuing body, e.g. ISO."""


class Numbering(StrictModel):
    procedure: Regex
    """Regular expression every procedure code must match in full."""
    form: Regex
    """Regular expression every form code must match in full."""
    procedure_display: Annotated[
        str, AfterValidator(xml_safe), AfterValidator(format_fields({"code", "year", "version"}))
    ] = "{code}"
    """How a procedure's number is printed; {year} is the issue year, e.g. {code}—{year}."""
    form_display: Annotated[
        str, AfterValidator(xml_safe), AfterValidator(format_fields({"code", "edition", "version"}))
    ] = "{code}"
    """How a form's number is printed; {edition} is the version letter, e.g. {code}-{edition}."""
    form_edition: Literal["suffix", "box", "both"] = "both"
    """Where a form prints its edition: suffix (in the number, as `form_display` writes it, with no version
    box), box (the bare code as the number, and a version box) or both."""

    @model_validator(mode="after")
    def _edition_printed(self) -> Numbering:
        if self.form_edition == "suffix" and not {"{edition}", "{version}"} & {
                f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(self.form_display) if name}:
            raise ValueError("form_edition `suffix` prints the edition in the number: give `form_display` an "
                             "{edition} or {version}, e.g. {code}-{edition}")
        return self


def _version_pattern(pattern: str) -> str:
    parsed = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(pattern)
              if name is not None]
    # A format spec pads or aligns: `{n:>999999999}` would build a gigabyte string for every PC401 message.
    if any(spec or conversion for _, spec, conversion in parsed):
        raise ValueError("placeholders take no format or conversion; write them as {letter}, {n}, {amendment}")
    fields = [name for name, _, _ in parsed]
    editions = [f for f in fields if f in ("letter", "n")]
    unknown = sorted(set(fields) - {"letter", "n", "amendment"})
    if unknown:
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {{letter}} or {{n}}, and {{amendment}}")
    if len(editions) != 1 or fields.count("amendment") > 1:
        raise ValueError("a version pattern holds one edition, {letter} or {n}, and at most one {amendment}")
    return pattern


class VersionScheme(StrictModel):
    style: Literal["letter", "numeric", "pattern"] = "letter"
    """letter: A/0, A/1 … then B/0; numeric: 1.0, 1.1 … then 2.0; pattern: as `pattern` says (Rev A, Issue 3)."""
    max_amendment: int = Field(default=4, ge=0, le=99)
    """Highest amendment number before the edition must change (A/4 → B/0 with 4)."""
    pattern: Annotated[str, AfterValidator(xml_safe), AfterValidator(_version_pattern)] | None = None
    """For style pattern: how versions are written, with {letter} (A, B …) or {n} (1, 2 …) for the edition
    and optionally {amendment}, e.g. `Rev {letter}`, `Issue {n}`, `Issue {n}.{amendment}`."""

    @model_validator(mode="after")
    def _pattern_with_style(self) -> VersionScheme:
        if (self.style == "pattern") != (self.pattern is not None):
            raise ValueError("give `pattern` exactly when `style` is pattern")
        return self


class RecordPolicy(StrictModel):
    default_retention: DurationField | None = None
    """Retention used when neither the record entry nor its form gives one."""
    minimum_retention: DurationField | None = None
    """No record may be kept for less than this."""
    retention_events: list[Text] = []
    """Events a retention may count from, e.g. 产品停产 or end of production, 量具报废, 员工离职; a record's
    `retention: {after: EVENT, plus: 1y}` must name one of them."""
    retention_start: Text | None = None
    """Event the retention period counts from, printed in the records register (default: the record's completion)."""
    disposal: Text | None = None
    """How records are disposed of when their retention ends, printed in the records register."""
    access: Text | None = None
    """Who may read and retrieve records, and how they are backed up, printed in the records register."""


class ApprovalRole(Named):
    id: DeptId
    """Key used under a procedure's `approvals`, e.g. prepared."""
    zh: Text | None = None
    """Chinese label, e.g. 编制; required when the project language is zh."""
    en: Text | None = None
    """English label, e.g. Prepared by; required when the project language is en."""


DEFAULT_ROLES = [
    ApprovalRole(id="prepared", zh="编制", en="Prepared by"),
    ApprovalRole(id="reviewed", zh="审核", en="Reviewed by"),
    ApprovalRole(id="approved", zh="批准", en="Approved by"),
]


class Limits(StrictModel):
    max_file_bytes: int = Field(default=1_000_000, ge=1_000, le=50_000_000)
    """Largest procedure or form file accepted, in bytes."""
    template_seconds: float = Field(default=5.0, gt=0, le=600)
    """Longest time the project's templates may take together in one run (a check, a build, a site), in seconds."""
    template_output_chars: int = Field(default=200_000, ge=1_000, le=10_000_000)
    """Most characters one rendered template may produce."""
    reference_docx_bytes: int = Field(default=50_000_000, ge=100_000, le=1_000_000_000)
    """Largest uncompressed size of templates/reference.docx (all its parts together), in bytes."""
    import_docx_bytes: int = Field(default=20_000_000, ge=100_000, le=100_000_000)
    """Largest uncompressed size of the text of a Word file `import` reads (its XML parts; images are never
    unpacked), in bytes."""
    findings_per_file: int = Field(default=200, ge=10, le=100_000)
    """Most model findings reported for one file; a pathological file stays fast to check."""
    picture_bytes: int = Field(default=2_000_000, ge=10_000, le=50_000_000)
    """Largest logo picture accepted, in bytes; it is copied into every document's header."""


class FlowchartSettings(StrictModel):
    placement: Literal["process", "section", "attachment", "none"] = "process"
    """Where a procedure's flowchart is printed: `process` at the start of its work procedure (5 工作程序), \
`section` one chart under each subsection heading, `attachment` as its last attachment (附件 流程图), `none` nowhere."""


class DistributionForm(StrictModel):
    code: DocCode
    """Form code, e.g. Q/JL070702."""
    version: Version | None = None
    """Version printed with the code; taken from the form file when the code is in the corpus."""


class ChangeControl(StrictModel):
    same_signer: list[Annotated[list[DeptId], Field(min_length=2, max_length=2)]] = []
    """Pairs of approval roles one person may sign both, e.g. `[prepared, reviewed]` in a small company. By
    default every role needs a signer of its own; the author (the first role) never approves (the last)."""
    distribution_form: DistributionForm | None = None
    """The project's own distribution and recall form (文件发放/回收记录): its number and version head the
    log that `release`, `retire` and `register` write."""


class ProjectConfig(StrictModel):
    """Project settings for one quality management system."""

    company: Names
    """Company name printed in every header (of a document that names none of `companies`)."""
    companies: list[Company] = []
    """The legal entities of a group that documents may name with `company:`, each printed in its own
    documents' headers."""
    language: Literal["zh", "en"] = "zh"
    """Language of generated labels and headings."""
    numbering: Numbering
    """House patterns for document codes and how numbers are printed."""
    document_types: list[DocumentTypeConfig] = []
    """Document types beyond procedures and forms (the quality manual, work instructions, types of the project's
    own), each in its own folder with its own numbering; also the level, name and chapter order of any type."""
    versions: VersionScheme = VersionScheme()
    """Version scheme shared by procedures and forms."""
    departments: list[Department] = Field(min_length=1)
    """Every department (with its roles) that duties, steps, records and forms may name."""
    groups: list[Group] = []
    """Groups of departments and roles that a duty or step may name as one, e.g. all department heads."""
    external_documents: list[ExternalDocument] = []
    """Standards and laws that procedures may cite besides the corpus."""
    records: RecordPolicy = RecordPolicy()
    """Record retention defaults and minimum."""
    approval_roles: list[ApprovalRole] = Field(default=DEFAULT_ROLES, min_length=1)
    """Roles that sign a procedure, in signing order; the first is the author, the last the approver."""
    signatures: Literal["typed", "by-hand"] = "typed"
    """typed: every approval records the signer's name; by-hand: the name is signed by hand on the printed copy,
    so approvals record the date (and role) and leave the name blank, and nothing prints a name."""
    review_interval: DurationField | None = None
    """How often procedures are reviewed; gives the next-review date in registers."""
    limits: Limits = Limits()
    """Safety limits for input files."""
    audit: AuditSettings = AuditSettings()
    """Internal-audit checklists: auditors, the checklist's own form number, sample size."""
    flowcharts: FlowchartSettings = FlowchartSettings()
    """Process flowcharts drawn from the procedures' steps (see docs/flowcharts.md)."""
    change_control: ChangeControl = ChangeControl()
    """Who may sign which approval roles of a revision, and the form the distribution log is printed on."""
    severity: dict[Annotated[str, Field(pattern=r"^PC\d{3}$")], Literal["error", "warning", "ignore"]] = {}
    """Per-code severity overrides, e.g. PC311: ignore."""
    page: Paper = "A4"
    """Paper of procedures and forms: A4 or Letter; a form may set its own `page`."""
    logo: Text | None = None
    """Company logo printed in the header of every procedure and form, above the company name: a PNG, JPEG or
    GIF file in the project, e.g. templates/logo.png."""
    output_names: Literal["readable", "portable"] = "readable"
    """readable: output files named by code, version and title as printed; portable: spaces and characters
    a shell or URL treats specially (, & ( ) ' …) become `-`, for scripts and web servers."""

    def department(self, dept_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == dept_id), None)
