"""Checklist items derived from each procedure: duties, steps, time limits, commitments, records, document control."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from proccompile.diagnostics.suggest import did_you_mean
from proccompile.diagnostics.usage import UsageError
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.display import form_number_of, form_title_of, record_retention, time_limit_text
from proccompile.model.numbering import numbering
from proccompile.model.procedure import Procedure

# Retention and storage, and document control, are judged against 7.5 whatever the procedure is about.
RECORD_CLAUSES = ("7.5.3",)
CURRENT_CLAUSES = ("7.5.3",)
APPROVAL_CLAUSES = ("7.5.2",)


@dataclass(frozen=True, slots=True)
class FormRef:
    code: str
    number: str  # printed form number, e.g. Q/JL081701-A
    title: str


@dataclass(frozen=True)
class Item:
    """One checklist line before wording: what is checked, where the requirement is, and what to sample."""

    kind: str
    procedure: str  # procedure code
    section: str  # printed section number; "" for the cover and revision history
    clauses: tuple[str, ...]
    department: str  # department id of the auditee
    methods: tuple[str, ...]  # standards.md §3.6: D document review, I interview, O observation, S sampling
    forms: tuple[FormRef, ...] = ()
    sample: int = 0  # records to sample; 0 when nothing is sampled
    facts: dict[str, Any] = field(default_factory=dict)  # kind-specific values for the wording templates
    number: int = 0  # 1-based, in procedure order; stable across the by-department and by-clause views
    question: str = ""  # filled from the wording templates (audit/wording.py)
    evidence: str = ""  # expected evidence, also from the templates
    auditor: str = ""  # filled by the audit plan


class UnknownProcedure(UsageError):
    """``--procedure`` named a code that is not in the corpus."""

    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"no procedure `{code}` in the project", help=did_you_mean(code, known))
        self.code, self.known = code, known


def select_procedures(corpus: Corpus, codes: Iterable[str] = ()) -> list[Document[Procedure]]:
    """The named procedures in the order given, or every released one (drafts and obsolete ones are not in force)."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        return [doc for doc in corpus.procedures if doc.model.status == "released"]
    chosen = []
    for code in codes:
        doc = corpus.procedure(code)
        if doc is None:
            raise UnknownProcedure(code, [d.model.code for d in corpus.procedures])
        chosen.append(doc)
    return chosen


def derive_items(corpus: Corpus, procedures: list[Document[Procedure]]) -> list[Item]:
    items = [item for doc in procedures for item in _procedure_items(corpus, doc.model)]
    return [replace(item, number=n) for n, item in enumerate(items, 1)]


def _procedure_items(corpus: Corpus, p: Procedure) -> Iterator[Item]:
    num = numbering(p)
    n = corpus.config.audit.sample_size
    base = tuple(p.iso_clauses)

    def forms(codes: Iterable[str]) -> tuple[FormRef, ...]:
        return tuple(FormRef(c, form_number_of(corpus, c), form_title_of(corpus, c)) for c in dict.fromkeys(codes))

    for i, duty in enumerate(p.responsibilities):
        for text in duty.duties:
            yield Item("responsibility", p.code, num.responsibility(i), base, duty.department, ("I",),
                       facts={"duty": text})
    for i, section in enumerate(p.process):
        for j, step in enumerate(section.steps):
            where = num.step(i, j)
            clauses = tuple(step.clauses) or base
            evidence = forms(step.records)
            facts = {"text": step.text, "subsection": section.title, "items": list(step.items),
                     "support": list(step.support), "limit": time_limit_text(step, corpus.config.language)}
            yield Item("step", p.code, where, clauses, step.owner, ("O", "S") if evidence else ("O", "I"),
                       evidence, n if evidence else 0, facts)
            if step.time_limit is not None:
                yield Item("time_limit", p.code, where, clauses, step.owner, ("S",) if evidence else ("I", "O"),
                           evidence, n if evidence else 0, facts)
    for k, c in enumerate(p.commitments):
        evidence = forms(c.records)
        yield Item("commitment", p.code, num.section("commitments"), base, c.owner,
                   ("D", "S") if evidence else ("D", "I"), evidence, n if evidence else 0,
                   {"metric": c.metric, "target": c.target, "measured_by": c.measured_by, "row": k + 1,
                    "limit": c.time_limit.display(corpus.config.language) if c.time_limit else ""})
    for k, entry in enumerate(p.records):
        form = corpus.form(entry.form)
        retention = record_retention(corpus, entry)
        yield Item("record", p.code, num.section("records"), RECORD_CLAUSES, entry.keeper, ("S", "O"),
                   forms([entry.form]), n,
                   {"retention": retention.display(corpus.config.language) if retention else "",
                    "storage": entry.storage or "", "row": k + 1,
                    "form_version": form.model.version if form else ""})
    users = list(dict.fromkeys([p.owner, *(d.department for d in p.responsibilities),
                                *(d for sec in p.process for s in sec.steps for d in (s.owner, *s.support))]))
    yield Item("document_current", p.code, "", CURRENT_CLAUSES, p.owner, ("O",),
               facts={"version": p.version, "users": users})
    roles = [(r, p.approvals.get(r.id)) for r in corpus.config.approval_roles]
    yield Item("document_approval", p.code, "", APPROVAL_CLAUSES, p.owner, ("D",),
               facts={"version": p.version, "roles": roles, "revisions": len(p.revisions),
                      "issued": p.issued.isoformat() if p.issued else "",
                      "effective": p.effective.isoformat() if p.effective else ""})
