"""One document rendered on its own, byte for byte as the build renders it (for `serve`'s downloads)."""

from __future__ import annotations

from pathlib import Path

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.dates import form_dates, newest_procedure_date
from proccompile.model.output_names import output_relpath


def output_paths(corpus: Corpus) -> dict[str, AnyDocument]:
    """The build's .docx path of every document (as ``render_corpus`` names them) → the document."""
    found: dict[str, AnyDocument] = {}
    portable = corpus.config.output_names == "portable"
    for doc in corpus.documents():
        model = doc.model
        found.setdefault(output_relpath(doc.kind, model.code, model.version, model.title, portable=portable,
                                        folder=corpus.doctype(doc.kind).folder), doc)
    return found


def render_document(corpus: Corpus, project_root: Path, bag: Diagnostics, doc: AnyDocument) -> bytes:
    """The .docx bytes of ``doc``: the same view and the same base document as a build, so the same bytes."""
    from proccompile.model.display import company_name
    from proccompile.render import _logo, _serialised
    from proccompile.render.reference_document import load_base
    from proccompile.render.views import view_of
    from proccompile.render.workers import Renderer
    from proccompile.views.wording import Texts

    texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits,
                  clause_set=corpus.config.audit.clause_set)
    base = load_base(project_root, company_name(corpus), bag, corpus.config.limits.reference_docx_bytes,
                     language=corpus.config.language)
    date = form_dates(corpus).get(doc.model.code, newest_procedure_date(corpus.procedures))
    view = view_of(corpus, doc, texts, date, _logo(corpus, project_root), bag)
    renderer = Renderer(base, 1)
    renderer.submit(_serialised(view))
    return next(renderer.results())
