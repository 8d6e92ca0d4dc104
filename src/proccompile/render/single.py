"""One document rendered on its own, byte for byte as the build renders it (for `serve`'s downloads)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.dates import form_dates, newest_procedure_date
from proccompile.model.form import Form
from proccompile.model.output_names import output_relpath
from proccompile.model.procedure import Procedure


def output_paths(corpus: Corpus) -> dict[str, Document[Procedure] | Document[Form]]:
    """The build's .docx path of every document (as ``render_corpus`` names them) → the document."""
    found: dict[str, Document[Procedure] | Document[Form]] = {}
    portable = corpus.config.output_names == "portable"
    for doc in corpus.documents():
        model = doc.model
        kind = "form" if isinstance(model, Form) else "procedure"
        found.setdefault(output_relpath(kind, model.code, model.version, model.title, portable=portable), doc)
    return found


def render_document(corpus: Corpus, project_root: Path, bag: Diagnostics,
                    doc: Document[Procedure] | Document[Form]) -> bytes:
    """The .docx bytes of ``doc``: the same view and the same base document as a build, so the same bytes."""
    from proccompile.model.display import company_name
    from proccompile.render import _logo, _serialised
    from proccompile.render.form import form_view
    from proccompile.render.procedure import procedure_view
    from proccompile.render.reference_document import load_base
    from proccompile.render.workers import Renderer
    from proccompile.views.wording import Texts

    texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits)
    base = load_base(project_root, company_name(corpus), bag, corpus.config.limits.reference_docx_bytes,
                     language=corpus.config.language)
    logo = _logo(corpus, project_root)
    model = doc.model
    if isinstance(model, Form):
        date = model.effective or model.issued or form_dates(corpus).get(model.code,
                                                                        newest_procedure_date(corpus.procedures))
        view = form_view(corpus, cast("Document[Form]", doc), texts, date, logo, bag)
    else:
        view = procedure_view(corpus, cast("Document[Procedure]", doc), texts, logo)
    renderer = Renderer(base, 1)
    renderer.submit(_serialised(view))
    return next(renderer.results())
