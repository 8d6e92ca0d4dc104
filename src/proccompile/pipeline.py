"""The one place that knows the stage order: discover → load → model → validate → render → write."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostics, Severity, Span
from proccompile.load import SourceFile, discover, load_yaml
from proccompile.model import Corpus, ProjectConfig
from proccompile.model.build import build_corpus, model_config
from proccompile.validate import run_checks
from proccompile.validate.config import config_problems

if TYPE_CHECKING:  # the audit stage is imported lazily, like render, so `check` starts fast
    from proccompile.audit.where import WhereResult
    from proccompile.model.config import Auditor
    from proccompile.render import RenderedFile
    from proccompile.views.tables import Book


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
    if not path.exists():
        bag.add("PC001", "The project folder has no proccompile.yaml", Span("proccompile.yaml"))
        raise ConfigError(bag)
    source = load_yaml(path, path.name, bag)
    config = model_config(source, bag)
    if config is None:
        raise ConfigError(bag)
    config_problems(config, source, bag)
    if bag.has_errors:
        raise ConfigError(bag)
    bag.overrides = {code_id: Severity(value) for code_id, value in config.severity.items()}
    return config, source, bag


def check_project(root: Path) -> CheckResult:
    """Load, model and validate the whole corpus, gathering every finding."""
    config, config_source, bag = load_config(root)
    files = discover(root)

    def load_all(paths: tuple[Path, ...]) -> list[SourceFile]:
        limit = config.limits.max_file_bytes
        return [load_yaml(p, p.relative_to(root).as_posix(), bag, max_bytes=limit) for p in paths]

    procedures, forms = load_all(files.procedures), load_all(files.forms)
    # Cross-references are judged only after every file is modelled, so one run shows everything.
    corpus = build_corpus(config, config_source, procedures, forms, bag)
    run_checks(corpus, bag)
    paths = (config_source.rel, *(s.rel for s in procedures), *(s.rel for s in forms))
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

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
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


def register_project(root: Path, out: Path | None, fmt: str) -> AuditResult:
    """Check, then write the registers: documents, records, responsibility matrix, external documents."""
    from proccompile.audit.books import register_book

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return AuditResult(checked)
    return _render_and_write(checked, register_book(checked.corpus, root, checked.diagnostics), root, out, fmt)


def _render_and_write(checked: CheckResult, book: Book, root: Path, out: Path | None, fmt: str) -> AuditResult:
    from proccompile.render.tabular import render_book
    from proccompile.write.atomic import write_atomic

    files = render_book(book, fmt, root, checked.diagnostics)
    if checked.diagnostics.has_errors:  # a broken project template (PC501): write nothing
        return AuditResult(checked)
    if out is None:  # stdout: one table at most, since several csv tables in a row cannot be parsed
        return AuditResult(checked, text=files[0][1].decode("utf-8"))
    paths = [out if i == 0 else out.with_name(out.name.removesuffix(out.suffix) + suffix)
             for i, (suffix, _) in enumerate(files)]
    for path, (_, data) in zip(paths, files, strict=True):
        write_atomic(path, data)
    return AuditResult(checked, paths)


def where_project(root: Path, code: str) -> tuple[CheckResult, WhereResult]:
    """Check, then find every reference to ``code``; answers even when check has findings."""
    from proccompile.audit.where import where_used

    checked = check_project(root)
    return checked, where_used(checked.corpus, code)
