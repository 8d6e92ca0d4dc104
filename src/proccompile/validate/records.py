"""Records: every record is listed, produced, used and kept long enough."""

from __future__ import annotations

import re

from proccompile.diagnostics import Diagnostics, Span
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.display import record_retention
from proccompile.model.refs import Loc, form_refs, produced_records, record_entries
from proccompile.model.retention import EventRetention, Retention
from proccompile.model.types import Duration
from proccompile.validate.references import pinned_base


def record_not_listed(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.documents():
        listed = {r.name for _, r in record_entries(doc.model)}
        for ref in produced_records(doc.model):
            if ref.target not in listed and not pinned_base(ref.target, listed):
                bag.add(
                    "PC307",
                    f"Record `{ref.target}` ({ref.role}) is missing from the `records` table",
                    doc.span(*ref.loc),
                    help=f"Add `- form: {ref.target}` (or `- record: …` for a record kept without a form) with its "
                         "keeper and retention to `records`",
                )


def record_not_produced(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.documents():
        # Only a type whose chapters say what produces a record (steps, operation steps) can be judged.
        if not any(spec.kind in ("steps", "operations") for spec in type(doc.model).CHAPTERS):
            continue
        produced = {ref.target for ref in produced_records(doc.model)}
        for loc, record in record_entries(doc.model):
            if record.name not in produced:
                field = "form" if record.form is not None else "record"
                bag.add(
                    "PC308",
                    f"No step produces record `{record.name}`",
                    doc.span(*loc, field),
                    help="Name the form under the `records` of the step that fills it in, or drop the entry"
                    if field == "form" else "Name the record under the `records` of the step that makes it, or drop "
                                            "the entry",
                )


def unused_form(corpus: Corpus, bag: Diagnostics) -> None:
    if corpus.broken_procedures:
        return
    used = {ref.target for doc in corpus.documents() for ref in form_refs(doc.model)}
    for doc in corpus.forms:
        if doc.model.code not in used and doc.model.status != "obsolete":
            bag.add("PC311", f"No procedure references form `{doc.model.code}`", doc.span("code"))


def retention(corpus: Corpus, bag: Diagnostics) -> None:
    policy = corpus.config.records
    minimum = policy.minimum_retention
    for form_doc in corpus.forms:
        form_retention = form_doc.model.retention
        if minimum and form_retention and form_retention.hours < minimum.hours:
            _too_short(bag, form_doc.span("retention"), form_retention, minimum, f"Form `{form_doc.model.code}`")
    for doc in corpus.documents():
        for loc, record in record_entries(doc.model):
            if record.retention is not None:
                if minimum and record.retention.hours < minimum.hours:
                    _too_short(bag, doc.span(*loc, "retention"), record.retention, minimum,
                               f"Record `{record.name}`")
                continue
            if record.form is None:
                if not policy.default_retention:  # a described record has no form to take a retention from
                    bag.add("PC313", f"Record `{record.name}` has no retention period", doc.span(*loc, "record"))
                continue
            form = corpus.form(record.form)
            # An unknown or broken form is reported elsewhere; its retention cannot be known.
            if form is None or form.model.retention or policy.default_retention:
                continue
            bag.add(
                "PC313",
                f"Record `{record.form}` has no retention period",
                doc.span(*loc, "form"),
            )


def retention_event(corpus: Corpus, bag: Diagnostics) -> None:
    """A retention counted from an event names one the config declares: free text would be no rule at all."""
    events = corpus.config.records.retention_events
    places: list[tuple[AnyDocument, Loc, Retention | None]] = [
        (doc, ("retention",), doc.model.retention) for doc in corpus.forms]
    places += [(doc, (*loc, "retention"), record.retention) for doc in corpus.documents()
               for loc, record in record_entries(doc.model)]
    for doc, loc, kept in places:
        if isinstance(kept, EventRetention) and kept.after not in events:
            bag.add("PC345", f"Retention counts from `{kept.after}`, which `records.retention_events` does not "
                    "declare", doc.span(*loc, "after"),
                    help=did_you_mean(kept.after, events) or (
                        f"Declared events: {one_of(events)}" if events else
                        f"Declare it: `records: {{retention_events: [{kept.after}]}}` in proccompile.yaml"))


def _too_short(bag: Diagnostics, span: Span, value: Retention, minimum: Duration, what: str) -> None:
    bag.add(
        "PC314",
        f"{what} is kept for {value}, less than the minimum of {minimum}",
        span,
        help=f"Keep it for at least {minimum} (records.minimum_retention in proccompile.yaml)",
    )


def keeper_conflict(corpus: Corpus, bag: Diagnostics) -> None:
    """A form kept by different departments in different procedures: the register cannot say who holds it."""
    first: dict[str, tuple[str, str]] = {}  # form code -> (keeper, document code)
    for doc in corpus.documents():
        if doc.model.status == "obsolete":
            continue
        for loc, record in record_entries(doc.model):
            if record.form is None:
                continue  # a described record belongs to its document alone
            keeper, where = first.setdefault(record.form, (record.keeper, doc.model.code))
            if keeper != record.keeper and where != doc.model.code:
                bag.add("PC321", f"Record `{record.form}` is kept by `{record.keeper}` here but by `{keeper}` "
                        f"in `{where}`", doc.span(*loc, "keeper"),
                        help=f"Name one keeper for `{record.form}` in every procedure (the records register and "
                             "the checklist ask one department for it)")


# A period or a floor written beside `retention: permanent` ("不少于3年", "at least 5 years").
_PERIOD = re.compile(r"不少于|至少|最少|\d+\s*(?:年|个月|月|天|日)"
                     r"|\bat least\b|\bminimum\b|\d+\s*(?:years?|months?|days?)\b", re.IGNORECASE)


def permanent_with_period(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.documents():
        for loc, record in record_entries(doc.model):
            kept = record_retention(corpus, record)
            if kept is None or kept.unit != "permanent" or not record.storage:
                continue
            found = _PERIOD.search(record.storage)
            if found:
                bag.add("PC323", f"Record `{record.form}` is kept permanently, but its storage says "
                        f"`{found.group()}`", doc.span(*loc, "storage"),
                        help="Permanent has no minimum: give `retention` the period instead, or drop the period "
                             "from `storage`")
