"""Document codes: the house numbering pattern and uniqueness across the corpus."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.model import Corpus
from proccompile.model.corpus import NamedDoc
from proccompile.model.patterns import full_match


def code_pattern(corpus: Corpus, bag: Diagnostics) -> None:
    numbering = corpus.config.numbering
    for kind, pattern, docs in (
        ("procedure", numbering.procedure, corpus.procedures),
        ("form", numbering.form, corpus.forms),
    ):
        for doc in docs:
            matched = full_match(pattern, doc.model.code)
            if not matched:
                slow = " (matching it took too long)" if matched is None else ""
                bag.add(
                    "PC301",
                    f"{kind.capitalize()} code `{doc.model.code}` does not match the house pattern{slow}",
                    doc.span("code"),
                    help=f"Codes must match `{pattern}` (numbering.{kind} in proccompile.yaml)",
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
