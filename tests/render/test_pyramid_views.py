"""The Word views of every document type: chapters in the printed order, shared duties, roles, authorities,
a manual's clause chapters, a work instruction's steps, the company of a document, signatures by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import check_project
from proccompile.render.blocks import Flowchart, Image, Para, Table
from proccompile.render.document_view import document_view
from proccompile.views.wording import Texts
from tests.render.conftest import PYRAMID


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return check_project(PYRAMID).corpus


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts(PYRAMID, "zh", Diagnostics())


def _paras(blocks: list, style: str | None = None) -> list[str]:  # type: ignore[type-arg]
    """The paragraphs' text, a flowchart's heading (printed with its chart) included."""
    flat = [p for b in blocks for p in (b.lead if isinstance(b, Flowchart) else (b,))]
    return [b.lead + b.text for b in flat if isinstance(b, Para) and (style is None or b.style == style)]


def test_commitments_as_chapter_4_after_a_free_overview_print_in_that_order(corpus, texts) -> None:
    view = document_view(corpus, corpus.procedure("Q/QP01"), texts)
    assert _paras(view.blocks, "heading1") == [
        "修订记录", "1 概述", "2 目的", "3 范围", "4 服务承诺", "5 术语和定义", "6 职责和权限", "7 工作程序",
        "8 相关文件", "9 附件", "10 记录"]
    overview = view.blocks.index(next(b for b in view.blocks if isinstance(b, Para) and b.text == "1 概述"))
    assert _paras(view.blocks[overview + 1:overview + 3]) == ["投诉是顾客给公司的第二次机会。",
                                                              "本程序说明投诉从受理到关闭的全过程。"]


def test_a_shared_duty_is_one_numbered_duty_naming_both_and_authorities_follow_duties(corpus, texts) -> None:
    view = document_view(corpus, corpus.procedure("Q/QP01"), texts)
    start = _paras(view.blocks).index("6 职责和权限")
    assert _paras(view.blocks)[start + 1:start + 13] == [
        "6.1 销售部、国贸部", "a) 受理投诉并答复顾客。", "6.2 质量部", "a) 分析原因。",
        "6.3 质量经理（质量部）", "a) 批准纠正措施。", "权限：", "a) 决定暂停发运可疑批次。",
        "6.4 各部门负责人", "a) 每年评审本程序的适宜性。", "7 工作程序", "7.1 投诉受理"]


def test_a_step_owned_by_a_role_prints_the_role_and_its_department(corpus, texts) -> None:
    view = document_view(corpus, corpus.procedure("Q/QP01"), texts)
    steps = next(b for b in view.blocks if isinstance(b, Table) and b.rows[0][0].text == "步骤")
    assert [(row[0].text, row[2].text) for row in steps.rows[1:]] == [
        ("7.1.1", "销售部、国贸部"), ("7.1.2", "质量经理\n（质量部）")]


def test_the_records_table_lists_a_record_without_a_form_and_its_rule(corpus, texts) -> None:
    view = document_view(corpus, corpus.procedure("Q/QP01"), texts)
    records = next(b for b in view.blocks if isinstance(b, Table) and b.rows[0][1].text == "记录名称")
    assert [tuple(c.text for c in row) for row in records.rows[1:]] == [
        ("1", "投诉登记表", "Q/QR0101-A", "销售部", "3年", "销售部按月装订成册"),
        ("2", "PPAP 文件包", "—", "质量部", "产品停产后1年", "质量部按零件号归档，电子版存 PLM 系统")]


def test_a_manual_has_front_matter_scope_with_exclusions_and_clause_chapters(corpus, texts) -> None:
    view = document_view(corpus, corpus.document("Q/SC01"), texts)
    assert _paras(view.blocks, "heading1") == [
        "修订记录", "颁布令", "质量方针", "质量目标", "1 范围", "2 规范性引用文件", "3 术语和定义", "4 组织环境",
        "8 运行"]
    assert _paras(view.blocks, "heading2") == ["4.4 质量管理体系及其过程", "8.2 产品和服务的要求"]
    exclusions = next(b for b in view.blocks if isinstance(b, Table) and b.rows[0][0].text == "条款")
    assert [tuple(c.text for c in row) for row in exclusions.rows] == [
        ("条款", "理由"), ("8.3", "产品按顾客提供的图样制造，本公司不承担设计和开发。")]
    assert "形成文件的信息：Q/QP01—2024《顾客投诉处理程序》" in _paras(view.blocks)
    assert view.core.category == "质量手册" and view.relpath == "manuals/Q-SC01_A-0_质量手册.docx"


def test_a_work_instruction_numbers_its_steps_with_key_points_records_and_pictures(corpus, texts) -> None:
    view = document_view(corpus, corpus.document("Q/ZY0101"), texts)
    start = _paras(view.blocks).index("5 操作步骤")
    assert _paras(view.blocks)[start + 1:start + 8] == [
        "5.1 核对退回件的标识和数量。", "要点：", "• 标识不清的件隔离存放。", "5.2 测量关键尺寸。",
        "形成记录：《投诉登记表》Q/QR0101-A", "图 1 测量位置", "6 参数和要求"]
    picture = next(b for b in view.blocks if isinstance(b, Image))
    assert picture.name == "flow.png" and picture.data == (PYRAMID / "attachments" / "flow.png").read_bytes()
    assert "表 6.1　检验项目" in _paras(view.blocks)


def test_a_step_keeps_with_its_key_points_and_records_and_a_picture_with_its_caption(corpus, texts) -> None:
    view = document_view(corpus, corpus.document("Q/ZY0101"), texts)
    blocks = view.blocks
    first = next(i for i, b in enumerate(blocks) if isinstance(b, Para) and b.lead == "5.1 ")
    kept = [b.keep_next for b in blocks[first:first + 6] if isinstance(b, (Para, Image))]
    # 5.1, 要点, its one point (no records follow), 5.2, its records line, the picture (its caption follows)
    assert kept == [True, True, False, True, False, True]
    assert isinstance(blocks[first + 6], Para) and blocks[first + 6].text == "图 1 测量位置"


def test_a_manual_titled_as_its_type_prints_the_title_once_on_the_cover(corpus, texts) -> None:
    view = document_view(corpus, corpus.document("Q/SC01"), texts)
    assert _paras(view.blocks[:3]) == ["", "质量手册", "Q/SC01—2024　A/0"]
    instruction = document_view(corpus, corpus.document("Q/ZY0101"), texts)
    assert _paras(instruction.blocks[:2]) == ["作业指导书", "投诉件检验作业指导书"]


def test_an_english_instruction_cites_a_record_with_a_space_before_its_number() -> None:
    english = Path(__file__).parents[2] / "examples" / "en"
    corpus = check_project(english).corpus
    view = document_view(corpus, corpus.document("WI-01-01"), Texts(english, "en", Diagnostics()))
    assert [p for p in _paras(view.blocks) if p.startswith("Records: ")] == [
        "Records: “Nonconforming Material Log” QF-01-02 Rev B", "Records: “Nonconformance Report” QF-01-01 Rev B"]


def test_a_document_of_another_company_prints_that_company(corpus, texts) -> None:
    assert document_view(corpus, corpus.document("Q/ZY0101"), texts).page.company == "示例零部件有限公司"
    assert document_view(corpus, corpus.procedure("Q/QP01"), texts).page.company == "示例机电有限公司"


def test_signed_by_hand_leaves_the_name_blank_and_prints_role_and_date(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PYRAMID, root)
    config = root / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "signatures: by-hand\nlanguage: zh"),
                      encoding="utf-8")
    procedure = root / "procedures" / "Q-QP01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "  prepared: {name: 张明, date: 2024-02-20}", "  prepared: {role: quality-manager, date: 2024-02-20}"),
        encoding="utf-8")
    checked = check_project(root)
    assert [d.message for d in checked.diagnostics] == []
    view = document_view(checked.corpus, checked.corpus.procedure("Q/QP01"), Texts(root, "zh", Diagnostics()))
    approvals = next(b for b in view.blocks if isinstance(b, Table) and b.rows[0][0].text == "职　责")
    assert [tuple(c.text for c in row) for row in approvals.rows] == [
        ("职　责", "编制", "审核", "批准"), ("签　名", "", "李华", "王强"), ("职　务", "质量经理", "", ""),
        ("日　期", "2024-02-20", "2024-02-22", "2024-02-25")]
    assert view.core.author == "示例机电有限公司"  # no signer's name to put there; none invented
