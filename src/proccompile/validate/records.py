"""Records: every record is listed, produced, used and kept long enough."""

from __future__ import annotations

import re

from proccompile.diagnostics import Diagnostics, Span
from proccompile.model import Corpus
from proccompile.model.names import record_unit
from proccompile.model.refs import produced_records
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
    # Only documents not withdrawn put a form to use: one named by obsolete procedures alone is an orphan
    # that is still printed as a controlled form.
    used: set[str] = set()
    withdrawn: dict[str, list[str]] = {}
    for procedure in corpus.named_kind("procedure"):
        for ref in procedure.names.form_refs:
            if procedure.names.status != "obsolete":
                used.add(ref.target)
            else:
                withdrawn.setdefault(ref.target, []).append(procedure.names.code)
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
    for doc in corpus.procedures:
        for i, record in enumerate(doc.model.records):
            if record.retention is not None and record.retention.hours < minimum.hours:
                _too_short(bag, doc.span("records", i, "retention"), record.retention, minimum,
                           f"Record `{record.form}`")


def retention_unknown(corpus: Corpus, bag: Diagnostics) -> None:
    """A record row without retention takes its form's, else the project default; with neither it has none."""
    if corpus.config.records.default_retention:
        return
    forms = corpus.named_by_code("form")
    for doc in corpus.named_kind("procedure"):
        for i, record in enumerate(doc.names.records):
            if record.retention is not None:
                continue
            form = forms.get(record.form)
            # An unknown or broken form is reported elsewhere; its retention cannot be known.
            if form is None or form.names.retention:
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


def keeper_conflict(corpus: Corpus, bag: Diagnostics) -> None:
    """A form kept by different departments in different procedures: the register cannot say who holds it."""
    first: dict[str, tuple[str, str]] = {}  # form code -> (keeper, procedure code)
    for doc in corpus.named_kind("procedure"):
        if doc.names.status == "obsolete":
            continue
        for i, record in enumerate(doc.names.records):
            keeper, where = first.setdefault(record.form, (record.keeper, doc.names.code))
            if keeper != record.keeper and where != doc.names.code:
                bag.add("PC321", f"Record `{record.form}` is kept by `{record.keeper}` here but by `{keeper}` "
                        f"in `{where}`", doc.span("records", i, "keeper"),
                        help=f"Name one keeper for `{record.form}` in every procedure (the records register and "
                             "the checklist ask one department for it)")


# A period or a floor written beside `retention: permanent` ("不少于3年", "at least 5 years").
_PERIOD = re.compile(r"不少于|至少|最少|\d+\s*(?:年|个月|月|天|日)"
                     r"|\bat least\b|\bminimum\b|\d+\s*(?:years?|months?|days?)\b", re.IGNORECASE)


def permanent_with_period(corpus: Corpus, bag: Diagnostics) -> None:
    forms = corpus.named_by_code("form")
    default = corpus.config.records.default_retention
    for doc in corpus.named_kind("procedure"):
        for i, record in enumerate(doc.names.records):
            # How long the record is kept: its own retention, else its form's, else the project default.
            form = forms.get(record.form)
            unit = (record_unit(record) or (form.names.retention_unit if form else None)
                    or (default.unit if default else None))
            if unit != "permanent" or not record.storage:
                continue
            found = _PERIOD.search(record.storage)
            if found:
                bag.add("PC323", f"Record `{record.form}` is kept permanently, but its storage says "
                        f"`{found.group()}`", doc.span("records", i, "storage"),
                        help="Permanent has no minimum: give `retention` the period instead, or drop the period "
                             "from `storage`")
