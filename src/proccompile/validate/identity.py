"""Document codes: each type's house numbering pattern, and uniqueness across the corpus."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus
from proccompile.model.corpus import NamedDoc
from proccompile.model.patterns import full_match


def code_pattern(corpus: Corpus, bag: Diagnostics) -> None:
    for doctype in corpus.types:
        for doc in corpus.of_type(doctype.id):
            matched = full_match(doctype.pattern, doc.model.code)
            if not matched:
                slow = " (matching it took too long)" if matched is None else ""
                bag.add(
                    "PC301",
                    f"{doctype.id.capitalize()} code `{doc.model.code}` does not match the house pattern{slow}",
                    doc.span("code"),
                    help=f"Codes must match `{doctype.pattern}` ({doctype.pattern_key} in proccompile.yaml)",
                )


def duplicate_code(corpus: Corpus, bag: Diagnostics) -> None:
    first_seen: dict[str, NamedDoc] = {}
    for doc in corpus.named:
        code = doc.names.code
        first = first_seen.setdefault(code, doc)
        if first is not doc:
            bag.add(
                "PC302",
                f"Code `{code}` is already used by `{first.source.rel}`",
                doc.span("code"),
                related=(Related(first.span("code"), "first defined here"),),
            )


def unknown_company(corpus: Corpus, bag: Diagnostics) -> None:
    """A document's `company` is one of the config's `companies`: a group prints each entity's own name."""
    known = [c.id for c in corpus.config.companies]
    for doc in corpus.documents():
        named = doc.model.company
        if named is not None and named not in known:
            bag.add("PC344", f"Company `{named}` is not under `companies` in proccompile.yaml", doc.span("company"),
                    help=did_you_mean(named, known) or (f"Companies: {one_of(known)}" if known else
                                                        "List the group's legal entities under `companies`"))
