"""The site publishes every document type: a page per manual, instruction and project type, in level order."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli

PYRAMID = Path(__file__).parents[1] / "cases" / "valid" / "pyramid"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyramid-site") / "site"
    code, output = run_cli(["site", "-o", str(out), "."], PYRAMID)
    assert code == 0, output
    return out


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_every_type_has_its_folder_of_pages_and_the_index_lists_them_by_level(site: Path) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.parent != site / "departments")
    assert pages == ["forms/Q-QR0101.html", "index.html", "instructions/Q-ZY0101.html", "manuals/Q-SC01.html",
                     "procedures/Q-QP01.html", "search.html", "specifications/Q-JG001.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="(\w+)">', index) == ["manuals", "procedures", "instructions", "specifications",
                                                      "forms"]


def test_a_manual_page_shows_its_chapters_and_the_documents_each_clause_cites(site: Path) -> None:
    page = (site / "manuals" / "Q-SC01.html").read_text(encoding="utf-8")
    assert re.findall(r"<h2>([^<]+)</h2>", page)[:6] == ["颁布令", "质量方针", "质量目标", "1 范围", "2 规范性引用文件",
                                                        "3 术语和定义"]
    assert re.findall(r'<h[23] id="c([\d.]+)">', page) == ["4", "4.4", "8", "8.2"]
    assert 'href="../procedures/Q-QP01.html"' in page
    assert '<img src="../pictures/attachments/flow.png" alt="图 1 过程图">' in page
    assert (site / "pictures" / "attachments" / "flow.png").read_bytes() == \
        (PYRAMID / "attachments" / "flow.png").read_bytes()


def test_a_procedure_page_prints_a_shared_duty_and_authorities_in_the_printed_order(site: Path) -> None:
    text = _text((site / "procedures" / "Q-QP01.html").read_text(encoding="utf-8"))
    assert "1 概述 投诉是顾客给公司的第二次机会。 本程序说明投诉从受理到关闭的全过程。 2 目的" in text
    assert "6 职责和权限 6.1 销售部 、 国贸部 a) 受理投诉并答复顾客。" in text
    assert "6.3 质量经理（质量部） a) 批准纠正措施。 权限： a) 决定暂停发运可疑批次。" in text


def test_a_role_links_to_its_place_on_its_department_page_and_a_group_is_named_without_a_link(site: Path) -> None:
    page = (site / "procedures" / "Q-QP01.html").read_text(encoding="utf-8")
    role = '<a class="dept" href="../departments/quality.html#role-quality-manager">质量经理（质量部）</a>'
    assert f"<h3>6.3 {role}</h3>" in page
    assert '<h3>6.4 <span class="dept">各部门负责人</span></h3>' in page
    department = (site / "departments" / "quality.html").read_text(encoding="utf-8")
    assert '<ul class="roles">\n  <li id="role-quality-manager">质量经理</li>\n</ul>' in department
    where = department.split('id="where-used"')[1]
    assert re.findall(r'<span class="place">([^<]+)</span> <span class="role">([^<]+)</span>', where) == [
        ("7.1.2", "step owner"), ("10 #2", "record keeper")]


def test_a_document_owned_by_a_role_is_listed_under_the_role_s_department(tmp_path: Path) -> None:
    project = tmp_path / "pyramid"
    shutil.copytree(PYRAMID, project)
    source = project / "specifications" / "Q-JG001.yaml"
    source.write_text(source.read_text("utf-8").replace("owner: quality", "owner: quality-manager"), "utf-8")
    code, output = run_cli(["site", "-o", str(tmp_path / "site"), "."], project)
    assert code == 0, output
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    specifications = index.split('<h2 id="specifications">')[1].split("<h2")[0]
    assert re.findall(r'<h3><a class="dept" href="([^"]+)">([^<]+)</a></h3>', specifications) == [
        ("departments/quality.html", "质量部")]
    assert 'href="specifications/Q-JG001.html"' in specifications
    department = (tmp_path / "site" / "departments" / "quality.html").read_text(encoding="utf-8")
    assert '<a href="../specifications/Q-JG001.html">' in department.split("<h2>归口的文件</h2>")[1].split("<h2>")[0]
