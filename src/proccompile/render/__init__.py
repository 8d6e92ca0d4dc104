"""Render stage: the checked corpus as deterministic .docx bytes (python-docx, jinja2; never writes files)."""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import proccompile
from proccompile.diagnostics import Diagnostics
from proccompile.load.paths import exists, refusal
from proccompile.model import Corpus
from proccompile.model.dates import form_dates, newest_procedure_date

if TYPE_CHECKING:
    from proccompile.model.corpus import Document
    from proccompile.model.form import Form
    from proccompile.model.procedure import Procedure
    from proccompile.render.blocks import DocView
    from proccompile.render.reference_document import Base

__all__ = ["PlannedFile", "RenderPlan", "RenderedFile", "corpus_inputs", "plan_corpus", "render_corpus"]


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


@dataclass(frozen=True)
class RenderedFile(PlannedFile):
    data: bytes = b""  # deterministic .docx bytes


@dataclass
class RenderPlan:
    """Every document's view and input hash, computed without python-docx work; render any subset of it."""

    base: Base
    files: list[PlannedFile] = field(default_factory=list)
    # Serialised: a third of the memory of the objects, and what worker processes are sent anyway.
    _views: dict[str, bytes] = field(default_factory=dict, repr=False)
    # Attached files copied as they are: their bytes are their rendering.
    _copies: dict[str, bytes] = field(default_factory=dict, repr=False)

    def render(self, files: Iterable[PlannedFile], jobs: int = 1) -> Iterator[RenderedFile]:
        """Render ``files`` in their order, in ``jobs`` worker processes; the bytes do not depend on ``jobs``."""
        from proccompile.render.workers import render_views

        wanted = list(files)
        documents = [f for f in wanted if f.relpath not in self._copies]
        built = iter(render_views([self._views[f.relpath] for f in documents], self.base, jobs))
        for planned in wanted:
            data = self._copies[planned.relpath] if planned.relpath in self._copies else next(built)
            yield RenderedFile(**{**vars(planned), "sha256": hashlib.sha256(data).hexdigest()}, data=data)


def plan_corpus(corpus: Corpus, project_root: Path, bag: Diagnostics) -> RenderPlan:
    """Compute every document's view and input hash; findings (PC5xx) go into ``bag``.

    Files are in ``relpath`` order. Wording comes from ``project_root/templates`` when a template is
    overridden there, styles from ``templates/reference.docx`` when present.
    """
    # Imported here: importing the package (e.g. for RenderedFile or a sibling module) must not cost
    # the ~50 ms python-docx and lxml take to load.
    from proccompile.model.display import company_name
    from proccompile.render.attachment_files import attachment_copies
    from proccompile.render.form import form_view
    from proccompile.render.procedure import procedure_view
    from proccompile.render.reference_document import load_base
    from proccompile.views.wording import Texts

    texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits)
    base = load_base(project_root, company_name(corpus), bag, corpus.config.limits.reference_docx_bytes)
    dates = form_dates(corpus)
    fallback = newest_procedure_date(corpus.procedures)
    jobs: list[tuple[DocView, Document[Procedure] | Document[Form]]] = []
    for procedure in corpus.procedures:
        jobs.append((procedure_view(corpus, procedure, texts), procedure))
    for form in corpus.forms:
        # A form under document control has its own dates; older forms take their procedure's.
        own = form.model.effective or form.model.issued
        jobs.append((form_view(corpus, form, texts, own or dates.get(form.model.code, fallback)), form))
    common = hashlib.sha256(base.data)
    common.update(repr((base.source, sorted(base.style_ids.items()), tool_fingerprint())).encode())
    plan = RenderPlan(base)
    for view, doc in jobs:  # check has made sure no two documents share an output name (PC503)
        source, model = doc.source, doc.model
        inputs = common.copy()
        serialised = _serialised(view)
        inputs.update(serialised)
        plan.files.append(PlannedFile(
            relpath=view.relpath, kind=view.kind, code=model.code, version=model.version, title=model.title,
            source=source.rel, source_sha256=source.sha256, inputs=inputs.hexdigest(),
        ))
        plan._views[view.relpath] = serialised
    for planned, data in attachment_copies(corpus, project_root):
        plan.files.append(planned)
        plan._copies[planned.relpath] = data
    plan.files.sort(key=lambda f: f.relpath)
    return plan


def render_corpus(corpus: Corpus, project_root: Path, bag: Diagnostics,
                  progress: Callable[[str], None] | None = None, *, jobs: int = 1) -> list[RenderedFile]:
    """Render every procedure and form; findings (PC5xx) go into ``bag``, nothing is raised for bad input.

    Returns the files sorted by ``relpath``.
    """
    plan = plan_corpus(corpus, project_root, bag)
    rendered = []
    for file in plan.render(plan.files, jobs):
        rendered.append(file)
        if progress is not None:
            progress(file.relpath)
    return rendered


def _serialised(view: DocView) -> bytes:
    """The view as bytes that depend on its values alone: kept for rendering, and hashed for ``inputs``."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    # Without the memo a value shared by two fields is written twice, like two equal values, so the
    # bytes never depend on which objects happen to be shared.
    pickler.fast = True
    pickler.dump(view)
    return stream.getvalue()


def corpus_inputs(corpus: Corpus, project_root: Path) -> str:
    """One hash of every input of the whole build: when it is unchanged, so is every output.

    The tool, the config and every document by their hashes, and every file under ``templates/``.
    Cheaper than planning (no views): a rebuild with nothing changed stops here.
    """
    digest = hashlib.sha256(tool_fingerprint().encode())
    sources = [corpus.config_source, *(doc.source for doc in corpus.documents())]
    for source in sorted(sources, key=lambda s: s.rel):
        digest.update(f"{source.rel}\0{source.sha256}\n".encode("utf-8", "surrogatepass"))
    templates = project_root / "templates"
    for path in sorted(p for p in templates.rglob("*") if exists(p)) if templates.is_dir() else ():
        digest.update(path.relative_to(templates).as_posix().encode("utf-8", "surrogatepass") + b"\0")
        refused = refusal(project_root, path)  # a link out of the project is never read, only noted
        digest.update(refused.reason.encode() if refused else hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    # A development install changes its code without changing its version; rebuild when it did.
    digest = hashlib.sha256()
    package = Path(proccompile.__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def tool_fingerprint() -> str:
    """The tool version and a digest of its code and packaged templates: another tool build rebuilds all."""
    return f"{proccompile.__version__}+{_code_digest()}"
