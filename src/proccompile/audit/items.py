"""Checklist items from each procedure, one per auditable requirement, merged, de-duplicated and risk-ranked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from proccompile.diagnostics.suggest import did_you_mean
from proccompile.diagnostics.usage import UsageError
from proccompile.model import Corpus
from proccompile.model.actors import Actor, departments_of
from proccompile.model.corpus import Document
from proccompile.model.display import form_number_of, form_title_of, record_retention, time_limit_text
from proccompile.model.numbering import numbering_in
from proccompile.model.procedure import Procedure
from proccompile.model.types import Duration

# Retention and storage, and document control, are judged against 7.5 whatever the procedure is about.
RECORD_CLAUSES = ("7.5.3",)
CURRENT_CLAUSES = ("7.5.3",)
APPROVAL_CLAUSES = ("7.5.2",)
# Audit risk rank (lower is audited first when a procedure has more items than audit.items_per_procedure):
# a missed time limit, KPI or record is objective evidence; a duty restated in an interview is the weakest.
RISK = {"time_limit": 0, "commitment": 1, "record": 2, "step_records": 3, "document_approval": 4,
        "document_current": 4, "step": 5, "responsibility": 6, "authority": 6}
# A duty at least this similar to a step of its department states the same requirement: only the step is kept.
MERGE_SIMILARITY = 0.6
# Below MERGE_SIMILARITY but above this, the duty still describes that step: it takes the step's clauses.
MATCH_SIMILARITY = 0.3
# Titles of running registers, sampled by entry (条) rather than by copy (份).
LEDGER_WORDS = ("台账", "清单", "登记表", "一览表", "汇总表", "日志", "register", "ledger", "log", "list")
_PUNCTUATION = re.compile(r"[\s\W_]+")


@dataclass(frozen=True, slots=True)
class FormRef:
    code: str
    number: str  # printed form number, e.g. Q/JL081701-A
    title: str
    kind: str = "form"  # 'ledger' (one running register, sampled by entry) or 'form' (one copy per event)


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
    risk: int = 9  # RISK rank; lower is audited first
    named: tuple[str, ...] = ()  # other departments the item asks about (not only the auditee)
    actor: str = ""  # the role (or department) the item asks about, when more precise than the department

    @property
    def departments(self) -> tuple[str, ...]:
        """Every department whose work the item judges: no auditor from any of them may take it."""
        return tuple(dict.fromkeys((self.department, *self.named)))


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
    """Every procedure's items, at most ``audit.items_per_procedure`` each, numbered 1…n.

    A form is checked for keeper and retention once, by the first procedure that lists it: the same
    record under several procedures is one requirement (a different keeper is PC321 in ``check``).
    """
    checked_forms: set[str] = set()
    items = []
    for doc in procedures:
        own = [i for i in _procedure_items(corpus, doc.model)
               if i.kind != "record" or not i.forms[0].code or i.forms[0].code not in checked_forms]
        checked_forms.update(i.forms[0].code for i in own if i.kind == "record" and i.forms[0].code)
        items += focus(own, corpus.config.audit.items_per_procedure)
    return [replace(item, number=n) for n, item in enumerate(items, 1)]


def focus(items: list[Item], size: int) -> list[Item]:
    """The ``size`` highest-risk items in their document order: time limits, KPIs and records first."""
    if len(items) <= size:
        return items
    ranked = sorted(range(len(items)), key=lambda k: (items[k].risk, k))[:size]
    return [items[k] for k in sorted(ranked)]


def record_kind(title: str) -> str:
    """'ledger' for a running register (one document, many entries: 台账, 清单, log), else 'form' (one per event)."""
    lowered = title.casefold()
    return "ledger" if any(word in lowered for word in LEDGER_WORDS) else "form"


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


def _procedure_items(corpus: Corpus, p: Procedure) -> Iterator[Item]:
    num = numbering_in(corpus, p)
    n = corpus.config.audit.sample_size
    language = corpus.config.language
    base = tuple(p.iso_clauses)

    def forms(codes: Iterable[str]) -> tuple[FormRef, ...]:
        # A record kept without a form (a described record) has no form number.
        return tuple(FormRef(c, form_number_of(corpus, c), form_title_of(corpus, c),
                             record_kind(form_title_of(corpus, c))) if corpus.form(c) is not None
                     else FormRef(c, "", c, record_kind(c)) for c in dict.fromkeys(codes))

    def limit_text(value: Duration | None) -> str:
        # "24 小时" beside "2个工作日" reads as two authors; the checklist prints both without a space.
        return (value.display(language).replace(" ", "") if language == "zh" else value.display(language)) \
            if value else ""

    index = corpus.actors
    steps = [(i, j, step) for i, section in enumerate(p.process) for j, step in enumerate(section.steps)]
    matchers = [_StepText(step.text) for _, _, step in steps]
    step_actors = [actor_pairs(index, step.owner) for _, _, step in steps]
    for i, duty in enumerate(p.responsibilities):
        # A duty several actors share (销售部/国贸部) is audited with each of them: one item per auditee.
        for actor, dept in actor_pairs(index, duty.department):
            own = [k for k in range(len(steps)) if any(d == dept for _, d in step_actors[k])]
            own_steps = [steps[k][2] for k in own]
            for text in duty.duties:
                best, k = _closest(_bare(text), [matchers[m] for m in own])
                if best >= MERGE_SIMILARITY:
                    continue  # the step's item audits the same requirement with its evidence
                if corpus.config.audit.duty_clauses == "procedure":
                    clauses = base
                else:
                    matched = own_steps[k].clauses if k >= 0 and best >= MATCH_SIMILARITY else []
                    clauses = tuple(matched) or base[:1]
                yield Item("responsibility", p.code, num.responsibility(i), clauses, dept, ("I",),
                           facts={"duty": _sentence(text)}, risk=RISK["responsibility"], actor=actor)
            for text in duty.authorities:
                yield Item("authority", p.code, num.responsibility(i), base[:1], dept, ("I", "D"),
                           facts={"authority": _sentence(text)}, risk=RISK["authority"], actor=actor)
    for (i, j, step), pairs in zip(steps, step_actors, strict=True):
        section = p.process[i]
        clauses = tuple(step.clauses) or base
        evidence = forms(step.records)
        limit = time_limit_text(step, language)
        facts = {"text": _sentence(step.text), "subsection": section.title, "items": list(step.items),
                 "support": list(step.support), "limit": limit.replace(" ", "") if language == "zh" else limit}
        # A time limit is audited with its step: one item asks whether the step is done, in time, on record.
        kind = "time_limit" if step.time_limit is not None else "step"
        methods = (("S", "O") if kind == "time_limit" else ("O", "S")) if evidence else ("O", "I")
        risk = RISK[kind] if kind == "time_limit" or not evidence else RISK["step_records"]
        for actor, dept in pairs:
            yield Item(kind, p.code, num.step(i, j), clauses, dept, methods, evidence, n if evidence else 0,
                       facts, risk=risk, actor=actor)
    for k, c in enumerate(p.commitments):
        evidence = forms(c.records)
        owner, owner_dept = actor_pairs(index, (c.owner,))[0]
        yield Item("commitment", p.code, num.section("commitments"), base, owner_dept,
                   ("D", "S") if evidence else ("D", "I"), evidence, n if evidence else 0,
                   {"metric": c.metric, "target": c.target, "measured_by": _sentence(c.measured_by), "row": k + 1,
                    "limit": limit_text(c.time_limit)}, risk=RISK["commitment"], actor=owner)
    for k, entry in enumerate(p.records):
        form = corpus.form(entry.form) if entry.form is not None else None
        retention = record_retention(corpus, entry)
        keeper, keeper_dept = actor_pairs(index, (entry.keeper,))[0]
        # A record kept without a form (a PPAP package, a lab's certificates) is sampled all the same.
        evidence = forms([entry.form]) if entry.form is not None else \
            (FormRef("", "", entry.name, record_kind(entry.name)),)
        yield Item("record", p.code, num.section("records"), RECORD_CLAUSES, keeper_dept, ("S", "O"),
                   evidence, n,
                   {"retention": retention.display(language) if retention else "",
                    "described": entry.form is None,
                    "permanent": retention is not None and retention.unit == "permanent",
                    "storage": entry.storage or "", "row": k + 1,
                    "form_version": form.model.version if form else ""}, risk=RISK["record"], actor=keeper)
    owner_dept = departments_of(index, (p.owner,))[0]
    users = list(departments_of(index, [p.owner, *(a for d in p.responsibilities for a in d.department),
                                        *(a for _, _, s in steps for a in (*s.owner, *s.support))]))
    yield Item("document_current", p.code, "", CURRENT_CLAUSES, owner_dept, ("O",),
               facts={"version": p.version, "users": users}, risk=RISK["document_current"], named=tuple(users))
    roles = [(r, p.approvals.get(r.id)) for r in corpus.config.approval_roles]
    yield Item("document_approval", p.code, "", APPROVAL_CLAUSES, owner_dept, ("D",),
               facts={"version": p.version, "roles": roles, "revisions": len(p.revisions),
                      "issued": p.issued.isoformat() if p.issued else "",
                      "effective": p.effective.isoformat() if p.effective else ""}, risk=RISK["document_approval"])


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
