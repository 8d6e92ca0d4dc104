"""Validate stage: closed-world checks over the whole corpus; findings go into the Diagnostics bag."""

from __future__ import annotations

from collections.abc import Callable

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.validate import (
    audit,
    departments,
    document_control,
    files,
    identity,
    independence,
    layout,
    lifecycle,
    outputs,
    records,
    references,
    wording,
)

Check = Callable[[Corpus, Diagnostics], None]

# Output is sorted by position, so this order only groups the checks for reading.
CHECKS: tuple[Check, ...] = (
    identity.code_pattern,
    identity.duplicate_code,
    departments.unknown_department,
    departments.unknown_auditor_department,
    departments.external_auditor,
    departments.unknown_plan_department,
    departments.owner_without_duty,
    departments.owner_department_without_duty,
    references.unknown_form,
    references.unknown_document,
    references.pinned_reference,
    references.obsolete_references,
    references.unknown_programme_procedure,
    records.record_not_listed,
    records.record_not_produced,
    records.unused_form,
    records.retention,
    records.keeper_conflict,
    records.permanent_with_period,
    wording.immediate_with_limit,
    wording.before_without_anchor,
    audit.exclusions,
    audit.plan_date,
    audit.audit_forms,
    audit.clause_leads,
    audit.group_members,
    independence.auditors_cannot_cover,
    files.attachment_files,
    document_control.version_scheme,
    document_control.revision_history,
    document_control.date_order,
    document_control.approvals,
    outputs.output_names,
    outputs.property_lengths,
    lifecycle.released_content,
    lifecycle.locked_document_missing,
    lifecycle.review_overdue,
    lifecycle.withdrawal,
    lifecycle.distribution,
    layout.form_layout,
    files.logo_file,
)


def run_checks(corpus: Corpus, bag: Diagnostics) -> None:
    for check in CHECKS:
        check(corpus, bag)
