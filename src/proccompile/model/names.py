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

from proccompile.model.actors import Actor, departments_of
from proccompile.model.clauses import cited_clauses
from proccompile.model.corpus import AnyDocument, Corpus
from proccompile.model.dates import next_review
from proccompile.model.document import ControlledDocument
from proccompile.model.form import Form
from proccompile.model.output_names import output_relpath
from proccompile.model.procedure import Procedure
from proccompile.model.refs import Loc, Ref, document_refs, file_refs, form_refs, record_entries
from proccompile.model.retention import Retention


@dataclass(frozen=True, slots=True)
class RecordNames:
    """One row of a document's records table, as far as other documents bear on it."""

    name: str
    """The form's code, or the name of a record kept without a form (``described``)."""
    described: bool
    keeper: str
    retention: str | None
    """The row's own retention in canonical form (``3y``, ``permanent``), ``event`` for one counted from an
    event, or None."""
    storage: str | None
    loc: Loc
    """Where the row is: its chapter's key and its index."""

    @property
    def form(self) -> str | None:
        """The form the record is kept on; None for a described record."""
        return None if self.described else self.name


@dataclass(frozen=True, slots=True)
class AuditNames:
    """What the audit settings are judged against in a procedure: who signed it, whom it involves, what it cites.
    Roles stand for their department and groups for their members' departments: auditees are departments."""

    owner: str
    clauses: tuple[str, ...]
    """The procedure's own `iso_clauses`, as written."""
    cited: tuple[str, ...]
    """Every clause it cites explicitly (its own, its steps' and its commitments'), sorted."""
    signers: tuple[str, ...]
    """The names of everyone who signed it, in role order (a name signed by hand is not known)."""
    parties: tuple[str, ...]
    """The departments the checklist asks about: owner, duties, step owners, commitment owners, record keepers."""
    users: tuple[str, ...]
    """The points of use of its copies: owner, duties, step owners and supporting departments."""


def audit_names(p: Procedure, actors: dict[str, Actor] | None = None) -> AuditNames:
    """The audit facts of ``p``, its actors read through ``actors`` (the project's index; none: every id is a
    department)."""
    index = actors or {}
    steps = [step for section in p.process for step in section.steps]
    duties = [a for r in p.responsibilities for a in r.department]
    parties = [p.owner, *duties, *(a for step in steps for a in step.owner),
               *(c.owner for c in p.commitments), *(r.keeper for r in p.records)]
    users = [p.owner, *duties, *(d for step in steps for d in (*step.owner, *step.support))]
    return AuditNames(owner=departments_of(index, (p.owner,))[0], clauses=tuple(p.iso_clauses),
                      cited=tuple(sorted(cited_clauses(p))),
                      signers=tuple(a.name for a in p.approvals.values() if a.name is not None),
                      parties=departments_of(index, parties), users=departments_of(index, users))


@dataclass(frozen=True, slots=True)
class Dated:
    """A date recorded in a document that must not lie ahead: a signature, a review, a signer's decision."""

    what: str
    """``signature``, ``review`` or ``decision``."""
    role: str
    """The approval role of a signature or decision; empty for a review."""
    loc: Loc
    date: dt.date


def dated_entries(model: ControlledDocument) -> tuple[Dated, ...]:
    signed = [Dated("signature", role, ("approvals", role, "date"), a.date)
              for role, a in model.approvals.items() if a.date is not None]
    reviewed = [Dated("review", "", ("reviews", i, "date"), r.date) for i, r in enumerate(model.reviews)]
    revision = model.open_revision
    decided = [Dated("decision", d.role, ("open_revision", "decisions", i, "date"), d.date)
               for i, d in enumerate(revision.decisions)] if revision is not None else []
    return (*signed, *reviewed, *decided)


def revision_found(model: ControlledDocument) -> dt.date | None:
    """The date of the last review that found a revision needed, when it was made of the version in force."""
    found = next((r for r in reversed(model.reviews) if r.result == "revise"), None)
    if found is None or (model.effective is not None and found.date < model.effective):
        return None
    return found.date


@dataclass(frozen=True, slots=True)
class DocNames:
    kind: str
    """The id of the document's type: ``procedure``, ``form``, ``manual`` …"""
    code: str
    status: str
    version: str
    output: str
    """The output file's path in the build (two documents must not share one)."""
    form_refs: tuple[Ref, ...] = ()
    document_refs: tuple[Ref, ...] = ()
    records: tuple[RecordNames, ...] = ()
    files: tuple[Ref, ...] = ()
    """Each file the document names: attachments (role ``attachment``) and pictures (``picture``)."""
    retention: str | None = None
    """A form's own retention, canonical (``3y``, ``event``), or None."""
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


def names_of(doc: AnyDocument, corpus: Corpus | None, fingerprints: tuple[str, ...] = ()) -> DocNames:
    """The name table of a modelled document of ``corpus`` (its config's review interval, output names, type
    folders and actors; None: the defaults); ``fingerprints``: see ``DocNames.fingerprints``."""
    model = doc.model
    config = corpus.config if corpus is not None else None
    due = next_review(doc, config.review_interval if config is not None else None)
    loc: Loc = ("reviews", len(model.reviews) - 1, "date") if model.reviews else ("effective",)
    folder = corpus.doctype(doc.kind).folder if corpus is not None else None
    output = output_relpath(doc.kind, model.code, model.version, model.title, folder=folder,
                            portable=config is not None and config.output_names == "portable")
    records = tuple(RecordNames(r.name, r.form is None, r.keeper, _text(r.retention), r.storage, where)
                    for where, r in record_entries(model))
    return DocNames(
        doc.kind, code=model.code, status=model.status, version=model.version, output=output,
        form_refs=tuple(form_refs(model)), document_refs=tuple(document_refs(model)), records=records,
        files=tuple(file_refs(model)), retention=_text(model.retention) if isinstance(model, Form) else None,
        review_due=due, review_loc=loc if due is not None else (), fingerprints=fingerprints,
        open_revision=model.open_revision.version if model.open_revision else None,
        revision_found=revision_found(model), replaced_by=model.withdrawn.replaced_by if model.withdrawn else None,
        dated=dated_entries(model), audit=audit_names(model, corpus.actors if corpus is not None else None)
        if isinstance(model, Procedure) else None,
    )


def _text(retention: Retention | None) -> str | None:
    return None if retention is None else retention.unit if retention.unit == "event" else str(retention)


def to_plain(names: DocNames) -> dict[str, Any]:
    """JSON-ready values of ``names``."""
    return {
        "kind": names.kind, "code": names.code, "status": names.status, "version": names.version,
        "output": names.output, "form_refs": _refs(names.form_refs), "document_refs": _refs(names.document_refs),
        "records": [[r.name, r.described, r.keeper, r.retention, r.storage, list(r.loc)] for r in names.records],
        "files": _refs(names.files), "retention": names.retention,
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
        kind=_str(value["kind"]), code=_str(value["code"]), status=_str(value["status"]),
        version=_str(value["version"]), output=_str(value["output"]),
        form_refs=_read_refs(value["form_refs"]), document_refs=_read_refs(value["document_refs"]),
        records=tuple(RecordNames(_str(n), _bool(d), _str(k), _optional(r), _optional(s), _loc(loc))
                      for n, d, k, r, s, loc in _list(value["records"], 6)),
        files=_read_refs(value["files"]),
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


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected a whole number")
    return value
