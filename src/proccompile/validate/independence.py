"""Independence of internal auditors by person (ISO 9001 9.2.2 c, ISO 19011 4 e): nobody audits their own
department or a group that includes it, a procedure they prepared, reviewed or approved, or the audit process
they take part in. Shared by `check` (PC329) and the audit plan, so both judge alike."""

from __future__ import annotations

from collections.abc import Iterable

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.audit_config import Auditor
from proccompile.model.clauses import is_within
from proccompile.model.config import ProjectConfig
from proccompile.model.names import AuditNames

AUDIT_CLAUSE = "9.2"


def covering(config: ProjectConfig, departments: Iterable[str]) -> set[str]:
    """``departments`` and every group (`includes`) that contains one of them."""
    out = set(departments)
    for dept in config.departments:
        if out & set(dept.includes):
            out.add(dept.id)
    return out


def is_audit_process(p: AuditNames) -> bool:
    """The internal-audit procedure: it cites 9.2 or a clause of it; the auditors take part in that process."""
    return any(is_within(c, AUDIT_CLAUSE) for c in p.cited)


def conflict(config: ProjectConfig, auditor: Auditor, departments: Iterable[str],
             procedure: tuple[str, AuditNames] | None) -> str | None:
    """Why ``auditor`` may not audit work of ``departments`` under ``procedure`` (its code and audit facts; None:
    nothing against it). ``procedure`` None: a point-of-use item, judged by department alone."""
    own = covering(config, [auditor.department])
    hit = [d for d in departments if d in own or auditor.department in _members(config, d)]
    if hit:
        return f"own department `{hit[0]}`"
    if procedure is None:
        return None
    code, facts = procedure
    if auditor.name in facts.signers:
        return f"signed {code}"
    if is_audit_process(facts):
        return f"takes part in the audit process {code}"
    return None


def _members(config: ProjectConfig, dept: str) -> set[str]:
    found = config.department(dept)
    return set(found.includes) if found is not None else set()


def auditees(config: ProjectConfig, p: AuditNames) -> list[str]:
    """The departments the checklist asks about under a procedure: its owner and everyone with a duty, a step, a
    commitment or a record to keep; an external party is asked of the owner instead."""
    out = []
    for dept in p.parties:
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
    for named in corpus.named_kind("procedure"):
        p = named.names.audit
        if named.names.status != "released" or p is None:
            continue
        code = named.names.code
        for dept in auditees(config, p):
            reasons = [conflict(config, a, [dept], (code, p)) for a in team]
            if all(reasons):
                why = "; ".join(f"{a.name}: {r}" for a, r in zip(team, reasons, strict=True))
                bag.add("PC329", f"No configured auditor may audit `{dept}` under {code} ({why})", span,
                        help="The checklist leaves these items without an auditor; add an auditor from another "
                             "department who did not sign the procedure (audit.auditors)")
        points.update((d, None) for d in p.users if (found := config.department(d)) is not None and not found.external)
    for dept in points:
        if all(conflict(config, a, [dept], None) for a in team):
            bag.add("PC329", f"No configured auditor may check the documents at `{dept}`: every one belongs to it",
                    span, help="Add an auditor from another department (audit.auditors)")
