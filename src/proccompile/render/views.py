"""The view of any document: a blank form's page, or a chaptered document's cover and chapters."""

from __future__ import annotations

import datetime as dt
from typing import cast

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument, Document
from proccompile.model.form import Form
from proccompile.render.blocks import DocView, Logo
from proccompile.render.document_view import document_view
from proccompile.render.form import form_view
from proccompile.views.wording import Texts


def view_of(corpus: Corpus, doc: AnyDocument, texts: Texts, form_date: dt.date, logo: Logo | None = None,
            bag: Diagnostics | None = None) -> DocView:
    """``form_date`` stands in for a form's created/modified dates when it has none of its own; ``bag`` takes
    what only rendering finds (a form's blank rows cut with the project's wording)."""
    if not corpus.doctype(doc.kind).chaptered:
        form = cast("Document[Form]", doc)
        return form_view(corpus, form, texts, form.model.effective or form.model.issued or form_date, logo, bag)
    return document_view(corpus, doc, texts, logo)
