"""Departments: every id is defined in the config, and every actor has stated duties."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus
from proccompile.model.actors import covers
from proccompile.model.refs import department_refs, responsibilities, steps


def unknown_department(corpus: Corpus, bag: Diagnostics) -> None:
    known = list(corpus.actors)
    for doc in corpus.documents():
        for ref in department_refs(doc.model):
            if ref.target not in corpus.actors:
                bag.add(
                    "PC304",
                    f"Department `{ref.target}` ({ref.role}) is not defined in proccompile.yaml",
                    doc.span(*ref.loc),
                    help=did_you_mean(ref.target, known) or f"Defined departments: {one_of(known)}",
                )


def unknown_auditor_department(corpus: Corpus, bag: Diagnostics) -> None:
    known = [d.id for d in corpus.config.departments]
    for i, auditor in enumerate(corpus.config.audit.auditors):
        if auditor.department not in known:
            bag.add(
                "PC304",
                f"Department `{auditor.department}` (auditor `{auditor.name}`) is not defined in proccompile.yaml",
                corpus.config_source.span(("audit", "auditors", i, "department")),
                help=did_you_mean(auditor.department, known) or f"Defined departments: {one_of(known)}",
            )


def unknown_plan_department(corpus: Corpus, bag: Diagnostics) -> None:
    """Locations and representatives of the audit plan are keyed by department id; a typo would drop a row."""
    known = [d.id for d in corpus.config.departments]
    plan = corpus.config.audit.plan
    for field, mapping in (("locations", plan.locations), ("representatives", plan.representatives)):
        for dept in mapping:
            if dept not in known:
                bag.add("PC304", f"Department `{dept}` (audit plan {field}) is not defined in proccompile.yaml",
                        corpus.config_source.span(("audit", "plan", field, dept), key=True),
                        help=did_you_mean(dept, known) or f"Defined departments: {one_of(known)}")


def external_auditor(corpus: Corpus, bag: Diagnostics) -> None:
    """An internal auditor from an external party (a dealer): internal audits are done by the organisation."""
    for i, auditor in enumerate(corpus.config.audit.auditors):
        dept = corpus.config.department(auditor.department)
        if dept is not None and dept.external:
            bag.add("PC324", f"Auditor `{auditor.name}` belongs to `{dept.id}`, an external department",
                    corpus.config_source.span(("audit", "auditors", i, "department")),
                    help="Internal auditors are staff of the organisation (ISO 19011 7.2); remove this auditor or "
                         "give their own internal department")


def owner_without_duty(corpus: Corpus, bag: Diagnostics) -> None:
    """Every step owner has its duties stated: an entry names it, a group it belongs to, or (a role) its
    department."""
    index = corpus.actors
    for doc in corpus.documents():
        entries = [duty.department for _, duty in responsibilities(doc.model)]
        if not any(spec.kind == "responsibilities" for spec in type(doc.model).CHAPTERS):
            continue
        reported: set[str] = set()
        for loc, step in steps(doc.model):
            for k, owner in enumerate(step.owner):
                if owner not in index or owner in reported or any(covers(index, e, owner) for e in entries):
                    continue
                reported.add(owner)
                count = sum(1 for _, s in steps(doc.model) if owner in s.owner)
                where = (*loc, "owner", k) if len(step.owner) > 1 else (*loc, "owner")
                bag.add(
                    "PC309",
                    f"Step owner `{owner}` has no entry under `responsibilities`"
                    + (f" ({count} steps)" if count > 1 else ""),
                    doc.span(*where),
                    help=f"Add `- department: {owner}` with its duties to `responsibilities`",
                )


def owner_department_without_duty(corpus: Corpus, bag: Diagnostics) -> None:
    index = corpus.actors
    for doc in corpus.documents():
        if not any(spec.kind == "responsibilities" for spec in type(doc.model).CHAPTERS):
            continue
        owner = doc.model.owner
        entries = [duty.department for _, duty in responsibilities(doc.model)]
        if owner in index and not any(covers(index, e, owner) for e in entries):
            bag.add(
                "PC310",
                f"Owning department `{owner}` has no entry under `responsibilities`",
                doc.span("owner"),
                help=f"State what `{owner}` does for this {doc.kind} under `responsibilities`",
            )
