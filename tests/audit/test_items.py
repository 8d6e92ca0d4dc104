"""Checklist items cover the model: every duty, step, time limit, commitment, record and document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proccompile.audit.items import (
    MERGE_SIMILARITY,
    UnknownProcedure,
    actor_pairs,
    derive_items,
    record_kind,
    same_requirement,
    select_procedures,
)
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.numbering import numbering
from proccompile.pipeline import CheckResult

ROOT = Path(__file__).parent.parent.parent


def _items(shipped: CheckResult, codes: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    corpus = shipped.corpus
    bag = Diagnostics()
    items = word_items(corpus, derive_items(corpus, select_procedures(corpus, codes)), Wording(ROOT, "zh", bag))
    assert not bag.has_errors
    return items


def _with_audit(shipped: CheckResult, **settings: object) -> Corpus:
    corpus = shipped.corpus
    audit = corpus.config.audit.model_copy(update=settings)
    return type(corpus)(corpus.config.model_copy(update={"audit": audit}), corpus.config_source,
                        dict(corpus.by_type))


def test_every_time_limit_record_and_kpi_of_the_shipped_corpus_has_an_item(shipped: CheckResult) -> None:
    """With no size limit: every step (with its time limit), KPI, form and duty is audited once."""
    corpus = _with_audit(shipped, items_per_procedure=500)
    bag = Diagnostics()
    items = word_items(corpus, derive_items(corpus, list(corpus.procedures)), Wording(ROOT, "zh", bag))
    checked_forms: set[str] = set()
    for doc in corpus.procedures:
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
                kind = "time_limit" if step.time_limit is not None else "step"
                found = [it for it in mine if it.section == where and it.kind in ("step", "time_limit")]
                # One item per step and auditee: a step several departments share is audited with each.
                auditees = actor_pairs(corpus.actors, step.owner)
                assert [it.kind for it in found] == [kind] * len(auditees), (p.code, where)
                assert [it.department for it in found] == [dept for _, dept in auditees]
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
        assert {it.kind for it in mine} >= {"document_current", "document_approval"}
    assert [it.number for it in items] == list(range(1, len(items) + 1))
    assert all(it.question and it.evidence for it in items)


def test_checklist_is_focused(shipped: CheckResult) -> None:
    """Shipped corpus: no item repeats another's requirement and evidence, one keeper check per form, at most
    items_per_procedure items per procedure, and nothing kept that ranks below something dropped."""
    items = _items(shipped)
    pairs = [(it.question, it.evidence) for it in items]
    assert len(pairs) == len(set(pairs))
    forms = [it.forms[0].code for it in items if it.kind == "record"]
    assert len(forms) == len(set(forms))
    size = shipped.corpus.config.audit.items_per_procedure
    unlimited = derive_items(_with_audit(shipped, items_per_procedure=500), select_procedures(shipped.corpus))
    for doc in select_procedures(shipped.corpus):
        mine = [it for it in items if it.procedure == doc.model.code]
        assert 0 < len(mine) <= size
        everything = [it for it in unlimited if it.procedure == doc.model.code]
        if len(everything) > size:
            dropped = min(it.risk for it in everything if (it.kind, it.section, it.facts.get("duty"), it.forms)
                          not in {(k.kind, k.section, k.facts.get("duty"), k.forms) for k in mine})
            assert max(it.risk for it in mine) <= dropped
    assert not any(q.endswith("。”？") or "。”" in q for q, _ in pairs)


def test_duty_items_cite_only_the_clauses_they_address(shipped: CheckResult) -> None:
    items = _items(shipped)
    for it in items:
        doc = shipped.corpus.procedure(it.procedure)
        assert doc is not None
        if it.kind == "responsibility" and len(doc.model.iso_clauses) > 1:
            assert len(it.clauses) < len(doc.model.iso_clauses), (it.procedure, it.facts)
    every = _items_of(_with_audit(shipped, duty_clauses="procedure"))
    duties = [it for it in every if it.kind == "responsibility"]
    assert duties and all(it.clauses == tuple(shipped.corpus.procedure(it.procedure).model.iso_clauses)  # type: ignore[union-attr]
                          for it in duties)


def test_ledgers_are_sampled_by_entry_and_forms_by_copy(shipped: CheckResult) -> None:
    items = {it.section: it for it in _items(shipped, ("Q/FL2.0702",)) if it.kind in ("step", "time_limit")}
    assert "《监视和测量设备台账》：抽查 5 条登记" in items["5.1.1"].evidence
    assert "《测量设备检定/校准记录》：抽样 5 份" in items["5.1.2"].evidence
    assert record_kind("监视和测量设备台账") == "ledger" and record_kind("服务受理单") == "form"


def _items_of(corpus: Corpus):  # type: ignore[no-untyped-def]
    return word_items(corpus, derive_items(corpus, select_procedures(corpus)), Wording(ROOT, "zh", Diagnostics()))


def test_only_released_procedures_by_default(shipped: CheckResult) -> None:
    chosen = {d.model.code for d in select_procedures(shipped.corpus)}
    statuses = {d.model.code: d.model.status for d in shipped.corpus.procedures}
    assert chosen == {code for code, status in statuses.items() if status == "released"}
    assert "Q/FL2.0816" not in chosen  # a draft is not in force, but can be named explicitly
    assert _items(shipped, ("Q/FL2.0816",))


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
    assert all(it.section == "9" and it.clauses == ("7.5.3",) for it in records)
    step_clauses = {it.section: it.clauses for it in items if it.kind in ("step", "time_limit")}
    assert step_clauses["5.1.1"] == ("8.2.1",)  # the step's own clauses win
    assert step_clauses["5.1.2"] == ("7.2", "8.2.1", "8.5.1", "8.5.5")  # else the procedure's


def test_sample_size_comes_from_the_config(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    settings = corpus.config.audit.model_copy(update={"sample_size": 13})
    config = corpus.config.model_copy(update={"audit": settings})
    corpus2 = type(corpus)(config, corpus.config_source, dict(corpus.by_type))
    items = derive_items(corpus2, select_procedures(corpus2, ["Q/FL2.0817"]))
    assert {it.sample for it in items if it.forms} == {13}


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
