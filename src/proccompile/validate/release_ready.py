"""What must hold before a document is in force: no placeholder text, no draft relied on, no date to come."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from proccompile.diagnostics import Diagnostics, Related
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.names import DocNames
from proccompile.model.placeholders import MARKERS, is_placeholder
from proccompile.model.refs import Loc

AnyDoc = AnyDocument


def placeholders(corpus: Corpus, bag: Diagnostics) -> None:
    """Text `proccompile new` left to be written (PC422); `release` refuses a document that has any."""
    for doc in corpus.documents():
        for loc, text in placeholders_of(doc):
            bag.add("PC422", f"{_field(loc)} still holds the placeholder `{text.strip()}`", doc.span(*loc))


def placeholders_of(doc: AnyDoc) -> Iterator[tuple[Loc, str]]:
    """(path, text) of every value of ``doc`` that is or holds a placeholder."""
    if not any(marker in doc.source.text for marker in MARKERS):
        return  # the common case, without walking the model
    for loc, text in _texts(doc.model, ()):
        if is_placeholder(text):
            yield loc, text


def cites_draft(corpus: Corpus, bag: Diagnostics) -> None:
    """A released document cites a draft document or keeps records on a draft form (PC423)."""
    for doc in corpus.named:
        if doc.names.status == "released":
            for loc, message, related in draft_references(corpus, doc.names):
                bag.add("PC423", message, doc.span(*loc), related=related)


def draft_references(corpus: Corpus, names: DocNames) -> Iterator[tuple[Loc, str, tuple[Related, ...]]]:
    """(path, message, where the draft is) of every draft document a document cites and draft form it uses."""
    by_code = {doc.names.code: doc for doc in corpus.named}
    for ref in names.document_refs:
        target = by_code.get(ref.target)
        if target is not None and target.names.kind != "form" and target.names.status == "draft":
            yield (ref.loc, f"Released {names.kind} cites draft {target.names.kind} `{ref.target}`",
                   (Related(target.span("status"), f"`{ref.target}` is a draft here"),))
    for ref in names.form_refs:
        target = by_code.get(ref.target)
        if target is not None and target.names.kind == "form" and target.names.status == "draft":
            yield (ref.loc, f"Released {names.kind} uses draft form `{ref.target}` ({ref.role})",
                   (Related(target.span("status"), f"`{ref.target}` is a draft here"),))


_DATED = {"signature": "`{role}` signature is dated {date}, after today ({today})",
          "review": "Review is dated {date}, after today ({today})",
          "decision": "`{role}` decided on {date}, after today ({today})"}
_DATED_HELP = {"signature": "Record the day the signer actually signed",
               "review": "Record a review on the day it was done",
               "decision": "Record the day the signer actually decided"}


def dated_in_future(corpus: Corpus, bag: Diagnostics) -> None:
    """A signature, a periodic review or a signer's decision dated after today (PC424): it records something
    that has not happened."""
    today = corpus.today
    if today is None:
        return
    for doc in corpus.named:
        for entry in doc.names.dated:
            if entry.date > today:
                bag.add("PC424", _DATED[entry.what].format(role=entry.role, date=entry.date, today=today),
                        doc.span(*entry.loc), help=_DATED_HELP[entry.what])


def _texts(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))


def _field(loc: Loc) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return f"`{names[-1]}`" if names else "The text"
