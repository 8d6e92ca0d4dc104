"""Walk a document's references (departments, forms, documents) with the YAML path of each.

One walker per chapter kind: a document's references are those of its chapters, found through its type's
chapter list, plus those of its control fields (owner, issued copies).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from proccompile.model.chapters import Commitment, RecordEntry, Responsibility, Section, Step
from proccompile.model.document import ChapterKind, ChapterSpec, ControlledDocument

Loc = tuple[str | int, ...]


class Ref(NamedTuple):
    target: str
    loc: Loc
    role: str


def _chapters(document: ControlledDocument, kinds: Iterable[ChapterKind]) -> Iterator[tuple[ChapterSpec, Any]]:
    """The chapters of ``document`` of each kind in ``kinds``, kind by kind, with their content."""
    for kind in kinds:
        for spec in type(document).CHAPTERS:
            if spec.kind == kind:
                yield spec, getattr(document, spec.key)


def department_refs(document: ControlledDocument) -> Iterator[Ref]:
    """Every department (or other actor) a document names, with what it is named for."""
    chaptered = any(spec.kind != "form" for spec in type(document).CHAPTERS)
    yield Ref(document.owner, ("owner",), "owning department" if chaptered else f"{document.KIND} owner")
    for spec, content in _chapters(document, ("responsibilities", "steps", "commitments", "records")):
        yield from _DEPARTMENTS[spec.kind](spec.key, content)
    yield from _approval_refs(document)
    yield from _copy_refs(document)


def form_department_refs(document: ControlledDocument) -> Iterator[Ref]:
    return department_refs(document)


def _approval_refs(doc: ControlledDocument) -> Iterator[Ref]:
    for role_id, approval in doc.approvals.items():
        if approval.role is not None:
            yield Ref(approval.role, ("approvals", role_id, "role"), f"`{role_id}` signer")


def _copy_refs(doc: ControlledDocument) -> Iterator[Ref]:
    for i, copy in enumerate(doc.distribution):
        yield Ref(copy.department, ("distribution", i, "department"), f"controlled copy {copy.number}")


def steps(document: ControlledDocument) -> Iterator[tuple[Loc, Step]]:
    """Every step of every steps chapter, with its path."""
    for spec, sections in _chapters(document, ("steps",)):
        yield from _steps(spec.key, sections)


def _steps(field: str, sections: list[Section]) -> Iterator[tuple[Loc, Step]]:
    for i, section in enumerate(sections):
        for j, step in enumerate(section.steps):
            yield (field, i, "steps", j), step


def commitments(document: ControlledDocument) -> Iterator[tuple[Loc, Commitment]]:
    """Every commitment of the document's commitments chapters, with its path."""
    for spec, content in _chapters(document, ("commitments",)):
        for i, entry in enumerate(content):
            yield (spec.key, i), entry


def responsibilities(document: ControlledDocument) -> Iterator[tuple[Loc, Responsibility]]:
    """Every duty entry of the document's responsibilities chapters, with its path."""
    for spec, content in _chapters(document, ("responsibilities",)):
        for i, entry in enumerate(content):
            yield (spec.key, i), entry


def record_entries(document: ControlledDocument) -> Iterator[tuple[Loc, RecordEntry]]:
    """Every entry of the document's records tables, with its path."""
    for spec, content in _chapters(document, ("records",)):
        for i, entry in enumerate(content):
            yield (spec.key, i), entry


def produced_records(document: ControlledDocument) -> Iterator[Ref]:
    """Form codes of records that steps and commitments produce."""
    for spec, content in _chapters(document, ("steps",)):
        for loc, step in _steps(spec.key, content):
            for k, code in enumerate(step.records):
                yield Ref(code, (*loc, "records", k), "step record")
    for spec, content in _chapters(document, ("commitments",)):
        for i, commitment in enumerate(content):
            for k, code in enumerate(commitment.records):
                yield Ref(code, (spec.key, i, "records", k), "commitment data")
    for spec, content in _chapters(document, ("operations",)):
        for i, operation in enumerate(content):
            for k, code in enumerate(operation.records):
                yield Ref(code, (spec.key, i, "records", k), "operation record")


def form_refs(document: ControlledDocument) -> Iterator[Ref]:
    """Every form a document names: records produced, the records table, attachments that are forms."""
    yield from produced_records(document)
    for spec, content in _chapters(document, ("records",)):
        for i, record in enumerate(content):
            if record.form is not None:  # a described record (`record:`) is not kept on a form
                yield Ref(record.form, (spec.key, i, "form"), "records table")
    for spec, content in _chapters(document, ("attachments",)):
        for i, attachment in enumerate(content):
            if attachment.form:
                yield Ref(attachment.form, (spec.key, i, "form"), "attachment")


def document_refs(document: ControlledDocument) -> Iterator[Ref]:
    """Every procedure or external document a document cites."""
    for spec, content in _chapters(document, ("related",)):
        for i, code in enumerate(content):
            yield Ref(code, (spec.key, i), "related document")
    for spec, content in _chapters(document, ("steps",)):
        for loc, step in _steps(spec.key, content):
            for k, code in enumerate(step.related):
                yield Ref(code, (*loc, "related", k), "step reference")
    for spec, content in _chapters(document, ("clauses",)):
        for i, entry in enumerate(content):
            for k, code in enumerate(entry.documents):
                yield Ref(code, (spec.key, i, "documents", k), f"clause {entry.clause}")


def file_refs(document: ControlledDocument) -> Iterator[Ref]:
    """Every file a document prints or ships: attachments (role "attachment") and pictures (role "picture")."""
    for spec, content in _chapters(document, ("attachments",)):
        for i, attachment in enumerate(content):
            if attachment.file is not None:
                yield Ref(attachment.file, (spec.key, i, "file"), "attachment")
    for spec, content in _chapters(document, ("operations", "clauses")):
        for i, entry in enumerate(content):
            if entry.picture is not None:
                yield Ref(entry.picture.file, (spec.key, i, "picture", "file"), "picture")
    for i, free in enumerate(getattr(document, "chapters", [])):
        if free.picture is not None:
            yield Ref(free.picture.file, ("chapters", i, "picture", "file"), "picture")


def _actors(actors: tuple[str, ...], loc: Loc, role: str) -> Iterator[Ref]:
    """One reference per actor of a field that takes one id or a list (a list's items are addressed by index)."""
    if len(actors) == 1:
        yield Ref(actors[0], loc, role)
        return
    for k, actor in enumerate(actors):
        yield Ref(actor, (*loc, k), role)


def _responsibility_departments(field: str, duties: list[Any]) -> Iterator[Ref]:
    for i, duty in enumerate(duties):
        yield from _actors(duty.department, (field, i, "department"), "responsibility")


def _step_departments(field: str, sections: list[Section]) -> Iterator[Ref]:
    for loc, step in _steps(field, sections):
        yield from _actors(step.owner, (*loc, "owner"), "step owner")
        for k, dept in enumerate(step.support):
            yield Ref(dept, (*loc, "support", k), "step support")


def _commitment_departments(field: str, commitments: list[Any]) -> Iterator[Ref]:
    for i, commitment in enumerate(commitments):
        yield Ref(commitment.owner, (field, i, "owner"), "commitment owner")


def _record_departments(field: str, records: list[Any]) -> Iterator[Ref]:
    for i, record in enumerate(records):
        yield Ref(record.keeper, (field, i, "keeper"), "record keeper")


_DEPARTMENTS = {
    "responsibilities": _responsibility_departments,
    "steps": _step_departments,
    "commitments": _commitment_departments,
    "records": _record_departments,
}
