"""Checklist items cover the model: every duty, step, time limit, commitment, record and document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proccompile.audit.focus import select
from proccompile.audit.items import MERGE_SIMILARITY, actor_pairs, derive_items, same_requirement
from proccompile.audit.selection import ProcedureNotInForce, UnknownProcedure, select_procedures
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.actors import departments_of
from proccompile.model.numbering import numbering
from proccompile.model.programme import Occasion
from proccompile.pipeline import CheckResult

ROOT = Path(__file__).parent.parent.parent


def _items(shipped: CheckResult, codes: tuple[str, ...] = (), **options: bool):  # type: ignore[no-untyped-def]
    corpus = shipped.corpus
    bag = Diagnostics()
    items = word_items(corpus, derive_items(corpus, select_procedures(corpus, codes, **options)),
                       Wording(ROOT, "zh", bag))
    assert not bag.has_errors
    return items


def _with_audit(shipped: CheckResult, **settings: object) -> Corpus:
    corpus = shipped.corpus
    audit = corpus.config.audit.model_copy(update=settings)
    return type(corpus)(corpus.config.model_copy(update={"audit": audit}), corpus.config_source,
                        dict(corpus.by_type))


def test_every_time_limit_record_and_kpi_of_the_shipped_corpus_has_an_item(shipped: CheckResult) -> None:
    """Every step (with its time limit), KPI, form and duty of a procedure in force or drafted is audited once."""
    corpus = shipped.corpus
    bag = Diagnostics()
    in_force = [doc for doc in corpus.procedures if doc.model.status != "obsolete"]
    items = word_items(corpus, derive_items(corpus, in_force), Wording(ROOT, "zh", bag))
    checked_forms: set[str] = set()
    for doc in in_force:
        p, num = doc.model, numbering(doc.model)
        mine = [i for i in items if i.procedure == p.code]
        steps = [step for section in p.process for step in section.steps]
        for duty in p.responsibilities:
            for text in duty.duties:
                as_item = any(it.kind == "responsibility" and it.facts["duty"] == text.rstrip("。") for it in mine)
                merged = any(s.owner == duty.department and same_requirement(text, s.text) >= MERGE_SIMILARITY
                             for s in steps)
                assert as_item != merged, (p.code, text)
        for i, section in enumerate(p.process):
            for j, step in enumerate(section.steps):
                where = num.step(i, j)
                kind = "time_limit" if step.time_limit is not None else "decision" if step.decision else "step"
                found = [it for it in mine if it.section == where and it.kind in ("step", "time_limit", "decision")]
                # One item per step and auditee: a step several departments share is audited with each.
                auditees = actor_pairs(corpus.actors, step.owner)
                assert [it.kind for it in found] == [kind] * len(auditees), (p.code, where)
                # An external party's work (a dealer's) is asked of the procedure's owner.
                owner = departments_of(corpus.actors, (p.owner,))[0]
                assert [it.department for it in found] == [
                    owner if (known := corpus.config.department(dept)) is not None and known.external else dept
                    for _, dept in auditees]
                if step.time_limit is not None:
                    assert step.time_limit.display("zh").replace(" ", "") in found[0].question
                assert {f.code for f in found[0].forms} == set(step.records)
        for c in p.commitments:
            found = [it for it in mine if it.kind == "commitment" and it.facts["metric"] == c.metric]
            assert found and {f.code for f in found[0].forms} == set(c.records), (p.code, c.metric)
        for entry in p.records:
            kept = [it for it in mine if it.kind == "record" and it.forms[0].code == entry.form]
            assert len(kept) == (0 if entry.form in checked_forms else 1), (p.code, entry.form)
            checked_forms.add(entry.form)
        assert ("document_draft" if p.status == "draft" else "document_approval") in {it.kind for it in mine}
        users = set(departments_of(corpus.actors, [d for section in p.process for s in section.steps
                                                   for d in (*s.owner, *s.support)]))
        points = {it.department for it in items if it.kind == "document_current" and p.code in it.procedures}
        if p.status == "draft":
            continue  # a draft has no current version in use yet
        internal = {d for d in users if not (corpus.config.department(d) and corpus.config.department(d).external)}  # type: ignore[union-attr]
        assert internal <= points, p.code  # the current version is asked at every point of use
    assert [it.number for it in items] == list(range(1, len(items) + 1))
    assert all(it.question and it.evidence for it in items)


def test_checklist_is_focused(shipped: CheckResult) -> None:
    """Shipped corpus: no item repeats another's requirement and evidence, one keeper check per form, at most
    items_per_procedure items per procedure, and nothing kept that ranks below something dropped."""
    corpus = shipped.corpus
    size = corpus.config.audit.items_per_procedure
    every = _items(shipped)
    occasions = {code: Occasion(0, 10) for code in {it.procedure for it in every}}  # room for every item in turn
    items = select(every, size, occasions).items
    pairs = [(it.question, it.evidence) for it in items]
    assert len(pairs) == len(set(pairs))
    forms = [it.forms[0].code for it in items if it.kind == "record"]
    assert len(forms) == len(set(forms))
    for doc in select_procedures(shipped.corpus):
        mine = [it for it in items if it.procedure == doc.model.code]
        assert 0 < len(mine) <= size
    assert not any(q.endswith("。”？") or "。”" in q for q, _ in pairs)


def test_duty_items_cite_only_the_clauses_they_address(shipped: CheckResult) -> None:
    items = [it for it in _items(shipped) if it.procedure]
    for it in items:
        doc = shipped.corpus.procedure(it.procedure)
        assert doc is not None
        if it.kind == "responsibility" and len(doc.model.iso_clauses) > 1:
            assert len(it.clauses) < len(doc.model.iso_clauses), (it.procedure, it.facts)
    every = _items_of(_with_audit(shipped, duty_clauses="procedure"))
    duties = [it for it in every if it.kind == "responsibility"]
    assert duties and all(it.clauses == tuple(shipped.corpus.procedure(it.procedure).model.iso_clauses)  # type: ignore[union-attr]
                          for it in duties)


def test_records_are_sampled_as_their_form_declares(shipped: CheckResult) -> None:
    items = {it.section: it for it in _items(shipped, ("Q/FL2.0702",)) if it.kind in ("step", "time_limit")}
    assert "《监视和测量设备台账》：抽查上次审核以来的登记条目" in items["5.1.1"].evidence
    assert "《测量设备检定/校准记录》：从上次审核以来的记录中抽样" in items["5.1.2"].evidence


def _items_of(corpus: Corpus):  # type: ignore[no-untyped-def]
    return word_items(corpus, derive_items(corpus, select_procedures(corpus)), Wording(ROOT, "zh", Diagnostics()))


def test_only_released_procedures_by_default(shipped: CheckResult) -> None:
    chosen = {d.model.code for d in select_procedures(shipped.corpus)}
    statuses = {d.model.code: d.model.status for d in shipped.corpus.procedures}
    assert chosen == {code for code, status in statuses.items() if status == "released"}
    assert "Q/FL2.0816" not in chosen  # a draft is not in force, but can be named with --include-drafts
    assert _items(shipped, ("Q/FL2.0816",), include_drafts=True)


def test_unknown_procedure_is_refused(shipped: CheckResult) -> None:
    with pytest.raises(UnknownProcedure):
        select_procedures(shipped.corpus, ["Q/FL2.9999"])


def test_service_certification_indicators_without_targets(shipped: CheckResult) -> None:
    """Q/FL2.0817: the 30-minute and 1-hour limits of its source are only examples, so no step carries a time
    limit and the indicators are audited for their measurement and for a target to be set."""
    items = _items(shipped, ("Q/FL2.0817",))
    assert [it.section for it in items if it.kind == "time_limit"] == []
    kpis = {it.facts["metric"]: it for it in items if it.kind == "commitment"}
    assert [f.code for f in kpis["咨询回复时限"].forms] == ["Q/JL081701"]
    assert [f.code for f in kpis["上门服务派工时限"].forms] == ["Q/JL081701"]
    assert [f.code for f in kpis["服务结果客户确认率"].forms] == ["Q/JL081702"]
    assert all(it.section == "6" and it.facts["target"] is None for it in kpis.values())
    assert all("文件未规定目标值" in it.question for it in kpis.values())
    records = [it for it in items if it.kind == "record"]
    assert {it.forms[0].code for it in records} == {"Q/JL081701", "Q/JL081702", "Q/JL081703", "Q/JL060301"}
    # A record is judged against 7.5.3 (document control), which it does not cover.
    assert all(it.section == "9" and it.clauses == () and it.control == ("7.5.3",) for it in records)
    steps = {it.section: it for it in items if it.kind in ("step", "time_limit", "decision")}
    assert steps["5.1.1"].kind == "decision"  # 能当场解答？ is asked for its outcomes
    assert steps["5.1.1"].clauses == ("8.2.1",) and not steps["5.1.1"].inherited  # the step's own clauses
    # A step citing nothing covers nothing; the clause view lists it under the procedure's clauses, marked.
    assert steps["5.1.2"].clauses == () and steps["5.1.2"].inherited == ("7.2", "8.2.1", "8.5.1", "8.5.5")


def test_drafts_and_obsolete_procedures_are_refused_by_name_unless_admitted(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    for code, status in (("Q/FL2.0816", "draft"), ("Q/FL2.0812", "obsolete")):
        with pytest.raises(ProcedureNotInForce) as caught:
            select_procedures(corpus, [code])
        assert caught.value.status == status
    draft = _items(shipped, ("Q/FL2.0816",), include_drafts=True)
    assert all(it.question.startswith("【草案，尚未生效】") for it in draft if it.kind != "document_draft")
    assert [it.kind for it in draft if it.kind.startswith("document")] == ["document_draft"]
    old = _items(shipped, ("Q/FL2.0812",), include_obsolete=True)
    # A withdrawn procedure is audited for its withdrawal at each point of use and its records, never as current.
    assert {it.kind for it in old} <= {"document_withdrawn", "record"} and any(it.kind == "document_withdrawn"
                                                                              for it in old)
    assert not any("现行版本" in it.question for it in old)
    assert all("已作废" in it.question for it in old if it.kind == "document_withdrawn")


_TEXT = st.text("质量部门记录审核ab。 ", max_size=14)


@given(_TEXT, st.lists(_TEXT, max_size=6))
def test_closest_step_is_the_best_scored_one(duty: str, steps: list[str]) -> None:
    # Steps whose bounds rule them out are not scored in full; the outcome must be max() over every score
    # (the last step on a tie), wherever that outcome matters: at MATCH_SIMILARITY and above.
    from proccompile.audit.items import MATCH_SIMILARITY, _bare, _closest, _StepText

    best, index = max(((same_requirement(duty, s), k) for k, s in enumerate(steps)), default=(0.0, -1))
    found = _closest(_bare(duty), [_StepText(s) for s in steps])
    if best >= MATCH_SIMILARITY:
        assert found == (best, index)
    else:
        assert found[0] < MATCH_SIMILARITY
