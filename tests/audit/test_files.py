"""xlsx and docx: spreadsheet features, reproducible bytes, and LibreOffice can open and print them."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from proccompile.write.pdf import FONTS_CONF, find_soffice
from tests.audit.conftest import ROOT, add_config
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def shipped_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "checklist.xlsx"
    team = ["--auditor", "张三:quality", "--auditor", "李四:sales", "--auditor", "王五:finance"]
    code, output = run_cli(["checklist", "-o", str(out), "--audit", "2025-10", *team], ROOT)
    assert code == 0, output
    return out


def test_xlsx_sheet_features(shipped_xlsx: Path) -> None:
    wb = load_workbook(shipped_xlsx)
    assert wb.sheetnames == ["检查表", "本次未覆盖的检查项", "审核计划", "年度审核方案", "乌龟图", "条款覆盖",
                             "审核报告", "审核报告：以往不符合项的跟踪", "审核报告：发现与结论", "纠正-预防措施记录表",
                             "不符合项跟踪表", "会议签到表"]
    ws = wb["检查表"]
    assert ws["A1"].value == "内部审核检查表"
    # The form's number and version once, in the page header (the version is not in the number here).
    assert ws.oddHeader.right.text == "Q/JL092101 A/0"
    assert wb["纠正-预防措施记录表"].oddHeader.right.text == "Q/JL060301-C C/0"  # the company's own CAR form
    # Title, the header fields two a row (9 fields: rows 2–6), a blank row, then the column headings.
    assert [ws.cell(2, 1).value, ws.cell(3, 1).value] == ["审核编号", "审核范围"]
    assert ws.cell(2, 1).fill.fgColor.rgb.endswith("D9D9D9")  # a shaded label beside a box to fill in
    header = [c.value for c in ws[8]]
    assert header[:5] == ["序号", "标准条款", "过程/部门", "审核准则", "审核问题"]
    assert header[-7:] == ["总体数量", "抽样编号", "实际证据", "判定", "不符合报告编号", "审核员", "审核日期"]
    assert ws.freeze_panes == "A9"
    assert ws.auto_filter.ref.startswith("A8:N")
    rules = ws.data_validations.dataValidation
    # Only the configured result codes, in the project's language; anything else is refused.
    assert len(rules) == 1 and rules[0].formula1 == '"符合,轻微不符合,严重不符合,观察项,不适用"'
    assert rules[0].showErrorMessage and rules[0].errorStyle == "stop"
    assert str(rules[0].sqref).startswith("K9:K")
    assert ws["E9"].alignment.wrap_text and ws["E9"].font.name == "Microsoft YaHei"
    assert ws["A9"].value == 1 and ws["A9"].data_type == "n"  # item numbers are numbers
    signoff = [c.value for row in ws.iter_rows(min_row=ws.max_row - 1) for c in row if c.value]
    assert any("审核组长签字/日期" in v and "受审方代表签字/日期" in v for v in signoff)
    assert all((ws.row_dimensions[r].height or 0) <= 409 for r in range(1, ws.max_row + 1))
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$8:$8"
    assert wb.properties.modified.date().isoformat() == "2024-12-10"  # newest effective date, not today
    criteria = [row[3] for row in ws.iter_rows(min_row=9, values_only=True)]
    assert "Q/FL2.0817 §5.1.1" in criteria


def test_outputs_are_reproducible(tmp_path: Path) -> None:
    for fmt in ("xlsx", "docx"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        for out in (first, second):
            assert run_cli(["checklist", "--format", fmt, "-o", str(out), "--procedure", "Q/FL2.0817"], ROOT)[0] == 0
        assert first.read_bytes() == second.read_bytes()
        assert {i.date_time for i in zipfile.ZipFile(first).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_is_landscape_with_repeated_heading_rows_and_turtles(base: Path) -> None:
    add_config(base, "audit:\n  checklist_form: {code: QR-09-01, version: B/2}\n")
    assert run_cli(["checklist", "--format", "docx", "-o", "c.docx"], base)[0] == 0
    document = docx.Document(io.BytesIO((base / "c.docx").read_bytes()))
    section = document.sections[0]
    assert section.page_width > section.page_height
    xml = document.element.xml
    # Checklist, items not covered, programme, coverage and the audit records (report, its follow-up, NC log,
    # attendance); the NC report and the report's findings are boxes, turtles have none.
    assert xml.count("<w:tblHeader/>") == 8
    assert "5.1.1 受理投诉并填写投诉登记表。" in xml  # the turtle's "how" box
    header = section.header._element.xml
    assert "QR-09-01" in header and "B/2" in header
    assert document.core_properties.modified.date().isoformat() == "2024-03-05"


def test_registers_xlsx_has_four_sheets(base: Path) -> None:
    assert run_cli(["register", "-o", "r.xlsx"], base)[0] == 0
    wb = load_workbook(base / "r.xlsx")
    assert wb.sheetnames == ["受控文件清单", "记录清单", "职责分配矩阵", "质量职能分配表", "外来文件清单"]
    assert [c.value for c in wb["记录清单"][2]][0] == "表单编号"
    ws = wb["受控文件清单"]
    effective = [c for c in ws[3] if c.is_date]
    assert [c.value.date().isoformat() for c in effective] == ["2024-03-05", "2024-02-25"]  # effective, approved: typed
    assert effective[0].number_format == "yyyy-mm-dd"


def test_xlsx_text_that_looks_like_a_formula_stays_text(base: Path) -> None:
    procedure = base / "procedures" / "QP-01.yaml"
    text = procedure.read_text(encoding="utf-8")
    procedure.write_text(text.replace("title: 顾客投诉处理程序", 'title: "=1+1"', 1), encoding="utf-8")
    assert run_cli(["register", "-o", "r.xlsx"], base)[0] == 0
    ws = load_workbook(base / "r.xlsx")["受控文件清单"]
    assert [(c.value, c.data_type) for c in ws[3]][:4] == [("程序文件", "s"), ("QP-01", "s"), ("QP-01", "s"),
                                                          ("=1+1", "s")]
    with zipfile.ZipFile(base / "r.xlsx") as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))


TOOLS_MISSING = not (find_soffice() and shutil.which("pdftotext"))


@pytest.mark.skipif(TOOLS_MISSING and not os.environ.get("CI"), reason="LibreOffice or poppler-utils not installed")
def test_libreoffice_opens_the_xlsx(shipped_xlsx: Path, tmp_path: Path) -> None:
    soffice = find_soffice()
    assert soffice, "CI is set but LibreOffice is missing (Calc: libreoffice-calc-nogui)"
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(shipped_xlsx)],
                   check=True, capture_output=True, timeout=240, env=env)
    pdf = tmp_path / "checklist.pdf"
    assert pdf.is_file(), "LibreOffice produced no PDF (is libreoffice-calc-nogui installed?)"
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                                             capture_output=True, text=True).stdout)
    assert "Q/JL081701-A《服务受理单》" in text
    assert "文件未规定目标值：是否已确定可测量的目标" in text


def test_xlsx_header_boxes_are_bordered_across_their_merged_cells(shipped_xlsx: Path) -> None:
    # Rows are streamed (write-only), so the covered cells of a merged label or value box carry the box's
    # outer edges themselves, as openpyxl's merge_cells gives them; LibreOffice draws the box from them.
    ws = load_workbook(shipped_xlsx)["检查表"]
    boxes = [r for r in ws.merged_cells.ranges if 2 <= r.min_row <= 7]
    assert boxes
    for box in boxes:
        for col in range(box.min_col + 1, box.max_col + 1):
            border = ws.cell(box.min_row, col).border
            assert border.top.style == border.bottom.style == "thin", (box, col)
            assert (border.right.style == "thin") == (col == box.max_col), (box, col)
