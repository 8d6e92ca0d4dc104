"""Walk a procedure's references (departments, forms, documents) with the YAML path of each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from proccompile.model.document import ControlledDocument
from proccompile.model.form import Form
from proccompile.model.procedure import Procedure, Step

Loc = tuple[str | int, ...]


class Ref(NamedTuple):
    target: str
    loc: Loc
    role: str


def department_refs(proc: Procedure) -> Iterator[Ref]:
    yield Ref(proc.owner, ("owner",), "owning department")
    for i, duty in enumerate(proc.responsibilities):
        yield Ref(duty.department, ("responsibilities", i, "department"), "responsibility")
    for loc, step in steps(proc):
        yield Ref(step.owner, (*loc, "owner"), "step owner")
        for k, dept in enumerate(step.support):
            yield Ref(dept, (*loc, "support", k), "step support")
    for i, commitment in enumerate(proc.commitments):
        yield Ref(commitment.owner, ("commitments", i, "owner"), "commitment owner")
    for i, record in enumerate(proc.records):
        yield Ref(record.keeper, ("records", i, "keeper"), "record keeper")
    yield from _copy_refs(proc)


def form_department_refs(form: Form) -> Iterator[Ref]:
    yield Ref(form.owner, ("owner",), "form owner")
    yield from _copy_refs(form)


def any_department_refs(document: ControlledDocument) -> Iterator[Ref]:
    """Every department a document of any type names."""
    if isinstance(document, Procedure):
        yield from department_refs(document)
    else:
        yield Ref(document.owner, ("owner",), f"{document.KIND} owner")
        yield from _copy_refs(document)


def _copy_refs(doc: ControlledDocument) -> Iterator[Ref]:
    for i, copy in enumerate(doc.distribution):
        yield Ref(copy.department, ("distribution", i, "department"), f"controlled copy {copy.number}")


def steps(proc: Procedure) -> Iterator[tuple[Loc, Step]]:
    for i, section in enumerate(proc.process):
        for j, step in enumerate(section.steps):
            yield ("process", i, "steps", j), step


def produced_records(proc: Procedure) -> Iterator[Ref]:
    """Form codes of records that steps and commitments produce."""
    for loc, step in steps(proc):
        for k, code in enumerate(step.records):
            yield Ref(code, (*loc, "records", k), "step record")
    for i, commitment in enumerate(proc.commitments):
        for k, code in enumerate(commitment.records):
            yield Ref(code, ("commitments", i, "records", k), "commitment data")


def form_refs(proc: Procedure) -> Iterator[Ref]:
    yield from produced_records(proc)
    for i, record in enumerate(proc.records):
        yield Ref(record.form, ("records", i, "form"), "records table")
    for i, attachment in enumerate(proc.attachments):
        if attachment.form:
            yield Ref(attachment.form, ("attachments", i, "form"), "attachment")


def document_refs(proc: Procedure) -> Iterator[Ref]:
    for i, code in enumerate(proc.related_documents):
        yield Ref(code, ("related_documents", i), "related document")
    for loc, step in steps(proc):
        for k, code in enumerate(step.related):
            yield Ref(code, (*loc, "related", k), "step reference")
