"""Render stage: the checked corpus as deterministic .docx bytes (python-docx, jinja2; never writes files)."""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from proccompile.diagnostics import Diagnostics
from proccompile.load.paths import project_path
from proccompile.load.snapshot import content_hashes, inputs_digest, template_files, tool_fingerprint
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.dates import form_dates, newest_procedure_date
from proccompile.model.form import Form
from proccompile.model.revision import under_review

if TYPE_CHECKING:
    import datetime as dt

    from proccompile.load.source import SourceFile
    from proccompile.model.corpus import AnyDocument
    from proccompile.model.document import ControlledDocument
    from proccompile.render.blocks import DocView, Logo
    from proccompile.render.workers import Renderer
    from proccompile.views.wording import Texts

__all__ = ["PlannedFile", "RenderPlan", "RenderedFile", "plan_corpus", "render_corpus"]


@dataclass(frozen=True)
class PlannedFile:
    """One document the build produces, before rendering: what it is, and ``inputs``, the hash of what it depends on.

    ``inputs`` covers the document's view (its own content, and every title, number, date and wording it
    prints from cited documents, the config and the templates), the reference document and the tool
    itself; equal ``inputs`` mean byte-identical output, which is what makes incremental builds safe.
    """

    relpath: str  # POSIX path relative to the output dir, e.g. procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx
    kind: str  # "procedure" | "form" | "attachment"
    code: str
    version: str
    title: str
    source: str  # project-relative source path
    source_sha256: str  # sha256 of the source bytes
    inputs: str
    sha256: str = ""  # of the output bytes, once known
    # Hash of what the view was computed from: the source, the documents it looked up (``reads``, as
    # "kind:code"), the config, templates, reference document, tool, and a form's date or a procedure's
    # attached files. Equal to the last build's: the view, and so ``inputs``, are equal too.
    depends: str = ""
    reads: tuple[str, ...] = ()


class Recorded(Protocol):
    """What the last build recorded of an output that is still intact (the manifest's entry)."""

    @property
    def inputs(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def depends(self) -> str: ...
    @property
    def reads(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class RenderedFile(PlannedFile):
    data: bytes = b""  # deterministic .docx bytes


@dataclass
class RenderPlan:
    """Every document's view and input hash, and the stale ones queued for rendering."""

    renderer: Renderer
    files: list[PlannedFile] = field(default_factory=list)
    stale: list[PlannedFile] = field(default_factory=list)
    """Files whose inputs differ from the previous build's (all of them without one), in submission order."""
    # Attached files copied as they are: their bytes are their rendering.
    _copies: dict[str, bytes] = field(default_factory=dict, repr=False)

    def render_stale(self) -> Iterator[RenderedFile]:
        """The stale files rendered (documents, then copied attachments); the bytes do not depend on ``jobs``."""
        built = self.renderer.results()
        for planned in self.stale:
            data = self._copies[planned.relpath] if planned.relpath in self._copies else next(built)
            yield RenderedFile(**{**vars(planned), "sha256": hashlib.sha256(data).hexdigest()}, data=data)

    def close(self) -> None:
        """Stop the workers, whether or not every result was read."""
        self.renderer.close()


def plan_corpus(corpus: Corpus, project_root: Path, bag: Diagnostics,
                previous: Mapping[str, Recorded] | None = None, jobs: int = 1,
                hashes: Mapping[Path, str] | None = None) -> RenderPlan:
    """Compute every document's view and input hash, and queue the stale ones for ``jobs`` render processes.

    Findings (PC5xx) go into ``bag``; ``files`` are in ``relpath`` order. Wording comes from
    ``project_root/templates`` when a template is overridden there, styles from
    ``templates/reference.docx`` when present. ``previous`` (relpath → what the last build recorded,
    for outputs still intact) decides what is stale, and lets a document whose ``depends`` is
    unchanged keep its recorded ``inputs`` without its view being computed again. ``hashes`` are
    content hashes of templates and attached files already taken (``load.snapshot``). Close the plan.
    """
    # Imported here: importing the package (e.g. for RenderedFile or a sibling module) must not cost
    # the ~50 ms python-docx and lxml take to load.
    from proccompile.model.display import company_name
    from proccompile.render.attachment_files import attachment_copies
    from proccompile.render.reference_document import load_base
    from proccompile.render.workers import Renderer
    from proccompile.views.wording import Texts

    texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits,
                  clause_set=corpus.config.audit.clause_set)
    base = load_base(project_root, company_name(corpus), bag, corpus.config.limits.reference_docx_bytes,
                     language=corpus.config.language)
    dates = form_dates(corpus)
    fallback = newest_procedure_date(corpus.procedures)
    common = hashlib.sha256(base.data)
    common.update(repr((base.source, sorted(base.style_ids.items()), tool_fingerprint())).encode())
    settings = common.copy()  # what every view depends on besides its documents: config and templates
    settings.update(corpus.config_source.sha256.encode())
    hashes = hashes or {}
    settings.update(inputs_digest(project_root, "", content_hashes(project_root, template_files(project_root), hashes))
                    .encode())
    logo = _logo(corpus, project_root)
    if logo is not None:  # the picture may change without the config changing
        settings.update(hashlib.sha256(logo.data).hexdigest().encode())
    previous = previous or {}
    recorded = {p.source: (relpath, p) for relpath, p in previous.items() if p.depends}
    plan = RenderPlan(Renderer(base, jobs))
    for doc, review in _units(corpus):
        source = doc.source
        model = under_review(doc.model) if review else doc.model
        if isinstance(model, Form):
            # A form under document control has its own dates; older forms take their procedure's.
            date = model.effective or model.issued or dates.get(model.code, fallback)
            extra = repr(date)
        else:
            date, extra = None, _attached_hashes(project_root, model, hashes)
        extra += " review" * review
        last = recorded.get(source.rel)
        if last is not None and _depends(settings, corpus, doc, extra, last[1].reads) == last[1].depends:
            relpath, kept = last
            plan.files.append(_planned(doc.kind, model, source, relpath, kept.inputs, kept.depends, kept.reads))
            continue
        corpus.lookups = set()
        try:
            view = _view(corpus, texts, Document(model, source), date or fallback, review, logo, bag)
            reads = tuple(sorted(f"{kind}:{code}" for kind, code in corpus.lookups))
        finally:
            corpus.lookups = None
        inputs = common.copy()
        serialised = _serialised(view)
        inputs.update(serialised)
        depends = _depends(settings, corpus, doc, extra, reads)
        planned = _planned(doc.kind, model, source, view.relpath, inputs.hexdigest(), depends, reads)
        plan.files.append(planned)
        if _stale(planned, previous):
            plan.stale.append(planned)
            plan.renderer.submit(serialised)
    for planned, data in attachment_copies(corpus, project_root):
        plan.files.append(planned)
        if _stale(planned, previous):
            plan.stale.append(planned)
            plan._copies[planned.relpath] = data
    plan.files.sort(key=lambda f: f.relpath)
    return plan


def _logo(corpus: Corpus, project_root: Path) -> Logo | None:
    """The configured logo, read as the check read it (a picture it could not read stopped the build)."""
    from proccompile.load.picture import Picture, read_picture
    from proccompile.render.blocks import Logo

    config = corpus.config
    if config.logo is None:
        return None
    found = read_picture(project_root, config.logo, config.limits.picture_bytes)
    if not isinstance(found, Picture):
        return None
    return Logo(found.data, found.name, found.content_type, found.width_px, found.height_px)


def _units(corpus: Corpus) -> Iterator[tuple[AnyDocument, bool]]:
    """What the build issues: each document's controlled copy, and (``True``) the review draft of its working
    content while a revision is open. The controlled copy of a released document under revision is the
    version in force, from its stored copy; a draft under revision stays a draft."""
    for doc in corpus.documents():
        stored = corpus.in_force.get(doc.model.code)
        if doc.model.open_revision is not None and doc.model.status == "released" and stored is not None:
            yield stored, False
            yield doc, True
        else:
            yield doc, False


def _view(corpus: Corpus, texts: Texts, doc: AnyDocument, date: dt.date, review: bool, logo: Logo | None,
          bag: Diagnostics) -> DocView:
    """The view of ``doc`` (``date``: a form's, when it has none of its own), or of its review draft."""
    from proccompile.model.display import document_number
    from proccompile.render.page_marks import as_review
    from proccompile.render.views import view_of

    model = doc.model
    # Rows cut to fit are reported for the controlled copy; its review draft would report them again.
    view = view_of(corpus, doc, texts, date, logo, None if review else bag)
    number = document_number(corpus, model)
    if not review:
        return view
    assert model.open_revision is not None
    return as_review(view, texts, number, model.version, model.open_revision.opened)


def _stale(planned: PlannedFile, previous: Mapping[str, Recorded]) -> bool:
    last = previous.get(planned.relpath)
    return last is None or last.inputs != planned.inputs


def _planned(kind: str, model: ControlledDocument, source: SourceFile, relpath: str, inputs: str, depends: str,
             reads: tuple[str, ...]) -> PlannedFile:
    return PlannedFile(relpath=relpath, kind=kind, code=model.code, version=model.version, title=model.title,
                       source=source.rel, source_sha256=source.sha256, inputs=inputs, depends=depends, reads=reads)


def _depends(settings: hashlib._Hash, corpus: Corpus, doc: AnyDocument, extra: str, reads: tuple[str, ...]) -> str:
    """The hash of what ``doc``'s view was computed from, given the documents it looked up."""
    digest = settings.copy()
    digest.update(f"{doc.source.rel}\0{doc.source.sha256}\0{extra}".encode("utf-8", "surrogatepass"))
    for read in reads:
        kind, _, code = read.partition(":")
        found = corpus.lookup(kind, code)
        digest.update(f"\n{read}\0{found.source.sha256 if found else '-'}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _attached_hashes(project_root: Path, document: ControlledDocument, hashes: Mapping[Path, str]) -> str:
    """The document's attached files and pictures by content: a picture it prints may change without its YAML
    changing."""
    from proccompile.model.refs import file_refs

    files = [project_path(project_root, ref.target) for ref in file_refs(document)]
    return repr(list(content_hashes(project_root, [f for f in files if f is not None], hashes).values()))


def render_corpus(corpus: Corpus, project_root: Path, bag: Diagnostics,
                  progress: Callable[[str], None] | None = None, *, jobs: int = 1) -> list[RenderedFile]:
    """Render every procedure and form; findings (PC5xx) go into ``bag``, nothing is raised for bad input.

    Returns the files sorted by ``relpath``.
    """
    plan = plan_corpus(corpus, project_root, bag, jobs=jobs)
    rendered = []
    try:
        for file in plan.render_stale():
            rendered.append(file)
            if progress is not None:
                progress(file.relpath)
    finally:
        plan.close()
    return sorted(rendered, key=lambda f: f.relpath)


def _serialised(view: DocView) -> bytes:
    """The view as bytes that depend on its values alone: kept for rendering, and hashed for ``inputs``."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    # Without the memo a value shared by two fields is written twice, like two equal values, so the
    # bytes never depend on which objects happen to be shared.
    pickler.fast = True
    pickler.dump(view)
    return stream.getvalue()
