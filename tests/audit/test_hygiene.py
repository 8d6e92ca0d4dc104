"""Spreadsheet hygiene: formula-like text stays inert, rows fit Excel, and LibreOffice prints every character."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from proccompile.render.tabular.xlsx import split_row
from proccompile.write.pdf import FONTS_CONF, find_soffice
from tests.audit.conftest import ROOT
from tests.audit.test_files import TOOLS_MISSING
from tests.helpers import run_cli

HOSTILE = {"title": '=HYPERLINK("http://evil.example","x")', "sales": "+cmd|' /C calc'!A0",
           "quality": "@SUM(1+1)", "form": "-2+3"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _hostile(base: Path) -> None:
    """A procedure title, two department names and a form title that a spreadsheet would run as formulas."""
    procedure = base / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "title: 顾客投诉处理程序", f"title: '{HOSTILE['title']}'", 1), encoding="utf-8")
    form = base / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("title: 投诉登记表", f"title: '{HOSTILE['form']}'", 1),
                    encoding="utf-8")
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("zh: 销售部", f"zh: \"{HOSTILE['sales']}\"", 1)
                      .replace("zh: 质量部", f"zh: '{HOSTILE['quality']}'", 1), encoding="utf-8")


def test_formula_like_names_are_inert_in_every_csv_and_xlsx_cell(base: Path) -> None:
    _hostile(base)
    for command in ("checklist", "register"):
        assert run_cli([command, "--format", "csv", "-o", f"out/{command}.csv"], base)[0] == 0
        assert run_cli([command, "--format", "xlsx", "-o", f"out/{command}.xlsx"], base)[0] == 0
    seen: set[str] = set()
    for path in sorted((base / "out").glob("*.csv")):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path.name
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (path.name, cell)
                seen.update(v for v in HOSTILE.values() if v in cell)
    assert seen == set(HOSTILE.values())  # every hostile value was written, neutralised
    seen.clear()
    for path in sorted((base / "out").glob("*.xlsx")):
        with zipfile.ZipFile(path) as archive:
            formulas = [f for n in archive.namelist() if n.startswith("xl/worksheets/")
                        for f in re.findall(rb"<f>(.*?)</f>", archive.read(n))]
        # The only formulas are the tool's own (result counts, days open), never a name from the YAML.
        assert all(re.match(rb"(COUNTIFS?|IF)\(", f) for f in formulas), formulas
        assert not any(v.encode() in f for f in formulas for v in HOSTILE.values())
        for ws in load_workbook(path):
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS) and cell.data_type != "f":
                        assert cell.data_type == "s", (path.name, cell.coordinate)
                        seen.add(cell.value)
    assert {HOSTILE["title"], HOSTILE["sales"], HOSTILE["quality"], HOSTILE["form"]} <= seen


def test_a_cell_too_tall_for_excel_continues_on_the_next_rows() -> None:
    long = "\n".join(f"第{n}行：记录保存方式" for n in range(70))
    rows = split_row(("1", long, "短"), [6, 40, 10])
    assert len(rows) == 3 and rows[0][0] == "1" and rows[0][2] == "短"
    assert all(r[0] == "" and r[2] == "" for r in rows[1:])
    assert "\n".join(r[1] for r in rows) == long  # nothing lost, cut at line ends
    assert split_row(("a", "b"), [5, 5]) == [("a", "b")]


@pytest.mark.skipif(TOOLS_MISSING and not os.environ.get("CI"), reason="LibreOffice or poppler-utils not installed")
def test_libreoffice_prints_every_character_of_every_xlsx(tmp_path: Path) -> None:
    """Checklist (with plan, turtles, coverage) and registers: every character of every cell is on the printed
    pages, so no row is clipped or taller than a page; Excel's row limit holds on every sheet."""
    soffice = find_soffice()
    assert soffice
    files = []
    for command in ("checklist", "register"):
        out = tmp_path / f"{command}.xlsx"
        assert run_cli([command, "-o", str(out)], ROOT)[0] == 0
        files.append(out)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
                   check=True, capture_output=True, timeout=300, env=env)
    for path in files:
        # pdftotext joins a word broken at a hyphen, so hyphens and white space are left out of the count.
        printed = Counter(re.sub(r"[\s-]+", "", subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path.with_suffix(".pdf")), "-"], check=True, capture_output=True,
            text=True).stdout))
        wanted: Counter[str] = Counter()
        for ws in load_workbook(path):
            assert all((ws.row_dimensions[r].height or 0) <= 409 for r in range(1, ws.max_row + 1)), ws.title
            for row in ws.iter_rows():
                # A formula prints its value, not its text.
                wanted.update(ch for c in row if c.value is not None and c.data_type != "f"
                              for ch in re.sub(r"[\s-]+", "", _shown(c.value)))
        assert not wanted - printed, (path.name, dict(wanted - printed))


def _shown(value: object) -> str:
    """A cell as printed: typed dates in the yyyy-mm-dd format the writer gives them."""
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)
