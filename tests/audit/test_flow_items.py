"""The flow in the audit: every decision is a question of how each outcome is handled, with its records to sample;
the turtle's "how" cites the flowchart and lists the decisions."""

from __future__ import annotations

from pathlib import Path

from proccompile.audit.items import derive_items
from proccompile.audit.selection import select_procedures
from proccompile.audit.turtle import turtle
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import CheckResult

ROOT = Path(__file__).parent.parent.parent


def test_every_decision_becomes_an_outcome_question(shipped: CheckResult) -> None:
    shared = shipped.corpus  # a session's corpus: changed in a copy only
    config = shared.config.model_copy(update={"audit": shared.config.audit.model_copy(
        update={"items_per_procedure": 500})})
    corpus = type(shared)(config, shared.config_source, dict(shared.by_type))
    items = word_items(corpus, derive_items(corpus, select_procedures(corpus, ["Q/FL2.0813"])),
                       Wording(ROOT, "zh", Diagnostics()))
    decisions = {i.section: i for i in items if i.kind == "decision"}
    assert set(decisions) == {"5.4.2", "5.4.6"}
    grade = decisions["5.4.2"]
    assert grade.question == ("质控部如何按 5.4.2 的规定判断“重大质量问题？”，各种结果是否按流程处理（是 → 5.4.3；"
                              "否 → 5.4.4）？抽查《产品失败履历表》，每种结果至少核对一例：判断的依据是否记录，"
                              "其后的处理是否与流程一致。")
    assert grade.sampled and [f.code for f in grade.forms] == ["Q/JL081302"]
    assert decisions["5.4.6"].facts["outcomes"] == [{"label": "是", "next": "5.4.7"}, {"label": "否", "next": "5.4.4"}]
    # the decision is asked instead of the step's own item
    assert [i.kind for i in items if i.section == "5.4.2"] == ["decision"]


def test_a_decision_with_a_time_limit_keeps_its_time_limit_question(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    # Q/FL2.0815 5.2.1 decides with a time limit (2 h); Q/FL2.0817's decisions have none (its source gives its
    # limits only as examples), so 5.1.1 and 5.1.8 are asked as decisions.
    items = derive_items(corpus, select_procedures(corpus, ["Q/FL2.0815", "Q/FL2.0817"]))
    assert [i.kind for i in items if i.procedure == "Q/FL2.0815" and i.section == "5.2.1"] == ["time_limit"]
    assert [i.kind for i in items if i.procedure == "Q/FL2.0817" and i.section in ("5.1.1", "5.1.8")] == [
        "decision", "decision"]


def test_the_turtle_cites_the_flowchart_and_its_decisions(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    p = corpus.procedure("Q/FL2.0817").model
    how = dict(turtle(corpus, p, Wording(ROOT, "zh", Diagnostics())).boxes)["怎么做（方法）"]
    assert how[:3] == ("流程图：见 §5", "5.1.1 能当场解答？（是，直接解答 → 结束；否 → 5.1.2）",
                       "5.1.8 客户确认问题已解决？（是 → 结束；否，重新诊断 → 5.1.3）")
