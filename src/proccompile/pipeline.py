"""The one place that knows the stage order: discover → load → model → validate → render → write."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostics, Severity, Span
from proccompile.load import SourceFile, discover, dump_source, load_yaml
from proccompile.load.discover import FORM_DIR, PROCEDURE_DIR
from proccompile.load.paths import exists
from proccompile.load.project import load_sources
from proccompile.model import Corpus, Document, Form, Procedure, ProjectConfig
from proccompile.model.build import build_corpus, model_config
from proccompile.model.lock import LOCK_NAME, parse_lock
from proccompile.validate import run_checks
from proccompile.validate.config import config_problems

if TYPE_CHECKING:  # the audit stage is imported lazily, like render, so `check` starts fast
    from proccompile.audit.where import WhereResult
    from proccompile.importer import Imported
    from proccompile.lifecycle.compare import Side
    from proccompile.lifecycle.release import Release, ReleaseRequest
    from proccompile.lifecycle.semantic import Change
    from proccompile.model.config import Auditor
    from proccompile.model.control import ReviewResult
    from proccompile.render import RenderedFile
    from proccompile.views.tables import Book
    from proccompile.write.guard import Protected


class ConfigError(Exception):
    """The project config is missing or invalid; nothing else can be checked (exit 2)."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__("invalid project configuration")
        self.diagnostics = diagnostics


@dataclass
class CheckResult:
    diagnostics: Diagnostics
    corpus: Corpus
    paths: tuple[str, ...]
    """Project-relative POSIX paths of every file checked: the config first, then procedures and forms."""

    @property
    def files(self) -> int:
        return len(self.paths)


@dataclass
class BuildResult:
    check: CheckResult
    outputs: list[Path] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    """Output paths (relative, POSIX) rendered by this build; the other outputs were already up to date."""


def load_config(root: Path) -> tuple[ProjectConfig, SourceFile, Diagnostics]:
    """Load and model ``proccompile.yaml``; raises ConfigError with located findings."""
    bag = Diagnostics()
    path = discover(root).config
    if not exists(path):  # a broken link is there, and is reported as such by load_yaml
        bag.add("PC001", "The project folder has no proccompile.yaml", Span("proccompile.yaml"))
        raise ConfigError(bag)
    source = load_yaml(path, path.name, bag, root=root)
    config = model_config(source, bag)
    if config is None:
        raise ConfigError(bag)
    config_problems(config, source, bag)
    if bag.has_errors:
        raise ConfigError(bag)
    bag.overrides = {code_id: Severity(value) for code_id, value in config.severity.items()}
    return config, source, bag


def check_project(root: Path, today: dt.date | None = None, overlay: Mapping[Path, bytes] | None = None) -> CheckResult:
    """Load, model and validate the whole corpus, gathering every finding.

    ``today`` is the day reviews are judged at; without it review dates are not checked. ``overlay``
    gives files' would-be bytes, so an edit is checked before it is written.
    """
    config, config_source, bag = load_config(root)
    files = discover(root)
    overlay = overlay or {}

    limit = config.limits.max_file_bytes
    procedures = load_sources(root, files.procedures, bag, max_bytes=limit, overlay=overlay)
    forms = load_sources(root, files.forms, bag, max_bytes=limit, overlay=overlay)
    # Cross-references are judged only after every file is modelled, so one run shows everything.
    corpus = build_corpus(config, config_source, procedures, forms, bag)
    corpus.today = today
    lock_path = root / LOCK_NAME
    if exists(lock_path) or lock_path in overlay:
        lock_source = load_yaml(lock_path, LOCK_NAME, bag, root=root, raw=overlay.get(lock_path))
        corpus.lock = parse_lock(lock_source, config.versions, bag)
    run_checks(corpus, bag)
    paths = (config_source.rel, *(s.rel for s in procedures), *(s.rel for s in forms))
    if corpus.lock is not None:
        paths += (LOCK_NAME,)
    return CheckResult(bag, corpus, paths)


def default_jobs() -> int:
    """Worker processes when none are asked for: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_project(
    root: Path, out_dir: Path, progress: Callable[[int, int, str], None] | None = None, *,
    jobs: int | None = None, force: bool = False,
) -> BuildResult:
    """Check, then render and write what changed; writes nothing when any error was found.

    An output is rendered again only when the hash of its inputs differs from the one the manifest in
    ``out_dir`` records, or the file there is not what was written (``force`` renders all). ``jobs``
    worker processes render (default: the cores); the bytes are the same whatever the count.
    ``progress(done, total, name)`` is called after each document is rendered.
    """
    # Imported here so `check` never pays for python-docx and lxml at start-up.
    from proccompile import render
    from proccompile.write import read_previous, write_build
    from proccompile.write.guard import refuse_folder_target

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
    refuse_folder_target(out_dir, _protected(root))
    inputs = render.corpus_inputs(checked.corpus, root)
    last = None if force else read_previous(out_dir)
    if last is not None and last.complete and last.inputs == inputs:  # nothing changed: not even views
        return BuildResult(checked, [out_dir / relpath for relpath in sorted(last.outputs)])
    plan = render.plan_corpus(checked.corpus, root, checked.diagnostics)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
    previous = last.outputs if last is not None else {}
    stale = [f for f in plan.files if f.relpath not in previous or previous[f.relpath].inputs != f.inputs]
    stale_paths = {f.relpath for f in stale}
    kept = [(f, previous[f.relpath].sha256) for f in plan.files if f.relpath not in stale_paths]
    rendered: list[str] = []

    def announced(files: Iterator[RenderedFile]) -> Iterator[RenderedFile]:
        for file in files:
            rendered.append(file.relpath)
            if progress is not None:
                progress(len(rendered), len(stale), file.relpath)
            yield file

    outputs = write_build(out_dir, announced(plan.render(stale, jobs or default_jobs())), kept, inputs)
    return BuildResult(checked, outputs, rendered)


@dataclass
class AuditResult:
    """Outcome of `checklist` and `register`: the check, and the files written (or the text for stdout)."""

    check: CheckResult
    outputs: list[Path] = field(default_factory=list)
    text: str | None = None


def checklist_project(root: Path, out: Path | None, fmt: str, *, view: str = "procedure",
                      procedures: tuple[str, ...] = (), auditors: list[Auditor] | None = None,
                      coverage_only: bool = False) -> AuditResult:
    """Check, derive the audit checklist (or clause coverage), render it, write it; nothing when check fails.

    ``out`` None returns text formats in ``text`` instead of writing. Raises UsageError (from audit/) for
    problems with the command's options, such as an unknown ``--procedure``.
    """
    from proccompile.audit.books import checklist_book

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return AuditResult(checked)
    book = checklist_book(checked.corpus, root, checked.diagnostics, view=view, codes=procedures,
                          auditors=auditors, coverage_only=coverage_only)
    return _render_and_write(checked, book, root, out, fmt)


def register_project(root: Path, out: Path | None, fmt: str, today: dt.date | None = None) -> AuditResult:
    """Check, then write the registers: documents, records, responsibility matrix, external documents, and
    the distribution and recall log; rows past their next review are flagged when ``today`` is given."""
    from proccompile.audit.books import register_book

    checked = check_project(root, today)
    if checked.diagnostics.has_errors:
        return AuditResult(checked)
    return _render_and_write(checked, register_book(checked.corpus, root, checked.diagnostics), root, out, fmt)


def _render_and_write(checked: CheckResult, book: Book, root: Path, out: Path | None, fmt: str) -> AuditResult:
    from proccompile.render.tabular import render_book
    from proccompile.write.atomic import write_atomic
    from proccompile.write.guard import refuse_file_target

    files = render_book(book, fmt, root, checked.diagnostics)
    if checked.diagnostics.has_errors:  # a broken project template (PC501): write nothing
        return AuditResult(checked)
    if out is None:  # stdout: one table at most, since several csv tables in a row cannot be parsed
        return AuditResult(checked, text=files[0][1].decode("utf-8"))
    paths = [out if i == 0 else out.with_name(out.name.removesuffix(out.suffix) + suffix)
             for i, (suffix, _) in enumerate(files)]
    for path in paths:  # every target is judged before the first is written
        refuse_file_target(path, _protected(root))
    for path, (_, data) in zip(paths, files, strict=True):
        write_atomic(path, data)
    return AuditResult(checked, paths)


def _protected(root: Path) -> Protected:
    from proccompile.write.guard import Protected

    files = discover(root)
    return Protected(files=(files.config, root / "proccompile.lock"),
                     folders=(files.root / PROCEDURE_DIR, files.root / FORM_DIR, root / "templates"))


def where_project(root: Path, code: str) -> tuple[CheckResult, WhereResult]:
    """Check, then find every reference to ``code``; answers even when check has findings."""
    from proccompile.audit.where import where_used

    checked = check_project(root)
    return checked, where_used(checked.corpus, code)


@dataclass
class ImportResult:
    """Outcome of `import`: the config it mapped against, and per Word file a draft or why it could not be read."""

    config: ProjectConfig
    drafts: list[Imported] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def import_project(root: Path, files: list[tuple[Path, str]]) -> ImportResult:
    """Read each (path, name as given) Word procedure into a draft against the project's config and wording.

    Raises ConfigError when the project has no valid config: department names and codes cannot be mapped.
    """
    from proccompile.importer import Lookup, import_procedure
    from proccompile.views.wording import Texts

    config, _, bag = load_config(root)
    texts = Texts(root, config.language, bag)
    result = ImportResult(config)
    for path, name in files:
        try:
            result.drafts.append(import_procedure(path, name, Lookup(config, texts.label)))
        except ValueError as error:
            result.failures.append((name, str(error)))
    return result


@dataclass
class LifecycleResult:
    """Outcome of `release`, `lock`, `review` and `retire`: the check, what the edit would leave, what was written."""

    check: CheckResult
    after: Diagnostics | None = None
    """Findings of the project as the edit would leave it; nothing is written when it has errors."""
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
    doc = find_document(checked.corpus, code) if not _blocking(checked, code) else None
    if doc is None:
        return LifecycleResult(checked)
    corpus = checked.corpus
    release = plan_release(doc, corpus.config, request)
    entries = current_entries(corpus)
    adopted = adopt(corpus, entries) if corpus.lock is None else []
    entries.setdefault(release.code, {})[release.version] = fingerprint(to_plain(release.tree))
    edits = {doc.source.path: dump_source(doc.source, release.tree),
             root / LOCK_NAME: render_lock(entries, corpus.config.versions)}
    return _apply(root, checked, edits, LifecycleResult(checked, release=release, adopted=adopted))


def _blocking(checked: CheckResult, code: str) -> bool:
    """Whether errors stop a release of ``code``; its own unreleased edits (PC407) are what a release is for."""
    doc = checked.corpus.procedure(code) or checked.corpus.form(code)
    mine = doc.source.rel if doc else None
    return any(d.severity is Severity.ERROR and not (d.code.id == "PC407" and d.span.path == mine)
               for d in checked.diagnostics)


def recall_log_project(root: Path, code: str, out: Path, fmt: str) -> AuditResult:
    """Write the distribution and recall log of ``code``'s current version (after a release)."""
    from proccompile.audit.books import recall_book

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return AuditResult(checked)
    return _render_and_write(checked, recall_book(checked.corpus, root, checked.diagnostics, code), root, out, fmt)


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
    return _apply(root, checked, edits, LifecycleResult(checked, adopted=adopted))


def _apply(root: Path, checked: CheckResult, edits: dict[Path, bytes], result: LifecycleResult) -> LifecycleResult:
    """Check the project as ``edits`` would leave it; write them (atomically, changed files only) when clean."""
    from proccompile.write.atomic import write_atomic

    result.after = check_project(root, overlay=edits).diagnostics
    if result.after.has_errors:
        return result
    for path, data in edits.items():
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)
            result.written.append(path)
    return result


@dataclass
class SiteResult:
    check: CheckResult
    outputs: list[Path] = field(default_factory=list)


def site_project(root: Path, out_dir: Path, *, pdf: bool = False, jobs: int = 1) -> SiteResult:
    """Check, then render the documents and the static site into ``out_dir``; nothing is written on errors."""
    from proccompile.render import render_corpus
    from proccompile.render.site import render_site
    from proccompile.write.atomic import write_atomic
    from proccompile.write.pdf import export_pdfs

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return SiteResult(checked)
    documents = render_corpus(checked.corpus, root, checked.diagnostics)
    pages = render_site(checked.corpus, root, checked.diagnostics, documents, pdf=pdf)
    if checked.diagnostics.has_errors:
        return SiteResult(checked)
    written = []
    for item in [*((f"files/{d.relpath}", d.data) for d in documents), *((p.relpath, p.data) for p in pages)]:
        path = out_dir / item[0]
        write_atomic(path, item[1])
        written.append(path)
    if pdf:
        docx = [p for p in written if p.suffix == ".docx"]
        written += export_pdfs(docx, out_dir / "files" / "pdf", jobs)
    return SiteResult(checked, written)


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

    if _blocking(diff.check, diff.new.doc.model.code):
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
    return _apply(root, checked, {doc.source.path: dump_source(doc.source, tree)}, LifecycleResult(checked))


def retire_project(root: Path, code: str, reason: str, date: dt.date) -> LifecycleResult:
    """Withdraw ``code``; refused while released documents still reference it (the findings name them)."""
    from proccompile.lifecycle.control import plan_retire

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return LifecycleResult(checked)
    doc = find_document(checked.corpus, code)
    tree = plan_retire(doc, reason, date)
    return _apply(root, checked, {doc.source.path: dump_source(doc.source, tree)}, LifecycleResult(checked))
