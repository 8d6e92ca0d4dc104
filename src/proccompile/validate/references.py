"""Cross-references: forms and documents resolve, cite codes only, and never point at obsolete documents."""

from __future__ import annotations

import re

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.model import Corpus
from proccompile.model.corpus import NamedDoc

# What may trail a code when a reference pins a year, an edition or a full version.
_PIN_SUFFIX = re.compile(r"^\s*[—–\-_ ]?\s*(\d{4}|[A-Z](/\d+)?|[vV]?\d+(\.\d+)+)$")


def pinned_base(reference: str, codes: set[str]) -> str | None:
    """The corpus code a reference pins a version of, e.g. Q/FL2.0707 for Q/FL2.0707—2020."""
    for cut in range(len(reference) - 1, 0, -1):
        if reference[:cut] in codes and _PIN_SUFFIX.match(reference[cut:]):
            return reference[:cut]
    return None


def unknown_form(corpus: Corpus, bag: Diagnostics) -> None:
    form_codes = {f.names.code for f in corpus.named_kind("form")}
    for doc in corpus.named:
        described = {record.name for record in doc.names.records if record.described}
        for ref in doc.names.form_refs:
            code = ref.target
            if code in form_codes or corpus.is_broken(code) or pinned_base(code, form_codes) or code in described:
                continue
            bag.add(
                "PC303",
                f"Form `{code}` ({ref.role}) has no form file",
                doc.span(*ref.loc),
                help=did_you_mean(code, form_codes)
                or f"Add forms/{code.replace('/', '-')}.yaml, or cite a defined form",
            )


def unknown_document(corpus: Corpus, bag: Diagnostics) -> None:
    chaptered = {t.id for t in corpus.types if t.chaptered}
    doc_codes = {d.names.code for d in corpus.named if d.names.kind in chaptered}
    external = {d.code for d in corpus.config.external_documents}
    pinnable = doc_codes | {f.names.code for f in corpus.named_kind("form")}
    for doc in corpus.named:
        for ref in doc.names.document_refs:
            code = ref.target
            if code in doc_codes or code in external or corpus.is_broken(code):
                continue
            if pinned_base(code, pinnable):
                continue
            bag.add(
                "PC305",
                f"Document `{code}` ({ref.role}) is neither a {_kinds(corpus)} in the corpus "
                "nor a registered external document",
                doc.span(*ref.loc),
                help=did_you_mean(code, doc_codes | external)
                or "Add the document, or register it under `external_documents` in proccompile.yaml",
            )


def _kinds(corpus: Corpus) -> str:
    """The chaptered types a reference may name: "procedure", "procedure or manual" …"""
    names = [t.id for t in corpus.types if t.chaptered]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def pinned_reference(corpus: Corpus, bag: Diagnostics) -> None:
    codes = {d.names.code for d in corpus.named}
    for doc in corpus.named:
        for ref in (*doc.names.document_refs, *doc.names.form_refs):
            base = pinned_base(ref.target, codes)
            if base:
                bag.add(
                    "PC306",
                    f"Reference `{ref.target}` pins a version or year of `{base}`",
                    doc.span(*ref.loc),
                    help=f"Cite the code alone, `{base}`; the build prints the current number",
                )


def obsolete_references(corpus: Corpus, bag: Diagnostics) -> None:
    """A released document never points users at a withdrawn one: by citing an obsolete procedure (or other
    document, PC312) or by keeping records on an obsolete form (PC413)."""
    documents, forms = corpus.named_by_code("document"), corpus.named_by_code("form")
    for doc in corpus.named:
        if doc.names.status != "released":
            continue
        kind = doc.names.kind
        for ref in doc.names.document_refs:
            target = documents.get(ref.target)
            if target is not None and target.names.kind != "form" and target.names.status == "obsolete":
                other = target.names.kind
                bag.add("PC312", f"Released {kind} cites obsolete {other} `{ref.target}`", doc.span(*ref.loc),
                        related=(_obsolete_here(target),),
                        help=f"Cite the {other} that replaced `{ref.target}`, or remove the reference")
        for ref in doc.names.form_refs:
            form = forms.get(ref.target)
            if form is not None and form.names.status == "obsolete":
                bag.add("PC413", f"Released {kind} uses obsolete form `{ref.target}` ({ref.role})",
                        doc.span(*ref.loc), related=(_obsolete_here(form),),
                        help=f"Use the form that replaced `{ref.target}`, or release a version without it")


def _obsolete_here(doc: NamedDoc) -> Related:
    return Related(doc.span("status"), f"`{doc.names.code}` is obsolete here")


def unknown_programme_procedure(corpus: Corpus, bag: Diagnostics) -> None:
    """A high-risk procedure of the audit programme must be in the corpus, or it silently drops to once a year."""
    procedures = corpus.named_by_code("procedure")
    for i, code in enumerate(corpus.config.audit.programme.high_risk):
        if code not in procedures:
            bag.add("PC305", f"Procedure `{code}` (audit programme high_risk) is not in the project",
                    corpus.config_source.span(("audit", "programme", "high_risk", i)),
                    help=did_you_mean(code, list(procedures)))


def internal_as_external(corpus: Corpus, bag: Diagnostics) -> None:
    """A document of the project registered under `external_documents`: the manual, an instruction or a procedure
    would be listed among the standards and laws, as if it came from outside, and controlled twice."""
    documents = corpus.named_by_code("document")
    for i, external in enumerate(corpus.config.external_documents):
        doc = documents.get(external.code)
        if doc is not None:
            kind = doc.names.kind
            bag.add("PC346", f"`{external.code}` is registered as an external document, but it is this project's "
                    f"{kind}", corpus.config_source.span(("external_documents", i, "code")),
                    related=(Related(doc.span("code"), f"the {kind} is here"),),
                    help="Remove it from `external_documents`: documents of the project are cited by their code alone")
