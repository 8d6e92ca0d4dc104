"""Change control on top of the check: release, lock, review and retire edit YAML in place; diff compares versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Severity
from proccompile.load.house_edit import edited_bytes
from proccompile.model import Corpus, Document, Form, Procedure
from proccompile.model.lock import LOCK_NAME
from proccompile.pipeline import CheckResult, check_project

if TYPE_CHECKING:
    from proccompile.lifecycle.compare import Side
    from proccompile.lifecycle.release import Release, ReleaseRequest
    from proccompile.lifecycle.semantic import Change
    from proccompile.model.control import ReviewResult


@dataclass
class LifecycleResult:
    """Outcome of `release`, `lock`, `review` and `retire`: the check, what the edit would leave, what was written."""

    check: CheckResult
    after: CheckResult | None = None
    """The project as the edit would leave it; nothing is written when it has errors."""
    written: list[Path] = field(default_factory=list)
    release: Release | None = None
    adopted: list[str] = field(default_factory=list)


def find_document(corpus: Corpus, code: str) -> Document[Procedure] | Document[Form]:
    """The procedure or form ``code``; UsageError (exit 1) naming the closest code when there is none."""
    from proccompile.diagnostics.suggest import did_you_mean
    from proccompile.diagnostics.usage import UsageError

    doc = corpus.procedure(code) or corpus.form(code)
    if doc is None:
        codes = [d.model.code for d in corpus.documents()]
        raise UsageError(f"`{code}` is not a procedure or form of this project", exit_code=1,
                         help=did_you_mean(code, codes) or "List them with `proccompile register --format md -o -`")
    return doc


def release_project(root: Path, code: str, request: ReleaseRequest) -> LifecycleResult:
    """Check, release ``code`` as ``request`` asks, check the result, then write the file and the lock."""
    from proccompile.lifecycle.lockfile import adopt, current_entries, render_lock
    from proccompile.lifecycle.release import plan_release
    from proccompile.load.source import to_plain
    from proccompile.model.fingerprint import fingerprint

    checked = check_project(root)
    doc = find_document(checked.corpus, code) if not blocking(checked, code) else None
    if doc is None:
        return LifecycleResult(checked)
    corpus = checked.corpus
    release = plan_release(doc, corpus.config, request)
    entries = current_entries(corpus)
    adopted = adopt(corpus, entries) if corpus.lock is None else []
    entries.setdefault(release.code, {})[release.version] = fingerprint(to_plain(release.tree))
    edits = {doc.source.path: edited_bytes(doc.source, release.tree),
             root / LOCK_NAME: render_lock(entries, corpus.config.versions)}
    return apply_edits(root, checked, edits, LifecycleResult(checked, release=release, adopted=adopted))


def blocking(checked: CheckResult, code: str) -> bool:
    """Whether errors stop a release of ``code``; its own unreleased edits (PC407) are what a release is for."""
    doc = checked.corpus.procedure(code) or checked.corpus.form(code)
    mine = doc.source.rel if doc else None
    return any(d.severity is Severity.ERROR and not (d.code.id == "PC407" and d.span.path == mine)
               for d in checked.diagnostics)


def lock_project(root: Path) -> LifecycleResult:
    """Add every released version not yet in the lock file; existing entries are never changed."""
    from proccompile.lifecycle.lockfile import adopt, current_entries, render_lock

    checked = check_project(root)
    # A lock entry that does not parse is dropped and re-adopted: that is how a broken lock is repaired.
    if any(d.severity is Severity.ERROR and d.code.id != "PC410" for d in checked.diagnostics):
        return LifecycleResult(checked)
    entries = current_entries(checked.corpus)
    adopted = adopt(checked.corpus, entries)
    edits = {root / LOCK_NAME: render_lock(entries, checked.corpus.config.versions)}
    return apply_edits(root, checked, edits, LifecycleResult(checked, adopted=adopted))


def apply_edits(root: Path, checked: CheckResult, edits: dict[Path, bytes], result: LifecycleResult) -> LifecycleResult:
    """Check the project as ``edits`` would leave it; write them (atomically, changed files only) when clean."""
    from proccompile.write.atomic import write_atomic
    from proccompile.write.guard import NOTHING, refuse_targets

    result.after = check_project(root, overlay=edits)
    if result.after.diagnostics.has_errors:
        return result
    # An edit goes to the file a source link points at (load made sure it is inside the project), and
    # every file is judged before the first is written.
    targets = {path: edit_target(root, path) for path in edits}
    refuse_targets(targets.values(), NOTHING)
    for path, data in edits.items():
        target = targets[path]
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)
            result.written.append(path)
    return result


def edit_target(root: Path, path: Path) -> Path:
    """The file an in-place edit of the project file ``path`` writes: ``path``, or the file its link points at
    inside the project; UsageError when it leads outside."""
    from proccompile.diagnostics.usage import UsageError

    if not path.is_symlink():
        return path
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise UsageError(f"`{path}` links outside the project folder; refusing to edit it")
    return target


@dataclass
class DiffResult:
    check: CheckResult
    old: Side
    new: Side
    changes: list[Change]


def diff_project(root: Path, code: str, from_rev: str | None, to_rev: str | None) -> DiffResult:
    """The semantic changes of ``code`` between two revisions (default: the previous release → the working tree)."""
    from proccompile.lifecycle.compare import default_from, resolve
    from proccompile.lifecycle.semantic import semantic_diff

    checked = check_project(root)
    current = find_document(checked.corpus, code)
    new = resolve(root, checked.corpus, current, to_rev)
    old = resolve(root, checked.corpus, current, from_rev or default_from(checked.corpus, new.doc))
    from proccompile.model.display import department_name

    changes = semantic_diff(old.doc.model, new.doc.model, lambda dept: department_name(checked.corpus, dept))
    return DiffResult(checked, old, new, changes)


def redline_project(root: Path, diff: DiffResult) -> bytes | None:
    """The newer side as a Word document with tracked changes against the older; None when the project has
    errors (other than the document's own unreleased edits) or rendering fails."""
    from proccompile.render.redline import redline

    if blocking(diff.check, diff.new.doc.model.code):
        return None
    return redline(diff.check.corpus, root, diff.old.doc, diff.new.doc, diff.check.diagnostics)


def review_project(root: Path, code: str, by: str, date: dt.date, result: ReviewResult,
                   note: str | None) -> LifecycleResult:
    """Record a periodic review of ``code`` (no new version), after checking the project."""
    from proccompile.lifecycle.control import plan_review

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return LifecycleResult(checked)
    doc = find_document(checked.corpus, code)
    tree = plan_review(doc, by, date, result, note)
    return apply_edits(root, checked, {doc.source.path: edited_bytes(doc.source, tree)}, LifecycleResult(checked))


def retire_project(root: Path, code: str, reason: str, date: dt.date) -> LifecycleResult:
    """Withdraw ``code``; refused while released documents still reference it (the findings name them)."""
    from proccompile.lifecycle.control import plan_retire

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return LifecycleResult(checked)
    doc = find_document(checked.corpus, code)
    tree = plan_retire(doc, reason, date)
    return apply_edits(root, checked, {doc.source.path: edited_bytes(doc.source, tree)}, LifecycleResult(checked))
