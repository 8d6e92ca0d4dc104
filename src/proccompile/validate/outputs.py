"""What the writers need of a document, checked before anything is built: unique file names, storable values."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related, Span
from proccompile.model import Corpus, Document, Form, Procedure
from proccompile.model.display import company_name, form_number, procedure_number
from proccompile.model.output_names import output_relpath

# Word's document properties (title, subject, author, keywords …) hold at most 255 characters.
MAX_PROPERTY_CHARS = 255


def output_names(corpus: Corpus, bag: Diagnostics) -> None:
    """Two documents must not be written to one file; names are compared as Windows and macOS do, case-folded."""
    claimed: dict[str, Document[Procedure] | Document[Form]] = {}
    for doc in corpus.documents():
        kind = "procedure" if isinstance(doc.model, Procedure) else "form"
        relpath = output_relpath(kind, doc.model.code, doc.model.version, doc.model.title)
        first = claimed.setdefault(relpath.casefold(), doc)
        if first is not doc:
            bag.add("PC503", f"`{doc.model.code}` would be written to `{relpath}`, like `{first.model.code}` from "
                    f"`{first.source.rel}`", doc.span("code"),
                    related=(Related(first.span("code"), "the other document"),))


def property_lengths(corpus: Corpus, bag: Diagnostics) -> None:
    """Every value that becomes a Word document property fits in one."""
    company = company_name(corpus)
    if len(company) > MAX_PROPERTY_CHARS:
        _too_long(bag, corpus.config_source.span(("company", corpus.config.language)), "The company name", company)
    roles = corpus.config.approval_roles
    for proc in corpus.procedures:
        p = proc.model
        _fields(bag, proc, (("code", p.code), ("title", p.title), ("version", p.version)))
        number = procedure_number(corpus, p)
        if len(number) > MAX_PROPERTY_CHARS:
            _too_long(bag, proc.span("code"), "The printed number (numbering.procedure_display)", number)
        keywords = ", ".join(p.iso_clauses)
        if len(keywords) > MAX_PROPERTY_CHARS:
            _too_long(bag, proc.span("iso_clauses", key=True), "The list of ISO clauses", keywords)
        author = p.approvals.get(roles[0].id)
        if author is not None and len(author.name) > MAX_PROPERTY_CHARS:
            _too_long(bag, proc.span("approvals", roles[0].id, "name"), "The author's name", author.name)
    for form in corpus.forms:
        f = form.model
        _fields(bag, form, (("code", f.code), ("title", f.title), ("version", f.version)))
        number = form_number(corpus, f)
        if len(number) > MAX_PROPERTY_CHARS:
            _too_long(bag, form.span("code"), "The printed number (numbering.form_display)", number)


def _fields(bag: Diagnostics, doc: Document[Procedure] | Document[Form], fields: tuple[tuple[str, str], ...]) -> None:
    for name, value in fields:
        if len(value) > MAX_PROPERTY_CHARS:
            _too_long(bag, doc.span(name), f"`{name}`", value)


def _too_long(bag: Diagnostics, span: Span, what: str, value: str) -> None:
    bag.add("PC320", f"{what} is {len(value):,} characters; a Word document property holds at most "
            f"{MAX_PROPERTY_CHARS}", span, help="Shorten it; long explanations belong in the purpose or scope")
