"""The one place that knows the stage order: discover → load → model → validate → render → write.

The commands built on it live beside this module: audit.py (checklist, registers, where-used),
lifecycle.py (release, lock, diff, review, retire) and publish.py (import, site).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostic, Diagnostics, Severity, Span
from proccompile.diagnostics.records import from_records, to_records
from proccompile.load import SourceFile, discover, load_yaml
from proccompile.load.discover import CONFIG_NAME, IN_FORCE_DIR, LOCK_NAME
from proccompile.load.paths import exists
from proccompile.load.project import declared_folders, iter_sources
from proccompile.load.snapshot import build_input_files, content_hashes, inputs_digest, tool_fingerprint
from proccompile.load.source import LazySource
from proccompile.pipeline.checkcache import CachedFile, CheckCache, cache_context, read_cache, write_cache

if TYPE_CHECKING:
    # The model and validate stages (pydantic) are imported where a check runs, so a build with
    # nothing to do starts without them; render and write only when a build needs them.
    from proccompile.model import Corpus, ProjectConfig
    from proccompile.model.doctypes import DocumentType
    from proccompile.render import PlannedFile, RenderedFile
    from proccompile.write.guard import Protected
    from proccompile.write.manifest import Entry, Output, Previous


class ConfigError(Exception):
    """The project config is missing or invalid; nothing else can be checked (exit 2)."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__("invalid project configuration")
        self.diagnostics = diagnostics


@dataclass
class CheckSummary:
    """The findings of a check and the files it read, without the corpus (all a skipped check can replay)."""

    diagnostics: Diagnostics
    paths: tuple[str, ...]
    """Project-relative POSIX paths of every file checked: the config first, then procedures and forms."""

    @property
    def files(self) -> int:
        return len(self.paths)


@dataclass
class CheckResult(CheckSummary):
    corpus: Corpus


@dataclass
class BuildResult:
    check: CheckSummary
    outputs: list[Path] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    """Output paths (relative, POSIX) rendered by this build; the other outputs were already up to date."""


def load_config(root: Path) -> tuple[ProjectConfig, SourceFile, Diagnostics]:
    """Load and model ``proccompile.yaml``; raises ConfigError with located findings."""
    from proccompile.model.build import model_config
    from proccompile.validate.config import config_problems

    bag = Diagnostics()
    path = root / CONFIG_NAME
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


def check_project(root: Path, today: dt.date | None = None, overlay: Mapping[Path, bytes] | None = None, *,
                  cache: CheckCache | None = None, models: bool = True) -> CheckResult:
    """Load, model and validate the whole corpus, gathering every finding.

    ``today`` is the day reviews are judged at; without it review dates are not checked. ``overlay``
    gives files' would-be bytes, so an edit is checked before it is written. With ``cache`` (for this
    config: see ``checkcache.cache_context``), a file whose bytes it has results for is neither parsed nor
    modelled again, and the results of the others are added to it. ``models``: the corpus holds every
    document's model (what rendering needs); without, only name tables, and models are dropped once
    each document is checked, so memory holds little per document.
    """
    from proccompile.model.corpus import Corpus
    from proccompile.model.lock import parse_lock
    from proccompile.pipeline.in_force import interrupted_edit, load_in_force
    from proccompile.validate import run_project_checks

    config, config_source, bag = load_config(root)
    corpus = Corpus(config, config_source)
    files = discover(root, {t.id: t.folder for t in corpus.types})
    overlay = overlay or {}
    # Project templates are checked by rendering every document's view with them, which needs every model.
    models = models or (root / "templates").is_dir()
    fresh = Diagnostics(overrides=bag.overrides)
    cache = cache if cache is not None else CheckCache("")
    cache.start(cache_context(config_source.sha256))
    lock_path = root / LOCK_NAME
    locked = exists(lock_path) or lock_path in overlay

    def known(rel: str, sha256: str) -> bool | None:
        entry = cache.get(rel, sha256, models=models)
        return None if entry is None else entry.fast

    limit = config.limits.max_file_bytes
    # Each file is read, modelled and checked on its own before the next is read, so memory holds one
    # file's data at a time; cross-references are judged only after every file is read, from the name
    # tables, so one run shows everything.
    checked: list[str] = []
    made: list[tuple[str, CachedFile]] = []
    for doctype in corpus.types:
        listed = files.documents.get(doctype.id, ())
        for source in iter_sources(root, listed, fresh, max_bytes=limit, overlay=overlay, known=known):
            checked.append(source.rel)
            entry = _model_one(corpus, source, doctype, cache, bag, fresh, models=models, fingerprints=locked)
            if entry is not None:
                made.append((source.rel, entry))
    found = _by_path(fresh)
    for rel, entry in made:
        entry.findings = found.get(rel, ())
        cache.put(rel, entry)
    for finding in fresh:
        bag.restore(finding)
    cache.keep_only(set(checked))
    corpus.today = today
    if locked:
        lock_source = load_yaml(lock_path, LOCK_NAME, bag, root=root, raw=overlay.get(lock_path))
        corpus.lock = parse_lock(lock_source, config.versions, bag)
    in_force = load_in_force(root, corpus, bag, overlay, models=models)
    interrupted_edit(root, bag)
    run_project_checks(corpus, bag)
    if not bag.has_errors and (root / "templates").is_dir():
        # A project template that would fail the build is a finding now (rendered only where the project has
        # its own: a project without templates/ pays nothing).
        from proccompile.render.template_check import check_templates

        check_templates(corpus, root, bag)
    paths = (config_source.rel, *checked, *in_force)
    if corpus.lock is not None:
        paths += (LOCK_NAME,)
    return CheckResult(bag, paths, corpus)


def _model_one(corpus: Corpus, source: SourceFile, doctype: DocumentType, cache: CheckCache, bag: Diagnostics,
               fresh: Diagnostics, *, models: bool, fingerprints: bool) -> CachedFile | None:
    """Add ``source`` (a file in the folder of ``doctype``) to ``corpus`` from the cache, or model and check it
    alone; a new entry to cache, if any.

    Findings of a cached file go to ``bag``; those of a file modelled now to ``fresh``.
    """
    from proccompile.model.build import add_broken, declared_code, model_source
    from proccompile.model.corpus import NamedDoc
    from proccompile.model.fingerprint import content_fingerprints
    from proccompile.model.form import Form
    from proccompile.model.names import names_of
    from proccompile.validate import run_document_checks

    entry = cache.get(source.rel, source.sha256, models=models) if source.decoded else None
    if entry is not None and entry.names.kind == doctype.id:  # (another type only in a damaged cache)
        for finding in entry.findings:
            bag.restore(finding)
        doc = entry.document
        corpus.named.append(NamedDoc(entry.names, doc.source if doc is not None else
                                     source if models else LazySource.of(source)))
        if doc is not None and models:
            corpus.of_type(doc.kind).append(doc)
        return None
    doc, doctype = model_source(source, doctype, corpus.types, corpus.config, fresh)
    if doc is None:
        # Not cached: a file that failed is read again every time, so it is always judged as it is now.
        add_broken(corpus, doctype.id, source, declared_code(source))
        return None
    run_document_checks(corpus.alone(doc), fresh)
    taken = content_fingerprints(source.data, form=isinstance(doc.model, Form)) if fingerprints else ()
    names = names_of(doc, corpus, taken)
    source.forget_data()  # the model holds what later stages need; keep memory per document small
    corpus.named.append(NamedDoc(names, source if models else LazySource.of(source)))
    if models:
        corpus.of_type(doc.kind).append(doc)
    if not source.decoded:
        return None
    return CachedFile(source.sha256, source.fast, (), names, doc if models else None)


def _by_path(bag: Diagnostics) -> dict[str, tuple[Diagnostic, ...]]:
    found: dict[str, list[Diagnostic]] = {}
    for finding in bag:
        found.setdefault(finding.span.path, []).append(finding)
    return {path: tuple(items) for path, items in found.items()}


def check_cached(root: Path, today: dt.date | None = None) -> CheckSummary:
    """``check_project`` with the results of the last check kept in the project's build folder (see
    ``checkcache``), without models: only the files changed since are parsed and modelled."""
    cache = read_cache(root)
    result = check_project(root, today, cache=cache, models=False)
    write_cache(root, cache)
    return CheckSummary(result.diagnostics, result.paths)


def default_jobs() -> int:
    """Worker processes when none are asked for: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_project(
    root: Path, out_dir: Path, progress: Callable[[int, int, str], None] | None = None, *,
    jobs: int | None = None, force: bool = False, strict: bool = False, pdf: bool = False,
) -> BuildResult:
    """Check, then render and write what changed; writes nothing when any error was found.

    When no input file changed since the last build into ``out_dir`` (the hash of every file it read,
    and of the tool, equals the one its manifest records, and its outputs are intact), nothing is
    parsed: the findings that build's check recorded are reported again. Otherwise an output is
    rendered again only when the hash of its inputs differs from the one the manifest records, or the
    file there is not what was written (``force`` renders all). ``jobs`` worker processes render
    (default: the cores); the bytes are the same whatever the count. ``progress(done, total, name)``
    is called after each document is rendered. ``strict``: warnings stop the build as errors do.

    ``pdf`` also makes the PDF of every document (LibreOffice) whose PDF is missing or older than it; without
    it, PDFs an earlier build made of documents that have not changed stay. Whatever this build does not
    produce or keep (a deleted document, a superseded version, the PDF of either) is deleted.
    """
    from proccompile.write import read_previous, write_build
    from proccompile.write.guard import refuse_folder_target
    from proccompile.write.manifest import BuildRecord, Checked

    refuse_folder_target(out_dir, protected_paths(root))
    last = read_previous(out_dir)
    lacks_pdf = pdf and any(pdf_relpath(relpath) not in last.outputs for relpath in last.outputs
                            if relpath.endswith(".docx") and not relpath.startswith(("attachments/", "pdf/")))
    if not force and not lacks_pdf and last.complete and last.record.checked is not None:
        replayed = from_records(last.record.checked.findings)
        unchanged = inputs_digest(root, tool_fingerprint(), _input_hashes(root, last.record.attached))
        if replayed is not None and unchanged == last.record.inputs:
            summary = CheckSummary(replayed, tuple(last.record.checked.files))
            if replayed.fails(strict=strict):
                return BuildResult(summary)
            return BuildResult(summary, [out_dir / relpath for relpath in sorted(last.outputs)])
    checked = check_project(root)
    if checked.diagnostics.fails(strict=strict):
        return BuildResult(checked)
    refuse_folder_target(out_dir, protected_paths(root, checked.corpus), probe=False)  # now with attached files
    # Imported only now: a check or a build with nothing to do never pays for python-docx and lxml.
    from proccompile import render

    attached = _attached(checked.corpus)
    known = {doc.source.path: doc.source.sha256 for doc in checked.corpus.documents()}
    known[checked.corpus.config_source.path] = checked.corpus.config_source.sha256
    # Every input hashed once: the manifest's whole-build hash, and what each document's depends on.
    hashes = _input_hashes(root, attached, known)
    inputs = inputs_digest(root, tool_fingerprint(), hashes)
    previous = {} if force else last.outputs
    jobs = jobs or default_jobs()
    plan = render.plan_corpus(checked.corpus, root, checked.diagnostics, previous, jobs, hashes)
    try:
        if checked.diagnostics.fails(strict=strict):  # the renderer's own findings (PC5xx)
            return BuildResult(checked)
        stale_paths = {f.relpath for f in plan.stale}
        kept: list[tuple[Entry, str]] = [(f, previous[f.relpath].sha256) for f in plan.files
                                         if f.relpath not in stale_paths]
        pdfs_kept, pdfs_wanted = _pdfs(plan.files, last.outputs, make=pdf, again=force)
        kept += pdfs_kept
        rendered: list[str] = []

        def announced(files: Iterator[RenderedFile]) -> Iterator[RenderedFile]:
            for file in files:
                rendered.append(file.relpath)
                if progress is not None:
                    progress(len(rendered), len(stale_paths), file.relpath)
                yield file

        record = BuildRecord(inputs, attached, Checked(checked.paths, to_records(checked.diagnostics)))
        files: Iterator[Output] = announced(plan.render_stale())
        if pdfs_wanted:
            from proccompile.write.pdf import with_pdfs

            files = with_pdfs(files, pdfs_wanted, out_dir, pdf_relpath, jobs)
        outputs = write_build(out_dir, files, kept, record)
    finally:
        plan.close()
    return BuildResult(checked, outputs, rendered)


def pdf_relpath(relpath: str) -> str:
    """Where the PDF of the built document ``relpath`` goes: pdf/procedures/….pdf beside procedures/….docx (and
    pdf/manuals/… for a manual: every type's folder)."""
    return f"pdf/{relpath.removesuffix('.docx')}.pdf"


def _pdfs(files: Iterable[PlannedFile], previous: Mapping[str, Previous], *, make: bool,
          again: bool) -> tuple[list[tuple[Entry, str]], list[PlannedFile]]:
    """(PDFs an earlier build made that are still current, documents whose PDF is to be made): a PDF is current
    while it is intact and its document's ``inputs`` are unchanged; ``again`` makes every wanted one anew."""
    from proccompile.write.pdf import PdfFile

    kept: list[tuple[Entry, str]] = []
    wanted = []
    for file in files:
        if file.kind == "attachment":
            continue  # attached files are copied as they are
        relpath = pdf_relpath(file.relpath)
        was = previous.get(relpath)
        if was is not None and was.inputs == file.inputs and not (make and again):
            kept.append((PdfFile.of(file, relpath), was.sha256))
        elif make:
            wanted.append(file)
    return kept, wanted


def _input_hashes(root: Path, attached: Iterable[str], known: Mapping[Path, str] | None = None) -> dict[Path, str]:
    """The content hash of every file a build reads (``known``: hashes the check already took)."""
    stored = sorted((root / IN_FORCE_DIR).glob("*/*.yaml")) if (root / IN_FORCE_DIR).is_dir() else []
    return content_hashes(root, build_input_files(root, [root / LOCK_NAME, *stored], attached), known)


def _attached(corpus: Corpus) -> list[str]:
    """Attached files and pictures as the documents write them, and the logo: the build reads them, so they are
    among its inputs."""
    from proccompile.model.refs import file_refs

    files = {ref.target for doc in corpus.documents() for ref in file_refs(doc.model)}
    if corpus.config.logo is not None:
        files.add(corpus.config.logo)
    return sorted(files)


ATTACHMENT_DIR = "attachments"


def protected_paths(root: Path, corpus: Corpus | None = None) -> Protected:
    """The project's inputs, which no output may replace: the config, the lock, the source and template
    folders, the conventional attachments/ folder, and (given the checked ``corpus``) every attached file."""
    from proccompile.load.paths import project_path
    from proccompile.write.guard import Protected

    # By location: listing every source (discover) is not needed to protect them.
    attached = [project_path(root, file) for file in _attached(corpus)] if corpus is not None else []
    folders = sorted(set(declared_folders(root).values()))
    return Protected(files=(root / CONFIG_NAME, root / LOCK_NAME, *(path for path in attached if path is not None)),
                     folders=(*(root / folder for folder in folders), root / "templates", root / ATTACHMENT_DIR,
                              root / IN_FORCE_DIR))


def guard_outputs(root: Path, targets: Iterable[Path], corpus: Corpus | None = None, *, new: bool = False) -> None:
    """Judge every file a command will write before it writes the first: UsageError (exit 2) for a project input
    (``corpus`` adds its attached files), a folder, link or device, a place that cannot be written, or (``new``)
    a file that already exists. The one guard every command that writes goes through."""
    from proccompile.write.guard import refuse_targets

    refuse_targets(list(targets), protected_paths(root, corpus), new=new)
