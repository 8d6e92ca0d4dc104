"""Registers, checklist and where-used over the whole document pyramid: types and levels, roles, authorities,
records without a form, retention rules, companies, approvals signed by hand, the clause set's name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proccompile.audit.books import Request, checklist_book, register_book
from proccompile.audit.where import where_used
from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import check_project
from proccompile.views.tables import Book, Sheet

PYRAMID = Path(__file__).parent.parent / "cases" / "valid" / "pyramid"


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return check_project(PYRAMID).corpus


@pytest.fixture(scope="module")
def registers(corpus) -> Book:  # type: ignore[no-untyped-def]
    return register_book(corpus, PYRAMID, Diagnostics())


def _sheet(book: Book, name: str) -> Sheet:
    return next(s for s in book.sheets if s.key == name)


def test_the_master_list_groups_documents_by_level_and_type_with_company_and_approval(registers) -> None:
    sheet = _sheet(registers, "documents")
    assert [g.title for g in sheet.groups] == ["一级文件 质量手册", "二级文件 程序文件", "三级文件 作业指导书",
                                               "三级文件 检验规范", "四级文件 记录表单"]
    assert [c.title for c in sheet.columns][:10] == ["类别", "代号", "文件编号", "名称", "所属公司", "版本", "状态",
                                                     "实施日期", "批准", "批准日期"]
    instruction = sheet.groups[2].rows[0]
    assert instruction[:10] == ("作业指导书", "Q/ZY0101", "Q/ZY0101-A", "投诉件检验作业指导书", "示例零部件有限公司",
                               "A/0", "受控", "2024-03-05", "王强", "2024-02-25")


def test_the_records_register_holds_forms_and_records_kept_without_a_form(registers) -> None:
    rows = _sheet(registers, "records").groups[0].rows
    assert [row[:8] for row in rows] == [
        ("Q/QR0101-A", "投诉登记表", "A/0", "销售部", "纸质", "销售部按月装订成册", "3年", "记录形成之日"),
        ("—", "PPAP 文件包", "—", "质量部", "纸质、电子", "质量部按零件号归档，电子版存 PLM 系统", "产品停产后1年",
         "产品停产"),
    ]
    assert rows[1][-1] == "Q/QP01"


def test_the_matrix_has_a_row_per_actor_and_lists_the_authorities(registers) -> None:
    sheet = _sheet(registers, "responsibilities")
    assert [row for row in sheet.groups[0].rows] == [
        ("质量部", "职责"), ("质量经理（质量部）", "职责、权限×1、步骤×1"), ("国贸部", "职责、步骤×1"),
        ("销售部", "归口、职责、步骤×1"), ("各部门负责人", "职责")]
    assert sheet.notes[1:] == ("各部门和角色的权限（可决定的事项）：",
                               "Q/QP01 §6.3 质量经理（质量部）：决定暂停发运可疑批次。")


def test_the_external_register_never_lists_an_internal_document(registers) -> None:
    assert [row[0] for row in _sheet(registers, "external").groups[0].rows] == ["GB/T 19001-2016"]


def test_the_checklist_cites_printed_numbers_and_audits_a_shared_duty_with_each_department(corpus) -> None:
    book = checklist_book(corpus, PYRAMID, Diagnostics())
    rows, points = [g.rows for g in _sheet(book, "checklist").groups]
    assert [(row[2], row[3]) for row in rows] == [
        ("销售部", "Q/QP01 §6.1"), ("国贸部", "Q/QP01 §6.1"), ("质量部", "Q/QP01 §6.2"), ("质量部", "Q/QP01 §6.3"),
        ("销售部", "Q/QP01 §6.4"), ("质量部", "Q/QP01 §6.4"), ("生产部", "Q/QP01 §6.4"), ("销售部", "Q/QP01 §7.1.1"),
        ("国贸部", "Q/QP01 §7.1.1"), ("质量部", "Q/QP01 §7.1.2"), ("销售部", "Q/QP01 §4"), ("销售部", "Q/QP01 §10"),
        ("质量部", "Q/QP01 §10"), ("销售部", "Q/QP01 封面及修订记录")]
    # The current version is asked at every point of use: a group's duty makes each member one.
    assert [row[2] for row in points] == ["质量部", "国贸部", "销售部", "生产部"]
    assert rows[3][4] == ("质量经理（质量部）是否了解并按 6.3 行使权限：“决定暂停发运可疑批次”？该权限是否已书面授予、"
                          "为相关人员所知，行使时是否留有记录？")
    assert rows[12][4].startswith("质量部是否保存《PPAP 文件包》，保存期限不少于产品停产后1年")


def test_where_finds_uses_in_every_document_type_at_their_printed_numbers(corpus) -> None:
    uses = where_used(corpus, "Q/QP01").uses
    assert [(u.document, u.section, u.role) for u in uses] == [
        ("Q/ZY0101", "7.1", "related document"), ("Q/SC01", "8.2", "clause 8.2")]
    assert where_used(corpus, "Q/ZY0101").kind == "instruction"
    roles = [(u.document, u.section, u.role) for u in where_used(corpus, "quality-manager").uses]
    assert roles == [("Q/QP01", "6.3", "responsibility"), ("Q/QP01", "7.1.2", "step owner")]


def test_labels_name_the_clause_set_the_project_audits_against(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PYRAMID, root)
    config = root / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("audit:\n", "audit:\n  clause_set: iatf16949\n"),
                      encoding="utf-8")
    corpus = check_project(root).corpus
    coverage = checklist_book(corpus, root, Diagnostics(), Request(coverage_only=True))
    assert coverage.title == "IATF 16949:2016 条款覆盖矩阵"
    from proccompile.render.blocks import Para
    from proccompile.render.document_view import document_view
    from proccompile.views.wording import Texts

    texts = Texts(root, "zh", Diagnostics(), clause_set="iatf16949")
    view = document_view(corpus, corpus.procedure("Q/QP01"), texts)
    leads = [b.lead for b in view.blocks if isinstance(b, Para) and b.text == "8.2.1"]
    assert leads == ["对应 IATF 16949:2016 条款："]
    iso = Texts(PYRAMID, "zh", Diagnostics())
    assert (iso.label("clauses"), texts.label("clauses")) == ("对应 ISO 9001:2015 条款：",
                                                              "对应 IATF 16949:2016 条款：")


def test_where_names_groups_and_the_groups_a_department_is_a_member_of(corpus) -> None:
    group = where_used(corpus, "department-heads")
    assert (group.kind, group.title) == ("group", "各部门负责人")
    assert [(u.document, u.section, u.role) for u in group.uses] == [("Q/QP01", "6.4", "responsibility")]
    sales = where_used(corpus, "sales")
    assert ("", "", "member of group department-heads") in [(u.document, u.section, u.role) for u in sales.uses]
    assert where_used(corpus, "quality-manager").title == "质量经理（质量部）"
