"""A document's name table: what it defines and what it references, all the corpus-wide checks read of it.

The table is plain data (codes, statuses, reference targets with their YAML paths), computed once from
the model, so cross-references can be judged without holding every model, and can be stored as JSON
and read back (``to_plain`` / ``from_plain``) by the incremental check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from proccompile.model.clauses import cited_clauses
from proccompile.model.corpus import Document
from proccompile.model.dates import next_review
from proccompile.model.form import Form
from proccompile.model.output_names import output_relpath
from proccompile.model.procedure import Procedure
from proccompile.model.refs import Loc, Ref, document_refs, form_refs
from proccompile.model.types import Duration


@dataclass(frozen=True, slots=True)
class RecordNames:
    """One row of a procedure's `records` table, as far as other documents bear on it."""

    form: str
    keeper: str
    retention: str | None
    """The row's own retention as written in canonical form (``3y``, ``permanent``), or None."""
    storage: str | None


@dataclass(frozen=True, slots=True)
class AuditNames:
    """What the audit settings are judged against in a procedure: who signed it, whom it involves, what it cites."""

    owner: str
    clauses: tuple[str, ...]
    """The procedure's own `iso_clauses`, as written."""
    cited: tuple[str, ...]
    """Every clause it cites explicitly (its own, its steps' and its commitments'), sorted."""
    signers: tuple[str, ...]
    """The names of everyone who signed it, in role order."""
    parties: tuple[str, ...]
    """The departments the checklist asks about: owner, duties, step owners, commitment owners, record keepers."""
    users: tuple[str, ...]
    """The points of use of its copies: owner, duties, step owners and supporting departments."""


def audit_names(p: Procedure) -> AuditNames:
    steps = [step for section in p.process for step in section.steps]
    parties = [p.owner, *(r.department for r in p.responsibilities), *(step.owner for step in steps),
               *(c.owner for c in p.commitments), *(r.keeper for r in p.records)]
    users = [p.owner, *(r.department for r in p.responsibilities),
             *(d for step in steps for d in (step.owner, *step.support))]
    return AuditNames(owner=p.owner, clauses=tuple(p.iso_clauses), cited=tuple(sorted(cited_clauses(p))),
                      signers=tuple(a.name for a in p.approvals.values()),
                      parties=tuple(dict.fromkeys(parties)), users=tuple(dict.fromkeys(users)))


@dataclass(frozen=True, slots=True)
class Dated:
    """A date recorded in a document that must not lie ahead: a signature, a review, a signer's decision."""

    what: str
    """``signature``, ``review`` or ``decision``."""
    role: str
    """The approval role of a signature or decision; empty for a review."""
    loc: Loc
    date: dt.date


def dated_entries(model: Procedure | Form) -> tuple[Dated, ...]:
    signed = [Dated("signature", role, ("approvals", role, "date"), a.date)
              for role, a in model.approvals.items() if a.date is not None]
    reviewed = [Dated("review", "", ("reviews", i, "date"), r.date) for i, r in enumerate(model.reviews)]
    revision = model.open_revision
    decided = [Dated("decision", d.role, ("open_revision", "decisions", i, "date"), d.date)
               for i, d in enumerate(revision.decisions)] if revision is not None else []
    return (*signed, *reviewed, *decided)


def revision_found(model: Procedure | Form) -> dt.date | None:
    """The date of the last review that found a revision needed, when it was made of the version in force."""
    found = next((r for r in reversed(model.reviews) if r.result == "revise"), None)
    if found is None or (model.effective is not None and found.date < model.effective):
        return None
    return found.date


@dataclass(frozen=True, slots=True)
class DocNames:
    kind: str
    """``procedure`` or ``form``."""
    code: str
    status: str
    version: str
    output: str
    """The output file's path in the build (two documents must not share one)."""
    form_refs: tuple[Ref, ...] = ()
    document_refs: tuple[Ref, ...] = ()
    records: tuple[RecordNames, ...] = ()
    attachments: tuple[tuple[int, str], ...] = ()
    """(index under `attachments`, file) of each attached file a procedure names."""
    retention: str | None = None
    """A form's own retention, canonical (``3y``), or None."""
    review_due: dt.date | None = None
    review_loc: Loc = ()
    """Where an overdue review is reported: the last review's date, else the effective date."""
    fingerprints: tuple[str, ...] = ()
    """The released-content fingerprints (see ``content_fingerprints``), when taken (projects with a lock file)."""
    open_revision: str | None = None
    """The version an open revision will release, when one is open."""
    revision_found: dt.date | None = None
    """When a review of the version in force last found a revision needed (see ``revision_found``)."""
    replaced_by: str | None = None
    """A withdrawn document's named replacement."""
    dated: tuple[Dated, ...] = ()
    """Its signatures, reviews and decisions, with their dates."""
    audit: AuditNames | None = None
    """A procedure's audit facts (None for a form)."""

    @property
    def retention_unit(self) -> str | None:
        return _unit(self.retention)


def record_unit(record: RecordNames) -> str | None:
    return _unit(record.retention)


def _unit(text: str | None) -> str | None:
    if text is None:
        return None
    return "permanent" if text == "permanent" else text.lstrip("0123456789")


def names_of(doc: Document[Procedure] | Document[Form], review_interval: Duration | None,
             fingerprints: tuple[str, ...] = (), *, portable: bool = False) -> DocNames:
    """The name table of a modelled document (``review_interval``: the project's; ``portable``: its output
    names are portable ones, see ``output_relpath``)."""
    model = doc.model
    due = next_review(doc, review_interval)
    loc: Loc = ("reviews", len(model.reviews) - 1, "date") if model.reviews else ("effective",)
    common: dict[str, Any] = {"code": model.code, "status": model.status, "version": model.version,
                              "review_due": due, "review_loc": loc if due is not None else (),
                              "fingerprints": fingerprints,
                              "open_revision": model.open_revision.version if model.open_revision else None,
                              "revision_found": revision_found(model),
                              "replaced_by": model.withdrawn.replaced_by if model.withdrawn else None,
                              "dated": dated_entries(model)}
    if isinstance(model, Form):
        output = output_relpath("form", model.code, model.version, model.title, portable=portable)
        return DocNames("form", output=output, retention=_text(model.retention), **common)
    return DocNames(
        "procedure", output=output_relpath("procedure", model.code, model.version, model.title, portable=portable),
        form_refs=tuple(form_refs(model)), document_refs=tuple(document_refs(model)),
        records=tuple(RecordNames(r.form, r.keeper, _text(r.retention), r.storage) for r in model.records),
        attachments=tuple((i, a.file) for i, a in enumerate(model.attachments) if a.file is not None),
        audit=audit_names(model), **common,
    )


def _text(duration: Duration | None) -> str | None:
    return None if duration is None else str(duration)


def to_plain(names: DocNames) -> dict[str, Any]:
    """JSON-ready values of ``names``."""
    return {
        "kind": names.kind, "code": names.code, "status": names.status, "version": names.version,
        "output": names.output, "form_refs": _refs(names.form_refs), "document_refs": _refs(names.document_refs),
        "records": [[r.form, r.keeper, r.retention, r.storage] for r in names.records],
        "attachments": [list(a) for a in names.attachments], "retention": names.retention,
        "review_due": None if names.review_due is None else names.review_due.isoformat(),
        "review_loc": list(names.review_loc), "fingerprints": list(names.fingerprints),
        "open_revision": names.open_revision, "revision_found": _iso(names.revision_found),
        "replaced_by": names.replaced_by,
        "dated": [[d.what, d.role, list(d.loc), d.date.isoformat()] for d in names.dated],
        "audit": None if names.audit is None else [
            names.audit.owner, list(names.audit.clauses), list(names.audit.cited), list(names.audit.signers),
            list(names.audit.parties), list(names.audit.users)],
    }


def _refs(refs: Iterable[Ref]) -> list[list[Any]]:
    return [[ref.target, list(ref.loc), ref.role] for ref in refs]


def from_plain(value: object) -> DocNames:
    """The table ``to_plain`` wrote; ValueError when ``value`` is not exactly that (edited or damaged)."""
    if not isinstance(value, dict):
        raise ValueError("a name table is a mapping")
    due = _optional(value["review_due"])
    return DocNames(
        kind=_choice(value["kind"], ("procedure", "form")), code=_str(value["code"]), status=_str(value["status"]),
        version=_str(value["version"]), output=_str(value["output"]),
        form_refs=_read_refs(value["form_refs"]), document_refs=_read_refs(value["document_refs"]),
        records=tuple(RecordNames(_str(f), _str(k), _optional(r), _optional(s))
                      for f, k, r, s in _list(value["records"], 4)),
        attachments=tuple((_int(i), _str(f)) for i, f in _list(value["attachments"], 2)),
        retention=_optional(value["retention"]),
        review_due=None if due is None else dt.date.fromisoformat(due),
        review_loc=_loc(value["review_loc"]), fingerprints=_strs(value["fingerprints"]),
        open_revision=_optional(value["open_revision"]), revision_found=_date(value["revision_found"]),
        replaced_by=_optional(value["replaced_by"]),
        dated=tuple(Dated(_str(what), _str(role), _loc(loc), _required_date(date))
                    for what, role, loc, date in _list(value["dated"], 4)),
        audit=_read_audit(value["audit"]),
    )


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _date(value: object) -> dt.date | None:
    return None if value is None else _required_date(value)


def _required_date(value: object) -> dt.date:
    return dt.date.fromisoformat(_str(value))


def _read_audit(value: object) -> AuditNames | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 6:
        raise ValueError("audit facts are a 6-item list")
    owner, *lists = value
    clauses, cited, signers, parties, users = (_strs(item) for item in lists)
    return AuditNames(_str(owner), clauses, cited, signers, parties, users)


def _strs(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError("expected a list of texts")
    return tuple(_str(item) for item in value)


def _read_refs(value: object) -> tuple[Ref, ...]:
    return tuple(Ref(_str(target), _loc(loc), _str(role)) for target, loc, role in _list(value, 3))


def _list(value: object, width: int) -> list[Sequence[Any]]:
    if not isinstance(value, list) or not all(isinstance(item, list) and len(item) == width for item in value):
        raise ValueError(f"expected a list of {width}-item lists")
    return value


def _loc(value: object) -> Loc:
    if not isinstance(value, list):
        raise ValueError("a path is a list")
    return tuple(part if isinstance(part, str) else _int(part) for part in value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected a whole number")
    return value


def _choice(value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"expected one of {choices}")
    return str(value)

