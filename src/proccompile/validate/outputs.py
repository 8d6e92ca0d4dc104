"""What the writers need of a document, checked before anything is built: unique file names, storable values."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related, Span
from proccompile.model import Corpus, Procedure
from proccompile.model.corpus import AnyDocument, NamedDoc
from proccompile.model.display import company_name, document_number, name_in
from proccompile.model.output_names import page_relpath

# Word's document properties (title, subject, author, keywords …) hold at most 255 characters.
MAX_PROPERTY_CHARS = 255


def output_names(corpus: Corpus, bag: Diagnostics) -> None:
    """Two documents must not be written to one file, nor published as one site page; names are compared as
    Windows and macOS do, case-folded."""
    claimed: dict[str, NamedDoc] = {}
    pages: dict[str, NamedDoc] = {}
    for doc in corpus.named:
        kind, relpath = doc.names.kind, doc.names.output
        first = claimed.setdefault(relpath.casefold(), doc)
        if first is not doc:
            bag.add("PC503", f"`{doc.names.code}` would be written to `{relpath}`, like `{first.names.code}` from "
                    f"`{first.source.rel}`", doc.span("code"),
                    related=(Related(first.span("code"), "the other document"),))
        page = page_relpath(kind, doc.names.code, folder=corpus.doctype(kind).folder)
        first = pages.setdefault(page.casefold(), doc)
        if first is not doc and first.names.code != doc.names.code:  # one code used twice is PC302 already
            bag.add("PC503", f"`{doc.names.code}` would be published as the site page `{page}`, like "
                    f"`{first.names.code}` from `{first.source.rel}`", doc.span("code"),
                    related=(Related(first.span("code"), "the other document"),))
    departments: dict[str, int] = {}
    for index, dept in enumerate(corpus.config.departments):
        page = page_relpath("department", dept.id)
        first_index = departments.setdefault(page.casefold(), index)
        if first_index != index:
            other = corpus.config.departments[first_index].id
            bag.add("PC503", f"Department `{dept.id[:40]}…` would be published as the site page `{page}`, like "
                    f"`{other[:40]}…`", corpus.config_source.span(("departments", index, "id")),
                    help="Shorten the department ids: site pages are named by the first 200 bytes")


def company_length(corpus: Corpus, bag: Diagnostics) -> None:
    """The company name becomes a Word document property of every document."""
    company = company_name(corpus)
    if len(company) > MAX_PROPERTY_CHARS:
        _too_long(bag, corpus.config_source.span(("company", corpus.config.language)), "The company name", company)
    for i, entity in enumerate(corpus.config.companies):
        name = name_in(entity, corpus.config.language)
        if len(name) > MAX_PROPERTY_CHARS:
            _too_long(bag, corpus.config_source.span(("companies", i, corpus.config.language)),
                      "The company name", name)


def property_lengths(corpus: Corpus, bag: Diagnostics) -> None:
    """Every value of a document that becomes a Word document property fits in one."""
    author_role = corpus.config.approval_roles[0].id
    for doc in corpus.documents():
        model = doc.model
        _fields(bag, doc, (("code", model.code), ("title", model.title), ("version", model.version)))
        doctype = corpus.doctype(doc.kind)
        number = document_number(corpus, model)
        if isinstance(model, Procedure):
            keywords = ", ".join(model.iso_clauses)
            if len(keywords) > MAX_PROPERTY_CHARS:
                _too_long(bag, doc.span("iso_clauses", key=True), "The list of ISO clauses", keywords)
            author = model.approvals.get(author_role)
            if author is not None and author.name is not None and len(author.name) > MAX_PROPERTY_CHARS:
                _too_long(bag, doc.span("approvals", author_role, "name"), "The author's name", author.name)
        if len(number) > MAX_PROPERTY_CHARS:
            _too_long(bag, doc.span("code"), f"The printed number ({doctype.display_key})", number)


def _fields(bag: Diagnostics, doc: AnyDocument, fields: tuple[tuple[str, str], ...]) -> None:
    for name, value in fields:
        if len(value) > MAX_PROPERTY_CHARS:
            _too_long(bag, doc.span(name), f"`{name}`", value)


def _too_long(bag: Diagnostics, span: Span, what: str, value: str) -> None:
    bag.add("PC320", f"{what} is {len(value):,} characters; a Word document property holds at most "
            f"{MAX_PROPERTY_CHARS}", span, help="Shorten it; long explanations belong in the purpose or scope")
