"""Validate stage: closed-world checks over the whole corpus; findings go into the Diagnostics bag."""

from __future__ import annotations

from collections.abc import Callable

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.validate import (
    audit,
    chapters,
    departments,
    document_control,
    files,
    flow,
    identity,
    independence,
    layout,
    lifecycle,
    outputs,
    records,
    references,
    release_ready,
    revision,
    wording,
)

Check = Callable[[Corpus, Diagnostics], None]

# Output is sorted by position, so the order within each tuple only groups the checks for reading.

# Each document on its own, with the config: they read `corpus.documents()` (full models, of every type)
# and report only in that document's file, so their findings can be kept per file and content hash.
DOCUMENT_CHECKS: tuple[Check, ...] = (
    identity.code_pattern,
    identity.unknown_company,
    departments.unknown_department,
    departments.owner_without_duty,
    departments.owner_department_without_duty,
    records.record_not_listed,
    records.record_not_produced,
    records.minimum_retention,
    records.retention_event,
    wording.immediate_with_limit,
    wording.before_without_anchor,
    chapters.chapter_order,
    chapters.free_chapter_places,
    chapters.chapter_numbers,
    chapters.manual_clauses,
    audit.excluded_citations,
    flow.flow_references,
    flow.decisions,
    flow.reachability,
    flow.chart_lanes,
    document_control.version_scheme,
    document_control.revision_history,
    document_control.date_order,
    document_control.approvals,
    outputs.property_lengths,
    lifecycle.withdrawal,
    lifecycle.distribution,
    lifecycle.distribution_gap,
    revision.open_revisions,
    release_ready.placeholders,
    layout.form_layout,
    files.logo_file,
)

# The config, and the corpus as a whole: they read the config, `corpus.named` (every document's name
# table), the lock file, the date and the attached files, and run on every check.
PROJECT_CHECKS: tuple[Check, ...] = (
    identity.duplicate_code,
    departments.unknown_auditor_department,
    departments.external_auditor,
    departments.unknown_plan_department,
    references.unknown_form,
    references.unknown_document,
    references.pinned_reference,
    references.obsolete_references,
    references.unknown_programme_procedure,
    references.internal_as_external,
    records.unused_form,
    records.retention_unknown,
    records.keeper_conflict,
    records.permanent_with_period,
    files.attachment_files,
    outputs.output_names,
    outputs.company_length,
    lifecycle.released_content,
    lifecycle.locked_document_missing,
    lifecycle.review_overdue,
    lifecycle.replacement,
    revision.in_force_copies,
    release_ready.cites_draft,
    release_ready.dated_in_future,
    audit.exclusions,
    audit.plan_date,
    audit.audit_forms,
    audit.clause_leads,
    audit.group_members,
    independence.auditors_cannot_cover,
)

CHECKS: tuple[Check, ...] = DOCUMENT_CHECKS + PROJECT_CHECKS


def run_document_checks(corpus: Corpus, bag: Diagnostics) -> None:
    for check in DOCUMENT_CHECKS:
        check(corpus, bag)


def run_project_checks(corpus: Corpus, bag: Diagnostics) -> None:
    for check in PROJECT_CHECKS:
        check(corpus, bag)


def run_checks(corpus: Corpus, bag: Diagnostics) -> None:
    for check in CHECKS:
        check(corpus, bag)
