"""Checklist items from each procedure, one per auditable requirement, merged and de-duplicated.

Each kind of item comes from one function below (duties, steps, commitments, records, document control), so
a new kind is one more generator added to ``procedure_items``; a flowchart decision is a step whose item asks how
each of its outcomes is handled (``flow_items``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from proccompile.audit.flow_items import decision_facts
from proccompile.audit.sampling import FormRef, form_ref
from proccompile.audit.time_limits import limit_facts
from proccompile.model import Corpus
from proccompile.model.actors import Actor, departments_of
from proccompile.model.corpus import Document
from proccompile.model.display import record_retention
from proccompile.model.numbering import Numbering, numbering_in
from proccompile.model.procedure import Procedure, Step

# Retention and storage, and document control, are judged against 7.5 whatever the procedure is about: these
# tags say what the item is judged against, and count as "controlled", never as coverage of the clause.
RECORD_CLAUSES = ("7.5.3",)
CURRENT_CLAUSES = ("7.5.3",)
APPROVAL_CLAUSES = ("7.5.2",)
# Audit risk rank (lower is audited first when a procedure has more items than audit.items_per_procedure):
# a missed time limit, KPI or record is objective evidence; a duty restated in an interview is the weakest.
RISK = {"time_limit": 0, "commitment": 1, "record": 2, "step_records": 3, "document_approval": 4,
        "document_current": 4, "document_draft": 4, "document_withdrawn": 4, "step": 5, "decision": 5,
        "responsibility": 6, "authority": 6}
# A duty at least this similar to a step of its department states the same requirement: only the step is kept.
MERGE_SIMILARITY = 0.6
# Below MERGE_SIMILARITY but above this, the duty still describes that step: it takes the step's clauses.
MATCH_SIMILARITY = 0.3
_PUNCTUATION = re.compile(r"[\s\W_]+")

__all__ = ["FormRef", "Item", "derive_items", "procedure_items", "same_requirement"]


@dataclass(frozen=True)
class Item:
    """One checklist line before wording: what is checked, where the requirement is, and what to sample."""

    kind: str
    procedure: str  # procedure code; "" for a point-of-use item, which checks several procedures at once
    section: str  # printed section number; "" for the cover and revision history
    clauses: tuple[str, ...]  # clauses the requirement cites itself: what the item covers
    department: str  # department id of the auditee
    methods: tuple[str, ...]  # standards.md §3.6: D document review, I interview, O observation, S sampling
    forms: tuple[FormRef, ...] = ()
    sampled: bool = False  # records are sampled (by the sampling table)
    facts: dict[str, Any] = field(default_factory=dict)  # kind-specific values for the wording templates
    number: int = 0  # 1-based, in procedure order; stable across the by-department and by-clause views
    question: str = ""  # filled from the wording templates (audit/wording.py)
    evidence: str = ""  # expected evidence, also from the templates
    auditor: str = ""  # filled by the audit plan
    risk: int = 9  # RISK rank; lower is audited first
    named: tuple[str, ...] = ()  # other departments the item asks about (not only the auditee)
    inherited: tuple[str, ...] = ()  # the procedure's clauses, for an item citing none: clause view only, no coverage
    control: tuple[str, ...] = ()  # document-control clauses it is judged against (7.5.2, 7.5.3): not coverage
    procedures: tuple[str, ...] = ()  # a point-of-use item: the procedures checked there
    status: str = "released"  # the procedure's status: draft items are worded as not yet in force
    actor: str = ""  # the role (or department) the item asks about, when more precise than the department

    @property
    def departments(self) -> tuple[str, ...]:
        """Every department whose work the item judges: no auditor from any of them may take it."""
        return tuple(dict.fromkeys((self.department, *self.named)))

    @property
    def shown_clauses(self) -> tuple[str, ...]:
        """The clause cell outside the clause view: what the item cites and the document-control tags."""
        return tuple(dict.fromkeys((*self.clauses, *self.control)))

    @property
    def scope(self) -> tuple[str, ...]:
        """The procedures the item audits."""
        return self.procedures or ((self.procedure,) if self.procedure else ())


def derive_items(corpus: Corpus, procedures: list[Document[Procedure]]) -> list[Item]:
    """Every item of every procedure, without focus, then the point-of-use items; numbered 1…n.

    A form is checked for keeper and retention once, by the first procedure that lists it: the same
    record under several procedures is one requirement (a different keeper is PC321 in ``check``).
    """
    checked_forms: set[str] = set()
    items = []
    for doc in procedures:
        # A record kept without a form (code "") belongs to its procedure alone.
        own = [i for i in procedure_items(corpus, doc.model)
               if i.kind != "record" or not i.forms[0].code or i.forms[0].code not in checked_forms]
        checked_forms.update(i.forms[0].code for i in own if i.kind == "record" and i.forms[0].code)
        items += own
    items += point_of_use_items(corpus, [doc.model for doc in procedures])
    return [replace(item, number=n) for n, item in enumerate(items, 1)]


def same_requirement(duty: str, step: str) -> float:
    """How far a duty restates a step, 0…1: containment counts fully, else the matching-characters ratio."""
    a, b = _bare(duty), _bare(step)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bare(text: str) -> str:
    return _PUNCTUATION.sub("", text.casefold())


class _StepText:
    """A step's text prepared once for same_requirement against each duty of its department."""

    def __init__(self, text: str) -> None:
        self.bare = _bare(text)
        self._matcher: SequenceMatcher[str] | None = None

    def ratio(self, duty: str, floor: float = 0.0) -> float | None:
        """same_requirement(duty, step) for a duty already made _bare; None when it is surely below ``floor``."""
        if not duty or not self.bare:
            return 0.0
        if duty in self.bare or self.bare in duty:
            return 1.0
        # SequenceMatcher's upper bounds, cheapest first: the lengths, then the characters in common.
        if 2.0 * min(len(duty), len(self.bare)) / (len(duty) + len(self.bare)) < floor:
            return None
        if self._matcher is None:  # indexes the step's characters once, not once per duty
            self._matcher = SequenceMatcher(None, "", self.bare, autojunk=False)
        self._matcher.set_seq1(duty)
        if self._matcher.quick_ratio() < floor:
            return None
        return self._matcher.ratio()


def _closest(duty: str, steps: list[_StepText]) -> tuple[float, int]:
    """The highest same_requirement score of ``duty`` among ``steps`` and its index (the last on a tie), as
    max() over all scores gives it when that score is at least MATCH_SIMILARITY; below that only
    "no match" counts, so the exact score does not matter. A step whose score is surely below the best so
    far (or below MATCH_SIMILARITY) is not compared in full."""
    best, index = 0.0, -1
    for k, step in enumerate(steps):
        score = step.ratio(duty, max(best, MATCH_SIMILARITY))
        if score is not None and (score, k) > (best, index):
            best, index = score, k
    return best, index


@dataclass(frozen=True)
class _Context:
    """What every item generator of one procedure needs."""

    corpus: Corpus
    p: Procedure
    num: Numbering
    steps: list[tuple[int, int, Step]]

    def forms(self, codes: Iterable[str]) -> tuple[FormRef, ...]:
        # A record kept without a form (a described record) has no form number: it is named as written.
        return tuple(form_ref(self.corpus, c) if self.corpus.form(c) is not None or c not in self.described
                     else FormRef(c, "", c) for c in dict.fromkeys(codes))

    @property
    def described(self) -> set[str]:
        return {entry.record for entry in self.p.records if entry.record is not None}

    @property
    def owner(self) -> str:
        """The owning department (a role owning the procedure stands for its department)."""
        return departments_of(self.corpus.actors, (self.p.owner,))[0]

    def auditee(self, dept: str) -> tuple[str, dict[str, Any]]:
        """Who answers for work done by ``dept``: an external party (a dealer) is never an auditee; the owner
        of the procedure is asked how it makes sure the party does it."""
        config = self.corpus.config.department(dept)
        if config is not None and config.external:
            return self.owner, {"performer": dept}
        return dept, {"performer": ""}

    def auditees(self, actor_ids: tuple[str, ...]) -> list[tuple[str, str, dict[str, Any]]]:
        """(actor, auditee department, facts) for each auditee behind ``actor_ids`` (see ``actor_pairs``)."""
        return [(actor, *self.auditee(dept)) for actor, dept in actor_pairs(self.corpus.actors, actor_ids)]

    def inherited(self, own: tuple[str, ...]) -> tuple[str, ...]:
        return () if own else tuple(self.p.iso_clauses)


def procedure_items(corpus: Corpus, p: Procedure) -> Iterator[Item]:
    """One procedure's items in document order: duties no step states, steps, commitments, records, document control.
    A withdrawn procedure is audited for its withdrawal and the records made under it, nothing else."""
    steps = [(i, j, step) for i, section in enumerate(p.process) for j, step in enumerate(section.steps)]
    ctx = _Context(corpus, p, numbering_in(corpus, p), steps)
    generators = (_records, _document_control) if p.status == "obsolete" else (
        _duties, _steps, _commitments, _records, _document_control)
    for generate in generators:
        for item in generate(ctx):
            yield replace(item, status=p.status)


def _duties(ctx: _Context) -> Iterator[Item]:
    p = ctx.p
    matchers = [_StepText(step.text) for _, _, step in ctx.steps]
    step_departments = [{dept for _, dept in actor_pairs(ctx.corpus.actors, step.owner)} for _, _, step in ctx.steps]
    for i, duty in enumerate(p.responsibilities):
        # A duty several actors share (销售部/国贸部) is audited with each of them: one item per auditee.
        for (actor, dept), (_, auditee, facts) in zip(actor_pairs(ctx.corpus.actors, duty.department),
                                                     ctx.auditees(duty.department), strict=True):
            own = [k for k in range(len(ctx.steps)) if dept in step_departments[k]]
            own_steps = [ctx.steps[k][2] for k in own]
            for text in duty.duties:
                best, k = _closest(_bare(text), [matchers[m] for m in own])
                if best >= MERGE_SIMILARITY:
                    continue  # the step's item audits the same requirement with its evidence
                if ctx.corpus.config.audit.duty_clauses == "procedure":
                    clauses = tuple(p.iso_clauses)
                else:
                    clauses = tuple(own_steps[k].clauses) if k >= 0 and best >= MATCH_SIMILARITY else ()
                yield Item("responsibility", p.code, ctx.num.responsibility(i), clauses, auditee, ("I",),
                           facts={**facts, "duty": _sentence(text)}, risk=RISK["responsibility"],
                           inherited=ctx.inherited(clauses), actor=actor)
            # What the role may decide (stop shipment, release product) is asked of it and seen in its records.
            for text in duty.authorities:
                yield Item("authority", p.code, ctx.num.responsibility(i), (), auditee, ("I", "D"),
                           facts={**facts, "authority": _sentence(text)}, risk=RISK["authority"],
                           inherited=ctx.inherited(()), actor=actor)


def _steps(ctx: _Context) -> Iterator[Item]:
    language = ctx.corpus.config.language
    decisions = decision_facts(ctx.corpus, ctx.p)
    for i, j, step in ctx.steps:
        section = ctx.p.process[i]
        clauses = tuple(step.clauses)
        evidence = ctx.forms(step.records)
        shared = {"text": _sentence(step.text), "subsection": section.title, "items": list(step.items),
                  "support": list(departments_of(ctx.corpus.actors, step.support))}
        if step.time_limit is not None:
            shared |= limit_facts(ctx.corpus, ctx.p, i, j, language)
        # A time limit is audited with its step: one item asks whether the step is done, in time, on record. A
        # decision's item asks how each of its outcomes is handled (its time limit, when it has one, ranks higher).
        kind = "time_limit" if step.time_limit is not None else "decision" if (i, j) in decisions else "step"
        shared |= decisions.get((i, j), {})
        methods = (("S", "O") if kind == "time_limit" else ("O", "S")) if evidence else ("O", "I")
        risk = RISK[kind] if kind == "time_limit" or not evidence else RISK["step_records"]
        for actor, auditee, facts in ctx.auditees(step.owner):  # a step two departments own is asked of each
            yield Item(kind, ctx.p.code, ctx.num.step(i, j), clauses, auditee, methods, evidence, bool(evidence),
                       facts | shared, risk=risk, inherited=ctx.inherited(clauses), actor=actor)


def _commitments(ctx: _Context) -> Iterator[Item]:
    language = ctx.corpus.config.language
    for k, c in enumerate(ctx.p.commitments):
        evidence = ctx.forms(c.records)
        actor, auditee, facts = ctx.auditees((c.owner,))[0]
        limit = c.time_limit.display(language) if c.time_limit else ""
        clauses = tuple(c.clauses)
        yield Item("commitment", ctx.p.code, ctx.num.section("commitments"), clauses, auditee,
                   ("D", "S") if evidence else ("D", "I"), evidence, bool(evidence),
                   {**facts, "metric": c.metric, "target": c.target, "measured_by": _sentence(c.measured_by),
                    "row": k + 1, "limit": limit.replace(" ", "") if language == "zh" else limit},
                   risk=RISK["commitment"], inherited=ctx.inherited(clauses), actor=actor)


def _records(ctx: _Context) -> Iterator[Item]:
    language = ctx.corpus.config.language
    for k, entry in enumerate(ctx.p.records):
        form = ctx.corpus.form(entry.form) if entry.form is not None else None
        retention = record_retention(ctx.corpus, entry)
        actor, auditee, facts = ctx.auditees((entry.keeper,))[0]
        # A record kept without a form (a PPAP package, a lab's certificates) is sampled all the same.
        evidence = ctx.forms([entry.form]) if entry.form is not None else (FormRef("", "", entry.name),)
        medium = entry.medium or (form.model.medium if form else None) or ""
        yield Item("record", ctx.p.code, ctx.num.section("records"), (), auditee, ("S", "O"), evidence, True,
                   {**facts, "retention": retention.display(language) if retention else "",
                    "described": entry.form is None,
                    "permanent": retention is not None and retention.unit == "permanent",
                    "storage": entry.storage or "", "row": k + 1, "medium": medium,
                    "form_version": form.model.version if form else ""},
                   risk=RISK["record"], control=RECORD_CLAUSES, actor=actor)


def users(p: Procedure, index: dict[str, Actor] | None = None) -> list[str]:
    """Every department that works to the procedure: its points of use (``index``: the project's actors, through
    which a role stands for its department and a group for its members')."""
    return list(departments_of(index or {}, [
        p.owner, *(a for d in p.responsibilities for a in d.department),
        *(a for s in p.process for step in s.steps for a in (*step.owner, *step.support))]))


def _document_control(ctx: _Context) -> Iterator[Item]:
    """The master copy's approval; availability at each point of use is one item per department (below)."""
    p, corpus = ctx.p, ctx.corpus
    version = {"version": p.version}
    if p.status == "obsolete":
        for dept in users(p, corpus.actors):
            auditee, facts = ctx.auditee(dept)
            withdrawn = p.withdrawn.date.isoformat() if p.withdrawn and p.withdrawn.date else ""
            yield Item("document_withdrawn", p.code, "", (), auditee, ("O",), facts={
                **facts, **version, "withdrawn": withdrawn, "users": [dept]},
                risk=RISK["document_withdrawn"], control=CURRENT_CLAUSES)
        return
    if p.status == "draft":
        yield Item("document_draft", p.code, "", (), ctx.owner, ("D", "O"),
                   facts={**version, "users": users(p, corpus.actors)},
                   risk=RISK["document_draft"], control=APPROVAL_CLAUSES)
        return
    roles = [(r, p.approvals.get(r.id)) for r in corpus.config.approval_roles]
    yield Item("document_approval", p.code, "", (), ctx.owner, ("D",),
               facts={**version, "roles": roles, "revisions": len(p.revisions),
                      "issued": p.issued.isoformat() if p.issued else "",
                      "effective": p.effective.isoformat() if p.effective else ""},
               risk=RISK["document_approval"], control=APPROVAL_CLAUSES)


def point_of_use_items(corpus: Corpus, procedures: list[Procedure]) -> list[Item]:
    """One item per point of use: does the department hold the current version of every released procedure in
    scope it works to (ISO 9001 7.5.3.1 a)? An external party's copies are asked of the owner that issues them."""
    by_dept: dict[tuple[str, str], list[Procedure]] = {}
    for p in procedures:
        if p.status != "released":
            continue
        owner = departments_of(corpus.actors, (p.owner,))[0]
        for dept in users(p, corpus.actors):
            config = corpus.config.department(dept)
            external = config is not None and config.external
            by_dept.setdefault((owner if external else dept, dept if external else ""), []).append(p)
    order = {d.id: k for k, d in enumerate(corpus.config.departments)}
    out = []
    for (dept, performer), docs in sorted(by_dept.items(), key=lambda kv: (order.get(kv[0][0], len(order)),
                                                                           kv[0][0], kv[0][1])):
        out.append(Item("document_current", "", "", (), dept, ("O",),
                        facts={"performer": performer, "documents": [(d.code, d.version) for d in docs]},
                        risk=RISK["document_current"], control=CURRENT_CLAUSES,
                        procedures=tuple(d.code for d in docs)))
    return out


def actor_pairs(index: dict[str, Actor], actor_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(actor, department) for each auditee behind ``actor_ids``: a department is its own, a role is asked with
    its department, a group stands for each of its members."""
    pairs: list[tuple[str, str]] = []
    for actor_id in actor_ids:
        actor = index.get(actor_id)
        if actor is not None and actor.kind == "group":
            pairs += [(member, dept) for member in actor.members
                      for dept in departments_of(index, (member,))]
        else:
            pairs.append((actor_id, departments_of(index, (actor_id,))[0]))
    return list(dict.fromkeys(pairs))


def _sentence(text: str) -> str:
    """The text without its closing full stop, so a quotation inside a question ends “…” and not “…。”？"""
    return text.strip().rstrip("。．.；;")
