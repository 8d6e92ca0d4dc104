"""Checklist items cover the model: every duty, step, time limit, commitment, record and document."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.audit.items import UnknownProcedure, derive_items, select_procedures
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics
from proccompile.model.numbering import numbering
from proccompile.pipeline import CheckResult

ROOT = Path(__file__).parent.parent.parent


def _items(shipped: CheckResult, codes: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    corpus = shipped.corpus
    bag = Diagnostics()
    items = word_items(corpus, derive_items(corpus, select_procedures(corpus, codes)), Wording(ROOT, "zh", bag))
    assert not bag.has_errors
    return items


def test_every_time_limit_record_and_kpi_of_the_shipped_corpus_has_an_item(shipped: CheckResult) -> None:
    all_codes = tuple(doc.model.code for doc in shipped.corpus.procedures)
    items = _items(shipped, all_codes)
    for doc in shipped.corpus.procedures:
        p, num = doc.model, numbering(doc.model)
        mine = [i for i in items if i.procedure == p.code]
        for duty in p.responsibilities:
            for text in duty.duties:
                assert any(it.kind == "responsibility" and it.facts["duty"] == text for it in mine), (p.code, text)
        for i, section in enumerate(p.process):
            for j, step in enumerate(section.steps):
                where = num.step(i, j)
                assert any(it.kind == "step" and it.section == where for it in mine), (p.code, where)
                if step.time_limit is not None:
                    limit = [it for it in mine if it.kind == "time_limit" and it.section == where]
                    assert limit, (p.code, where)
                    assert step.time_limit.display("zh") in limit[0].question
                    assert {f.code for f in limit[0].forms} == set(step.records)
        for c in p.commitments:
            found = [it for it in mine if it.kind == "commitment" and it.facts["metric"] == c.metric]
            assert found and {f.code for f in found[0].forms} == set(c.records), (p.code, c.metric)
        for entry in p.records:
            assert any(it.kind == "record" and it.forms[0].code == entry.form and it.department == entry.keeper
                       for it in mine), (p.code, entry.form)
        assert {it.kind for it in mine} >= {"document_current", "document_approval"}
    assert [it.number for it in items] == list(range(1, len(items) + 1))
    assert all(it.question and it.evidence for it in items)


def test_only_released_procedures_by_default(shipped: CheckResult) -> None:
    chosen = {d.model.code for d in select_procedures(shipped.corpus)}
    statuses = {d.model.code: d.model.status for d in shipped.corpus.procedures}
    assert chosen == {code for code, status in statuses.items() if status == "released"}
    assert "Q/FL2.0816" not in chosen  # a draft is not in force, but can be named explicitly
    assert _items(shipped, ("Q/FL2.0816",))


def test_unknown_procedure_is_refused(shipped: CheckResult) -> None:
    with pytest.raises(UnknownProcedure):
        select_procedures(shipped.corpus, ["Q/FL2.9999"])


def test_service_certification_time_commitments(shipped: CheckResult) -> None:
    """Q/FL2.0817: 30-minute reply and 1-hour dispatch are sampled on the service acceptance form."""
    items = _items(shipped, ("Q/FL2.0817",))
    limits = {it.section: it for it in items if it.kind == "time_limit"}
    assert set(limits) == {"5.1.1", "5.1.5"}
    assert "30 分钟" in limits["5.1.1"].question and "1 小时" in limits["5.1.5"].question
    for item in limits.values():
        assert [(f.number, f.title) for f in item.forms] == [("Q/JL081701-A", "服务受理单")]
        assert item.methods == ("S",) and item.sample == 5
        assert "Q/JL081701-A《服务受理单》" in item.evidence and "抽样 5 份" in item.evidence
        assert item.clauses and item.department == "after-sales"
    kpis = {it.facts["metric"]: it for it in items if it.kind == "commitment"}
    assert [f.code for f in kpis["咨询回复时限"].forms] == ["Q/JL081701"]
    assert [f.code for f in kpis["上门服务派工时限"].forms] == ["Q/JL081701"]
    assert [f.code for f in kpis["服务结果客户确认率"].forms] == ["Q/JL081702"]
    assert all(it.section == "6" for it in kpis.values())
    records = [it for it in items if it.kind == "record"]
    assert {it.forms[0].code for it in records} == {"Q/JL081701", "Q/JL081702", "Q/JL081703", "Q/JL060301"}
    assert all(it.section == "9" and it.clauses == ("7.5.3",) for it in records)
    step_clauses = {it.section: it.clauses for it in items if it.kind == "step"}
    assert step_clauses["5.1.1"] == ("8.2.1",)  # the step's own clauses win
    assert step_clauses["5.1.2"] == ("7.2", "8.2.1", "8.5.1", "8.5.5")  # else the procedure's


def test_sample_size_comes_from_the_config(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    settings = corpus.config.audit.model_copy(update={"sample_size": 13})
    config = corpus.config.model_copy(update={"audit": settings})
    corpus2 = type(corpus)(config, corpus.config_source, corpus.procedures, corpus.forms)
    items = derive_items(corpus2, select_procedures(corpus2, ["Q/FL2.0817"]))
    assert {it.sample for it in items if it.forms} == {13}
