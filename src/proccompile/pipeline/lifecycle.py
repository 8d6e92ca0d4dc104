"""Change control on top of the check: release, lock, review and retire edit YAML in place.

Every command here holds the project's lock (the one builds use), first finishes an edit a killed run
left half done, checks the project, plans its edit, checks the project as the edit would leave it,
and then writes every file of the edit — documents, the lock file, a log — together or not at all.
Revisions (revise, approve, reject) are in revision.py, diffs in diffs.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostic, Diagnostics, Severity
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.lock import LOCK_NAME
from proccompile.pipeline import CheckResult, check_project, guard_outputs

if TYPE_CHECKING:
    from proccompile.lifecycle.release import Release, ReleaseRequest
    from proccompile.lifecycle.revision import Opened
    from proccompile.model.control import ReviewResult
    from proccompile.write.transaction import Recovered

AnyDoc = AnyDocument


@dataclass(frozen=True)
class LogTarget:
    """A distribution and recall log to write with the edit: the file and its format (xlsx, docx, csv, md)."""

    path: Path
    fmt: str


@dataclass
class LifecycleResult:
    """Outcome of a change-control command: the check, what the edit would leave, what was written."""

    check: CheckResult
    after: CheckResult | None = None
    """The project as the edit would leave it; nothing is written when it has errors."""
    refusals: Diagnostics | None = None
    """Why the release gate refused (each an error located in the document); nothing is written then."""
    edited: list[Path] = field(default_factory=list)
    """The project files the edit changes (written or not)."""
    written: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    release: Release | None = None
    opened: Opened | None = None
    adopted: list[str] = field(default_factory=list)
    recovered: Recovered | None = None
    """An edit a killed run left half done, finished before this command started."""
    introduced: list[Diagnostic] = field(default_factory=list)
    """Warnings the edit brings that the project did not have (a form left unused by a withdrawal)."""
    notes: list[str] = field(default_factory=list)


def find_document(corpus: Corpus, code: str) -> AnyDoc:
    """The document ``code``, of any type; UsageError (exit 1) naming the closest code when there is none."""
    from proccompile.diagnostics.suggest import did_you_mean
    from proccompile.diagnostics.usage import UsageError

    doc = corpus.document(code)
    if doc is None:
        codes = [d.model.code for d in corpus.documents()]
        raise UsageError(f"`{code}` is not a document of this project", exit_code=1,
                         help=did_you_mean(code, codes) or "List them with `proccompile register --format md -o -`")
    return doc


@contextmanager
def exclusive(root: Path) -> Iterator[Recovered | None]:
    """Hold the project's lock (one change-control command or build at a time edits it) and first finish an
    edit a killed run left half done."""
    from proccompile.write.guard import build_lock
    from proccompile.write.transaction import recover

    with build_lock(root):
        yield recover(root)


def lifecycle_check(root: Path, overlay: dict[Path, bytes] | None = None) -> CheckResult:
    """The check a change-control command runs: dates to come are judged at SOURCE_DATE_EPOCH, else today."""
    from proccompile.model.dates import reference_date

    return check_project(root, reference_date(None, clock=True), overlay=overlay)


def release_project(root: Path, code: str, request: ReleaseRequest, log: LogTarget | None = None) -> LifecycleResult:
    """Check, release ``code`` as ``request`` asks (refused by the release gate when it may not be), check the
    result, then write the file, the lock, the recall log and drop the stored copy of the old version."""
    from proccompile.lifecycle.gate import release_refusals, released_refusals
    from proccompile.lifecycle.lockfile import adopt, current_entries, render_lock
    from proccompile.lifecycle.release import plan_release
    from proccompile.lifecycle.revision import in_force_path
    from proccompile.load.house_edit import edited_bytes
    from proccompile.load.source import to_plain
    from proccompile.model.fingerprint import fingerprint

    _judge_log(root, log)
    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        result = LifecycleResult(checked, recovered=recovered)
        if blocking(checked, code):
            return result
        corpus = checked.corpus
        doc = find_document(corpus, code)
        in_force = corpus.in_force.get(code) if doc.model.open_revision is not None else unchanged(corpus, doc)
        refusals = release_refusals(corpus, doc, in_force, request)
        if refusals.has_errors:
            result.refusals = refusals
            return result
        release = plan_release(doc, corpus.config, request)
        entries = current_entries(corpus)
        result.adopted = adopt(corpus, entries) if corpus.lock is None else []
        entries.setdefault(release.code, {})[release.version] = fingerprint(to_plain(release.tree))
        edits: dict[Path, bytes | None] = {doc.source.path: edited_bytes(doc.source, release.tree),
                                           root / LOCK_NAME: render_lock(entries, corpus.config.versions)}
        stored = in_force_path(root, doc)
        if stored.exists():
            edits[stored] = None
        result.release = release
        return apply_edits(root, edits, result, _recall_log(root, code, log),
                           refuse=lambda after: released_refusals(after.diagnostics, doc.source.rel))


def unchanged(corpus: Corpus, doc: AnyDoc) -> AnyDoc | None:
    """``doc`` itself when it still holds its locked released content (so a new version would change
    nothing), else None: what changed cannot be told from the lock alone."""
    from proccompile.model.fingerprint import same_content

    model = doc.model
    entry = corpus.lock.versions(model.code).get(model.version) if corpus.lock else None
    if entry is not None and same_content(doc.source.data, entry.fingerprint, form=doc.kind == "form"):
        return doc
    return None


def blocking(checked: CheckResult, code: str) -> bool:
    """Whether errors stop a release of ``code``; its own unreleased edits (PC407) are what a release is for."""
    doc = checked.corpus.document(code)
    mine = doc.source.rel if doc else None
    return any(d.severity is Severity.ERROR and not (d.code.id == "PC407" and d.span.path == mine)
               for d in checked.diagnostics)


def lock_project(root: Path) -> LifecycleResult:
    """Add every released version not yet in the lock file; existing entries are never changed."""
    from proccompile.lifecycle.lockfile import adopt, current_entries, render_lock

    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        result = LifecycleResult(checked, recovered=recovered)
        # A lock entry that does not parse is dropped and re-adopted: that is how a broken lock is repaired.
        if any(d.severity is Severity.ERROR and d.code.id != "PC410" for d in checked.diagnostics):
            return result
        entries = current_entries(checked.corpus)
        result.adopted = adopt(checked.corpus, entries)
        edits: dict[Path, bytes | None] = {root / LOCK_NAME: render_lock(entries, checked.corpus.config.versions)}
        return apply_edits(root, edits, result)


def apply_edits(root: Path, edits: dict[Path, bytes | None], result: LifecycleResult,
                outputs: Callable[[CheckResult], dict[Path, bytes]] | None = None,
                refuse: Callable[[CheckResult], Diagnostics] | None = None) -> LifecycleResult:
    """Check the project as ``edits`` (None: delete the file) would leave it; when clean (and ``refuse`` finds
    nothing in it), add the ``outputs`` rendered from that project, and write every changed file together
    (write/transaction.py)."""
    from proccompile.write.guard import NOTHING, refuse_targets
    from proccompile.write.transaction import commit

    result.edited = list(edits)
    result.after = lifecycle_check(root, overlay={p: d for p, d in edits.items() if d is not None})
    if result.after.diagnostics.has_errors:
        return result
    refusals = refuse(result.after) if refuse is not None else None
    if refusals is not None and refusals.has_errors:
        result.refusals = refusals
        return result
    if outputs is not None:
        edits = {**edits, **outputs(result.after)}
        if result.after.diagnostics.has_errors:  # a broken project template (PC501): write nothing
            return result
    # An edit goes to the file a source link points at (load made sure it is inside the project), and
    # every file is judged before the first is written.
    targets = {path: edit_target(root, path) for path in edits}
    refuse_targets([targets[path] for path, data in edits.items() if data is not None], NOTHING)
    changed = {targets[path]: data for path, data in edits.items()
               if (data is None and path.exists()) or (data is not None and not _holds(targets[path], data))}
    commit(root, changed)
    result.written = [path for path, data in changed.items() if data is not None]
    result.deleted = [path for path, data in changed.items() if data is None]
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


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.read_bytes() == data
    except OSError:
        return False


def _judge_log(root: Path, log: LogTarget | None) -> None:
    """Refuse a log target that is a project input, not a regular file or not writable, before anything is
    done (the one output guard every command goes through)."""
    if log is not None:
        guard_outputs(root, [log.path])


def _recall_log(root: Path, code: str, log: LogTarget | None) -> Callable[[CheckResult], dict[Path, bytes]] | None:
    if log is None:
        return None

    def render(after: CheckResult) -> dict[Path, bytes]:
        from proccompile.audit.books import recall_book
        from proccompile.render.tabular import render_book

        book = recall_book(after.corpus, root, after.diagnostics, code)
        files = render_book(book, log.fmt, root, after.diagnostics, after.corpus.config.limits)
        out = log.path
        paths = [out if i == 0 else out.with_name(out.name.removesuffix(out.suffix) + suffix)
                 for i, (suffix, _) in enumerate(files)]
        for path in paths:
            _judge_log(root, LogTarget(path, log.fmt))
        return {path: data for path, (_, data) in zip(paths, files, strict=True)}

    return render


def review_project(root: Path, code: str, by: str, date: dt.date, result: ReviewResult,
                   note: str | None) -> LifecycleResult:
    """Record a periodic review of ``code`` (no new version); a review that finds a revision needed opens one
    (storing the version in force) unless one is open."""
    from proccompile.lifecycle.control import plan_review
    from proccompile.lifecycle.revision import RevisionRequest, in_force_path, plan_open
    from proccompile.load.house_edit import edited_bytes

    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        outcome = LifecycleResult(checked, recovered=recovered)
        if checked.diagnostics.has_errors:
            return outcome
        doc = find_document(checked.corpus, code)
        tree = None
        if result == "revise" and doc.model.open_revision is None and doc.model.status == "released":
            assert note is not None  # the command requires it
            outcome.opened = plan_open(root, checked.corpus, doc, RevisionRequest(change=note, date=date))
            tree = outcome.opened.tree
        reviewed = plan_review(doc, by, date, result, note, tree)
        edits: dict[Path, bytes | None] = {doc.source.path: edited_bytes(doc.source, reviewed)}
        if outcome.opened is not None and outcome.opened.in_force is not None:
            edits[in_force_path(root, doc)] = outcome.opened.in_force
        return apply_edits(root, edits, outcome)


def retire_project(root: Path, code: str, reason: str, date: dt.date, replaced_by: str | None = None,
                   log: LogTarget | None = None) -> LifecycleResult:
    """Withdraw ``code``; refused while released documents still reference it (the findings name them). Names
    what the withdrawal leaves behind: forms no document in force uses, clauses no procedure cites."""
    from proccompile.lifecycle.control import plan_retire
    from proccompile.load.house_edit import edited_bytes

    _judge_log(root, log)
    with exclusive(root) as recovered:
        checked = lifecycle_check(root)
        result = LifecycleResult(checked, recovered=recovered)
        if checked.diagnostics.has_errors:
            return result
        doc = find_document(checked.corpus, code)
        tree = plan_retire(doc, reason, date, replaced_by)
        result = apply_edits(root, {doc.source.path: edited_bytes(doc.source, tree)}, result,
                             _recall_log(root, code, log))
        if result.after is not None and not result.after.diagnostics.has_errors:
            before = {(d.code.id, d.span.path, d.message) for d in checked.diagnostics}
            result.introduced = [d for d in result.after.diagnostics if d.severity is Severity.WARNING
                                 and (d.code.id, d.span.path, d.message) not in before]
            result.notes = _uncited_clauses(checked.corpus, result.after.corpus)
        return result


def _uncited_clauses(before: Corpus, after: Corpus) -> list[str]:
    from proccompile.model.clauses import cited_clauses

    def cited(corpus: Corpus) -> set[str]:
        clauses: set[str] = set()
        for doc in corpus.procedures:
            if doc.model.status == "released":
                clauses.update(cited_clauses(doc.model))
        return clauses

    gone = sorted(cited(before) - cited(after), key=lambda c: [int(p) for p in c.split(".")])
    return [f"ISO 9001 clause {clause} is no longer cited by any released procedure" for clause in gone]
