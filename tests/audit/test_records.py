"""The records of the audit cycle as the company's own forms: identity once per sheet, a complete CAR, a report and a
log an auditor can fill in, and a docx checklist that reads well."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from openpyxl import load_workbook

from tests.audit.conftest import add_config
from tests.helpers import run_cli

CAR_FORM = """code: QR-01-09
title: 纠正措施报告
version: B/1
owner: quality
retention: 3y
medium: paper
fields:
  - label: 报告编号
sections:
  - title: 围堵措施
    fields:
      - label: 围堵范围
        lines: 2
    signoffs: [责任人]
signoffs: [质量部]
"""


def _car(base: Path, display: str = "{code}") -> None:
    (base / "forms" / "QR-01-09.yaml").write_text(CAR_FORM, encoding="utf-8")
    procedure = base / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "        records: [QR-01-02]", "        records: [QR-01-02, QR-01-09]").replace(
        "records:\n  - form: QR-01-01", "records:\n  - form: QR-01-09\n    keeper: quality\n    storage: 质量部\n"
        "  - form: QR-01-01"), encoding="utf-8")
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  form: '^QR-\\d{2}-\\d{2}$'", f"  form: '^QR-\\d{{2}}-\\d{{2}}$'\n  form_display: '{display}'"),
        encoding="utf-8")
    add_config(base, "audit:\n  checklist_form: {code: QR-01-08, version: A/0}\n  forms: {nc_report: QR-01-09}\n"
                     "  auditors: [{name: 周敏, department: quality}, {name: 陈刚, department: sales}]\n")


def test_a_mapped_nc_report_is_the_projects_form_and_carries_its_code_once(base: Path) -> None:
    _car(base)
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0, output
    section = output[output.index("## 纠正措施报告"):output.index("## 不符合项跟踪表")]
    assert section.count("QR-01-09") == 1 and "QR-01-09 B/1《纠正措施报告》" in section
    assert "| 围堵措施：围堵范围 | <br> | 责任人： |" in section and "- 报告编号：—" in section
    assert "QR-01-08" not in section  # the checklist's number is the checklist's alone
    assert run_cli(["checklist", "-o", "c.xlsx"], base)[0] == 0
    wb = load_workbook(base / "c.xlsx")
    assert wb["纠正措施报告"].oddHeader.right.text == "QR-01-09 B/1"
    assert wb["检查表"].oddHeader.right.text == "QR-01-08 A/0"
    assert wb["审核计划"].oddHeader.right.text is None  # no form is configured for the plan


def test_a_number_that_shows_the_version_does_not_get_it_twice(base: Path) -> None:
    _car(base, "{code} Rev {version}")
    assert run_cli(["checklist", "-o", "c.xlsx"], base)[0] == 0
    assert load_workbook(base / "c.xlsx")["纠正措施报告"].oddHeader.right.text == "QR-01-09 Rev B/1"
    assert run_cli(["checklist", "--format", "docx", "-o", "c.docx"], base)[0] == 0
    document = docx.Document(str(base / "c.docx"))
    headers = [s.header._element.xml for s in document.sections]
    car = next(h for h in headers if "纠正措施报告" in h)
    assert car.count("B/1") == 1


def test_each_docx_record_has_its_own_header_and_page_numbers(base: Path) -> None:
    _car(base)
    assert run_cli(["checklist", "--format", "docx", "-o", "c.docx"], base)[0] == 0
    document = docx.Document(str(base / "c.docx"))
    sections = document.sections
    headers = [s.header._element.xml for s in sections]
    assert len(sections) >= 10 and len({id(s.header._element) for s in sections}) == len(sections)
    assert sum("QR-01-08" in h for h in headers) == 1 and sum("QR-01-09" in h for h in headers) == 1
    # 第 1 页 共 n 页 of the record, not of the book: the page of a bookmark at the end of the record.
    assert all(f"PAGEREF _RecordEnd{k} " in h for k, h in enumerate(headers))
    with zipfile.ZipFile(base / "c.docx") as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count('<w:pgNumType w:start="1"/>') == len(sections)


def test_the_built_in_car_is_complete_and_has_room_to_write(base: Path) -> None:
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0, output
    section = output[output.index("## 不符合项报告"):output.index("## 不符合项跟踪表")]
    for part in ("不符合事实（客观证据", "不符合的要求", "围堵和应急措施", "后果的处置",
                 "类似不符合（举一反三", "根本原因（分析方法", "流出原因", "纠正（立即处置）",
                 "纠正措施（针对发生和流出原因），责任人及完成日期", "系统性措施", "风险和机遇、FMEA、控制计划",
                 "防错", "有效性验证准则", "有效性验证结果（验证人/日期）",
                 "关闭确认（有效则关闭；无效则开具新不符合项报告"):
        assert part in section, part
    assert section.count("<br><br>") >= 9  # boxes several lines high


def test_the_report_and_the_log_can_be_filled_in(base: Path) -> None:
    assert run_cli(["checklist", "-o", "c.xlsx"], base)[0] == 0
    wb = load_workbook(base / "c.xlsx")
    report = wb["审核报告"]
    cells = [c for row in report.iter_rows() for c in row]
    formulas = [c.value for c in cells if c.data_type == "f"]
    # Result counts summed from the checklist, per process and in total.
    assert "=COUNTIFS('检查表'!D:D,\"QP-01 *\",'检查表'!K:K,\"符合\")" in formulas
    assert "=COUNTIF('检查表'!K:K,\"轻微不符合\")" in formulas
    assert "过程审核结论" in [c.value for c in cells]
    text = {row[0]: row[1] for row in wb["审核报告：发现与结论"].iter_rows(values_only=True) if row[0]}
    assert text["抽样说明"].startswith("审核以抽样方式进行")
    assert "未覆盖的区域" in text and "审核组与受审方未解决的分歧意见" in text
    follow = [c.value for c in wb["审核报告：以往不符合项的跟踪"][2]]
    assert follow[:2] == ["不符合报告编号", "审核编号"]
    log = wb["不符合项跟踪表"]
    heading = [c.value for c in log[4]]
    for column in ("开具日期", "责任人", "计划完成", "已开天数", "逾期", "验证人", "验证日期", "状态",
                   "重开（新报告编号）"):
        assert column in heading, column
    days = log.cell(5, heading.index("已开天数") + 1)
    assert days.data_type == "f" and days.value == '=IF(C5="","",IF(N5="",TODAY(),N5)-C5)'
    del heading


def test_docx_checklist_gives_the_question_room_and_keeps_headings_with_their_rows(base: Path) -> None:
    """The question column was 10 % of the page (18 pages for 11 items); group headings and sign-off labels ended
    pages."""
    assert run_cli(["checklist", "--format", "docx", "-o", "c.docx"], base)[0] == 0
    document = docx.Document(io.BytesIO((base / "c.docx").read_bytes()))
    table = next(t for t in document.tables if len(t.columns) > 4 and t.rows[0].cells[4].text == "审核问题")
    grid = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for c in
            table._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")]
    assert grid[4] / sum(grid) >= 0.2 and grid[6] / sum(grid) >= 0.12
    assert max(grid) == grid[4]
    group = table.rows[1]
    assert "<w:keepNext/>" in group._tr.xml  # the procedure's heading row stays with its first item
    signoff = next(t for t in document.tables if t.rows[0].cells[0].text == "审核员签字/日期")
    assert "<w:keepNext/>" in signoff.rows[0]._tr.xml
    assert re.search(r"<w:keepNext/>", document.element.xml)
