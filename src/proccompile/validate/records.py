"""Records: every record is listed, produced, used and kept long enough."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Span
from proccompile.model import Corpus
from proccompile.model.refs import form_refs, produced_records
from proccompile.model.types import Duration
from proccompile.validate.references import pinned_base


def record_not_listed(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.procedures:
        listed = {r.form for r in doc.model.records}
        for ref in produced_records(doc.model):
            if ref.target not in listed and not pinned_base(ref.target, listed):
                bag.add(
                    "PC307",
                    f"Record `{ref.target}` ({ref.role}) is missing from the `records` table",
                    doc.span(*ref.loc),
                    help=f"Add `- form: {ref.target}` with its keeper and retention to `records`",
                )


def record_not_produced(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.procedures:
        produced = {ref.target for ref in produced_records(doc.model)}
        for i, record in enumerate(doc.model.records):
            if record.form not in produced:
                bag.add(
                    "PC308",
                    f"No step produces record `{record.form}`",
                    doc.span("records", i, "form"),
                    help="Name the form under the `records` of the step that fills it in, or drop the entry",
                )


def unused_form(corpus: Corpus, bag: Diagnostics) -> None:
    if corpus.broken_procedures:
        return
    used = {ref.target for doc in corpus.procedures for ref in form_refs(doc.model)}
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
    for doc in corpus.procedures:
        for i, record in enumerate(doc.model.records):
            if record.retention is not None:
                if minimum and record.retention.hours < minimum.hours:
                    _too_short(bag, doc.span("records", i, "retention"), record.retention, minimum,
                               f"Record `{record.form}`")
                continue
            form = corpus.form(record.form)
            # An unknown or broken form is reported elsewhere; its retention cannot be known.
            if form is None or form.model.retention or policy.default_retention:
                continue
            bag.add(
                "PC313",
                f"Record `{record.form}` has no retention period",
                doc.span("records", i, "form"),
            )


def _too_short(bag: Diagnostics, span: Span, value: Duration, minimum: Duration, what: str) -> None:
    bag.add(
        "PC314",
        f"{what} is kept for {value}, less than the minimum of {minimum}",
        span,
        help=f"Keep it for at least {minimum} (records.minimum_retention in proccompile.yaml)",
    )
