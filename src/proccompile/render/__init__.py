"""Render stage: the checked corpus as deterministic .docx bytes (python-docx, jinja2; never writes files)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.dates import form_dates, newest_procedure_date

if TYPE_CHECKING:
    from proccompile.model.corpus import Document
    from proccompile.model.form import Form
    from proccompile.model.procedure import Procedure
    from proccompile.render.blocks import DocView

__all__ = ["RenderedFile", "render_corpus"]


@dataclass(frozen=True)
class RenderedFile:
    relpath: str  # POSIX path relative to the output dir, e.g. procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx
    data: bytes  # deterministic .docx bytes
    kind: str  # "procedure" | "form" | "attachment"
    code: str
    version: str
    title: str
    source: str  # project-relative source path
    source_sha256: str  # sha256 of the source text


def render_corpus(corpus: Corpus, project_root: Path, bag: Diagnostics,
                  progress: Callable[[str], None] | None = None) -> list[RenderedFile]:
    """Render every procedure and form; findings (PC5xx) go into ``bag``, nothing is raised for bad input.

    Returns the files sorted by ``relpath``. Wording comes from ``project_root/templates`` when a
    template is overridden there, styles from ``templates/reference.docx`` when present.
    """
    # Imported here: importing the package (e.g. for RenderedFile or a sibling module) must not cost
    # the ~50 ms python-docx and lxml take to load.
    from proccompile.model.display import company_name
    from proccompile.render.attachment_files import attachment_copies
    from proccompile.render.document import build_docx
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
    rendered: list[RenderedFile] = []
    for view, doc in jobs:
        source, model = doc.source, doc.model
        data = build_docx(view, base)
        rendered.append(RenderedFile(
            relpath=view.relpath, data=data, kind=view.kind, code=model.code, version=model.version,
            title=model.title, source=source.rel, source_sha256=source.sha256,
        ))
        if progress is not None:
            progress(view.relpath)
    rendered += attachment_copies(corpus, project_root)
    return sorted(rendered, key=lambda f: f.relpath)

