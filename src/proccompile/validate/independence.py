"""Independence of internal auditors by person (ISO 9001 9.2.2 c, ISO 19011 4 e): nobody audits their own
department or a group that includes it, a procedure they prepared, reviewed or approved, or the audit process
they take part in. Shared by `check` (PC329) and the audit plan, so both judge alike."""

from __future__ import annotations

from collections.abc import Iterable

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.audit_config import Auditor
from proccompile.model.clauses import cited_clauses, is_within
from proccompile.model.config import ProjectConfig
from proccompile.model.procedure import Procedure

AUDIT_CLAUSE = "9.2"


def covering(config: ProjectConfig, departments: Iterable[str]) -> set[str]:
    """``departments`` and every group (`includes`) that contains one of them."""
    out = set(departments)
    for dept in config.departments:
        if out & set(dept.includes):
            out.add(dept.id)
    return out


def signers(p: Procedure) -> set[str]:
    """Everyone who signed the procedure: prepared, reviewed, approved (and any other configured role)."""
    return {a.name for a in p.approvals.values()}


def is_audit_process(p: Procedure) -> bool:
    """The internal-audit procedure: it cites 9.2 or a clause of it; the auditors take part in that process."""
    return any(is_within(c, AUDIT_CLAUSE) for c in cited_clauses(p))


def conflict(config: ProjectConfig, auditor: Auditor, departments: Iterable[str],
             procedure: Procedure | None) -> str | None:
    """Why ``auditor`` may not audit work of ``departments`` under ``procedure`` (None: nothing against it).
    ``procedure`` None: a point-of-use item, judged by department alone."""
    own = covering(config, [auditor.department])
    hit = [d for d in departments if d in own or auditor.department in _members(config, d)]
    if hit:
        return f"own department `{hit[0]}`"
    if procedure is None:
        return None
    if auditor.name in signers(procedure):
        return f"signed {procedure.code}"
    if is_audit_process(procedure):
        return f"takes part in the audit process {procedure.code}"
    return None


def _members(config: ProjectConfig, dept: str) -> set[str]:
    found = config.department(dept)
    return set(found.includes) if found is not None else set()


def auditees(config: ProjectConfig, p: Procedure) -> list[str]:
    """The departments the checklist asks about under ``p``: its owner and everyone with a duty, a step, a
    commitment or a record to keep; an external party is asked of the owner instead."""
    found = [p.owner, *(r.department for r in p.responsibilities),
             *(step.owner for s in p.process for step in s.steps), *(c.owner for c in p.commitments),
             *(r.keeper for r in p.records)]
    out = []
    for dept in found:
        known = config.department(dept)
        out.append(p.owner if known is not None and known.external else dept)
    return list(dict.fromkeys(out))


def auditors_cannot_cover(corpus: Corpus, bag: Diagnostics) -> None:
    """PC329: for a department of a released procedure, no configured auditor is independent."""
    config = corpus.config
    team = config.audit.auditors
    if not team or any(config.department(a.department) is None for a in team):
        return  # no plan is made, or PC304 says what is wrong
    span = corpus.config_source.span(("audit", "auditors"), key=True)
    points: dict[str, None] = {}  # every internal point of use: its copies are checked by department alone
    for doc in corpus.procedures:
        p = doc.model
        if p.status != "released":
            continue
        for dept in auditees(config, p):
            reasons = [conflict(config, a, [dept], p) for a in team]
            if all(reasons):
                why = "; ".join(f"{a.name}: {r}" for a, r in zip(team, reasons, strict=True))
                bag.add("PC329", f"No configured auditor may audit `{dept}` under {p.code} ({why})", span,
                        help="The checklist leaves these items without an auditor; add an auditor from another "
                             "department who did not sign the procedure (audit.auditors)")
        users = [p.owner, *(r.department for r in p.responsibilities),
                 *(d for s in p.process for step in s.steps for d in (step.owner, *step.support))]
        points.update((d, None) for d in users if (found := config.department(d)) is not None and not found.external)
    for dept in points:
        if all(conflict(config, a, [dept], None) for a in team):
            bag.add("PC329", f"No configured auditor may check the documents at `{dept}`: every one belongs to it",
                    span, help="Add an auditor from another department (audit.auditors)")
