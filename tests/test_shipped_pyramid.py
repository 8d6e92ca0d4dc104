"""The shipped corpus follows its sources with the constructs of the document pyramid: a quality manual and work
instructions, Q/FL2.0813's shared duty 4.1, approvals signed by hand, the elevator manual's 承诺 as chapter 3,
indicators without an invented target."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.audit.books import Request, checklist_book, register_book
from proccompile.diagnostics import Diagnostics
from proccompile.model.numbering import numbering_in
from proccompile.pipeline import check_project

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    checked = check_project(ROOT)
    assert not checked.diagnostics.has_errors
    return checked.corpus


def test_the_pyramid_has_a_manual_procedures_instructions_and_forms(corpus) -> None:
    assert {t.id: len(corpus.of_type(t.id)) for t in corpus.types} == {
        "procedure": 10, "form": 41, "manual": 1, "instruction": 2}
    instruction = corpus.document("Q/FL3.0815.01").model
    assert [o.picture.file for o in instruction.operations if o.picture] == [
        "attachments/returned-part-tag.png", "attachments/returned-part-store.png"]
    assert [t.title for t in instruction.parameters] == ["三包旧件标识卡的填写要求", "旧件库房分区"]


def test_duty_4_1_of_q_fl2_0813_is_shared_and_no_step_copies_another(corpus) -> None:
    procedure = corpus.procedure("Q/FL2.0813").model
    numbers = numbering_in(corpus, procedure)
    assert [(numbers.responsibility(i), r.department) for i, r in enumerate(procedure.responsibilities)] == [
        ("4.1", ("sales", "intl-trade")), ("4.2", ("quality",)), ("4.3", ("tech-center",)), ("4.4", ("metrology",))]
    text = (ROOT / "procedures" / "Q-FL2.0813.yaml").read_text(encoding="utf-8")
    assert "要求同上" not in text and "同样要求" not in text


def test_approvals_carry_the_dates_of_the_source_and_no_invented_name(corpus) -> None:
    approvals = corpus.procedure("Q/FL2.0813").model.approvals
    assert {role: (a.name, a.date.isoformat()) for role, a in approvals.items()} == {
        "prepared": (None, "2020-01-06"), "reviewed": (None, "2020-01-06"), "approved": (None, "2020-01-07")}
    assert corpus.config.signatures == "by-hand"


def test_the_elevator_procedure_prints_its_commitments_as_chapter_3(corpus) -> None:
    numbers = numbering_in(corpus, corpus.procedure("Q/FL2.0814").model)
    assert {key: numbers.section(key) for key in ("purpose", "scope", "commitments", "responsibilities", "process")
            } == {"purpose": "1", "scope": "2", "commitments": "3", "responsibilities": "4", "process": "5"}


def test_indicators_whose_source_sets_no_target_carry_none(corpus) -> None:
    for code in ("Q/FL2.0816", "Q/FL2.0817"):
        assert [(c.metric, c.target, c.time_limit) for c in corpus.procedure(code).model.commitments if c.target] == []
    steps = [s for section in corpus.procedure("Q/FL2.0817").model.process for s in section.steps]
    assert [s.time_limit for s in steps if s.time_limit is not None] == []
    book = checklist_book(corpus, ROOT, Diagnostics(), Request(codes=["Q/FL2.0817"]))
    questions = [row[4] for group in book.sheets[0].groups for row in group.rows if "服务承诺" in row[4]]
    assert questions[0] == (
        "服务承诺“咨询回复时限”是否按规定测量（比对《服务受理单》中的来电（来函）时间和首次回复时间，按月统计回复用时）？"
        "文件未规定目标值：是否已确定可测量的目标（ISO 9001 6.2）？测量数据保存在哪里？")


def test_the_master_list_holds_every_level_of_the_pyramid(corpus) -> None:
    book = register_book(corpus, ROOT, Diagnostics())
    documents = next(s for s in book.sheets if s.key == "documents")
    assert [(g.title, len(g.rows)) for g in documents.groups] == [
        ("一级文件 质量手册", 1), ("二级文件 程序文件", 10), ("三级文件 作业指导书", 2), ("四级文件 记录表单", 41)]
    manual = documents.groups[0].rows[0]
    assert (manual[1], manual[7], manual[8]) == ("Q/FL1.0001", "手签", "2022-12-28")
