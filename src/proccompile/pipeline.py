"""The one place that knows the stage order: discover → load → model → validate → render → write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostics, Severity, Span
from proccompile.load import SourceFile, discover, load_yaml
from proccompile.load.discover import FORM_DIR, PROCEDURE_DIR
from proccompile.load.paths import exists
from proccompile.load.project import load_sources
from proccompile.model import Corpus, ProjectConfig
from proccompile.model.build import build_corpus, model_config
from proccompile.validate import run_checks
from proccompile.validate.config import config_problems

if TYPE_CHECKING:  # the audit stage is imported lazily, like render, so `check` starts fast
    from proccompile.audit.where import WhereResult
    from proccompile.importer import Imported
    from proccompile.model.config import Auditor
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


def check_project(root: Path) -> CheckResult:
    """Load, model and validate the whole corpus, gathering every finding."""
    config, config_source, bag = load_config(root)
    files = discover(root)

    limit = config.limits.max_file_bytes
    procedures = load_sources(root, files.procedures, bag, max_bytes=limit)
    forms = load_sources(root, files.forms, bag, max_bytes=limit)
    # Cross-references are judged only after every file is modelled, so one run shows everything.
    corpus = build_corpus(config, config_source, procedures, forms, bag)
    run_checks(corpus, bag)
    paths = (config_source.rel, *(s.rel for s in procedures), *(s.rel for s in forms))
    return CheckResult(bag, corpus, paths)


def build_project(
    root: Path, out_dir: Path, progress: Callable[[int, int, str], None] | None = None
) -> BuildResult:
    """Check, then render and write; writes nothing when any error was found.

    ``progress(done, total, name)`` is called after each document is rendered.
    """
    # Imported here so `check` never pays for python-docx and lxml at start-up.
    from proccompile.render import render_corpus
    from proccompile.write import write_build
    from proccompile.write.guard import refuse_folder_target

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
    refuse_folder_target(out_dir, _protected(root))
    total = len(checked.corpus.procedures) + len(checked.corpus.forms)
    done = iter(range(1, total + 1))
    on_rendered = (lambda name: progress(next(done), total, name)) if progress else None
    rendered = render_corpus(checked.corpus, root, checked.diagnostics, on_rendered)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
    return BuildResult(checked, write_build(out_dir, rendered))


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
    from proccompile.write.guard import refuse_file_target

    files = render_book(book, fmt, root, checked.diagnostics)
    if checked.diagnostics.has_errors:  # a broken project template (PC501): write nothing
        return AuditResult(checked)
    if out is None:  # stdout: one table at most, since several csv tables in a row cannot be parsed
        return AuditResult(checked, text=files[0][1].decode("utf-8-sig"))
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
