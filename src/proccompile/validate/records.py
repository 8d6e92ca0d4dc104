"""Records: every record is listed, produced, used and kept long enough."""

from __future__ import annotations

import re

from proccompile.diagnostics import Diagnostics, Span
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.form import Form
from proccompile.model.names import record_unit
from proccompile.model.refs import Loc, produced_records, record_entries
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
    # Only documents not withdrawn put a form to use: one named by obsolete documents alone is an orphan
    # that is still printed as a controlled form.
    used: set[str] = set()
    withdrawn: dict[str, list[str]] = {}
    for document in corpus.named:
        for ref in document.names.form_refs:
            if document.names.status != "obsolete":
                used.add(ref.target)
            else:
                withdrawn.setdefault(ref.target, []).append(document.names.code)
    for doc in corpus.named_kind("form"):
        code = doc.names.code
        if code in used or doc.names.status == "obsolete":
            continue
        if code in withdrawn:
            users = ", ".join(f"`{c}`" for c in dict.fromkeys(withdrawn[code]))
            bag.add("PC311", f"Form `{code}` is used only by obsolete {users}", doc.span("code"),
                    help=f"Withdraw it too (`proccompile retire {code} --reason '…'`), or use it in a procedure "
                         "in force")
        else:
            bag.add("PC311", f"No procedure references form `{code}`", doc.span("code"))


def minimum_retention(corpus: Corpus, bag: Diagnostics) -> None:
    """Retention written on a form or a record row is at least the project's minimum."""
    minimum = corpus.config.records.minimum_retention
    if not minimum:
        return
    for form_doc in corpus.forms:
        form_retention = form_doc.model.retention
        if form_retention and form_retention.hours < minimum.hours:
            _too_short(bag, form_doc.span("retention"), form_retention, minimum, f"Form `{form_doc.model.code}`")
    for doc in corpus.documents():
        for loc, record in record_entries(doc.model):
            if record.retention is not None and record.retention.hours < minimum.hours:
                _too_short(bag, doc.span(*loc, "retention"), record.retention, minimum, f"Record `{record.name}`")


def retention_unknown(corpus: Corpus, bag: Diagnostics) -> None:
    """A record row without retention takes its form's, else the project default; with neither it has none.
    A described record has no form to take one from."""
    if corpus.config.records.default_retention:
        return
    forms = corpus.named_by_code("form")
    for doc in corpus.named:
        for record in doc.names.records:
            if record.retention is not None:
                continue
            if not record.described:
                form = forms.get(record.name)
                # An unknown or broken form is reported elsewhere; its retention cannot be known.
                if form is None or form.names.retention:
                    continue
            field = "record" if record.described else "form"
            bag.add("PC313", f"Record `{record.name}` has no retention period", doc.span(*record.loc, field))


def retention_event(corpus: Corpus, bag: Diagnostics) -> None:
    """A retention counted from an event names one the config declares: free text would be no rule at all."""
    events = corpus.config.records.retention_events
    places: list[tuple[AnyDocument, Loc, Retention | None]] = [
        (doc, ("retention",), doc.model.retention) for doc in corpus.documents() if isinstance(doc.model, Form)]
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
    """A form kept by different departments in different documents: the register cannot say who holds it."""
    first: dict[str, tuple[str, str]] = {}  # form code -> (keeper, document code)
    for doc in corpus.named:
        if doc.names.status == "obsolete":
            continue
        for record in doc.names.records:
            if record.described:
                continue  # a described record belongs to its document alone
            keeper, where = first.setdefault(record.name, (record.keeper, doc.names.code))
            if keeper != record.keeper and where != doc.names.code:
                bag.add("PC321", f"Record `{record.name}` is kept by `{record.keeper}` here but by `{keeper}` "
                        f"in `{where}`", doc.span(*record.loc, "keeper"),
                        help=f"Name one keeper for `{record.name}` in every document (the records register and "
                             "the checklist ask one department for it)")


# A period or a floor written beside `retention: permanent` ("不少于3年", "at least 5 years").
_PERIOD = re.compile(r"不少于|至少|最少|\d+\s*(?:年|个月|月|天|日)"
                     r"|\bat least\b|\bminimum\b|\d+\s*(?:years?|months?|days?)\b", re.IGNORECASE)


def permanent_with_period(corpus: Corpus, bag: Diagnostics) -> None:
    forms = corpus.named_by_code("form")
    default = corpus.config.records.default_retention
    for doc in corpus.named:
        for record in doc.names.records:
            # How long the record is kept: its own retention, else its form's, else the project default.
            form = forms.get(record.name) if not record.described else None
            unit = (record_unit(record) or (form.names.retention_unit if form else None)
                    or (default.unit if default else None))
            if unit != "permanent" or not record.storage:
                continue
            found = _PERIOD.search(record.storage)
            if found:
                bag.add("PC323", f"Record `{record.name}` is kept permanently, but its storage says "
                        f"`{found.group()}`", doc.span(*record.loc, "storage"),
                        help="Permanent has no minimum: give `retention` the period instead, or drop the period "
                             "from `storage`")
