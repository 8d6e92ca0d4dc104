"""Open revisions on top of the check: revise opens or cancels one, approve and reject record a signer's decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from proccompile.pipeline.lifecycle import (
    LifecycleResult,
    apply_edits,
    blocking,
    exclusive,
    find_document,
    lifecycle_check,
)

# The lifecycle stage is imported inside each function, like render: `check` never pays for ruamel edits.


def revise_project(root: Path, code: str, change: str, date: dt.date, *, request: str | None = None,
                   by: str | None = None, major: bool = False) -> LifecycleResult:
    """Open the next version of ``code`` beside the version in force, which is stored under `in-force/`."""
    from proccompile.lifecycle.revision import RevisionRequest, in_force_path, plan_open
    from proccompile.load.house_edit import edited_bytes

    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        result = LifecycleResult(checked, recovered=recovered)
        doc = find_document(checked.corpus, code) if not blocking(checked, code) else None
        if doc is None:
            return result
        opened = plan_open(root, checked.corpus, doc,
                           RevisionRequest(change=change, date=date, request=request, by=by, major=major))
        result.opened = opened
        edits: dict[Path, bytes | None] = {doc.source.path: edited_bytes(doc.source, opened.tree)}
        if opened.in_force is not None:
            edits[in_force_path(root, doc)] = opened.in_force
        return apply_edits(root, edits, result)


def cancel_revision(root: Path, code: str) -> LifecycleResult:
    """Close the open revision of ``code`` without releasing it; the stored copy of the version in force goes."""
    from proccompile.lifecycle.revision import in_force_path, plan_cancel
    from proccompile.load.house_edit import edited_bytes

    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        result = LifecycleResult(checked, recovered=recovered)
        if checked.diagnostics.has_errors:
            return result
        doc = find_document(checked.corpus, code)
        tree = plan_cancel(root, doc, checked.corpus.in_force.get(code))
        edits: dict[Path, bytes | None] = {doc.source.path: edited_bytes(doc.source, tree)}
        if in_force_path(root, doc).exists():
            edits[in_force_path(root, doc)] = None
        return apply_edits(root, edits, result)


def decide_project(root: Path, code: str, role: str, decision: str, by: str, date: dt.date, comment: str | None,
                   today: dt.date) -> LifecycleResult:
    """Record ``by``'s approval or rejection of the open revision of ``code`` in ``role``, bound to the content
    as it is now; who ran the command is recorded with it."""
    from proccompile.lifecycle.identity import operator
    from proccompile.lifecycle.revision import DecisionRequest, plan_decision
    from proccompile.load.house_edit import edited_bytes

    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        result = LifecycleResult(checked, recovered=recovered)
        if checked.diagnostics.has_errors:  # nobody signs content that does not even check
            return result
        doc = find_document(checked.corpus, code)
        tree = plan_decision(checked.corpus, doc, DecisionRequest(role, decision, by, date, comment, operator(root)),
                             today)
        return apply_edits(root, {doc.source.path: edited_bytes(doc.source, tree)}, result)
