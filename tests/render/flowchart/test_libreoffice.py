"""A real client draws the flowcharts: LibreOffice converts the charts of Q/FL2.0813 (and of the landscape stress
chart) to PDF, and poppler finds every lane's department, every step number and the terminators in the drawn text,
set in an embedded CJK font. Skipped when LibreOffice or poppler is missing, unless CI is set."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from proccompile.model.display import department_name
from proccompile.model.numbering import numbering
from proccompile.pipeline import build_project, check_project
from proccompile.write.pdf import find_soffice
from tests.render.flowchart.drawn import NS
from tests.render.flowchart.stress import write_stress_project

ROOT = Path(__file__).parents[3]
TOOLS = ("pdftotext", "pdfinfo", "pdffonts")

if not (find_soffice() and all(shutil.which(t) for t in TOOLS)):
    if os.environ.get("CI"):
        pytest.fail("CI is set but LibreOffice or poppler-utils is missing", pytrace=False)
    pytest.skip("LibreOffice (soffice) or poppler-utils not installed", allow_module_level=True)


def _charts_only(data: bytes) -> bytes:
    """The document with nothing but its flowchart drawings, each part on a page of its own."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    drawings = 0
    for child in list(body):
        if child.tag == qn("w:sectPr"):
            continue
        if child.find(".//wps:wsp", NS) is None:
            body.remove(child)
            continue
        if drawings:
            child.find(qn("w:pPr")).insert(0, child.makeelement(qn("w:pageBreakBefore"), {}))
        drawings += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(data: bytes, tmp_path: Path) -> tuple[str, int, str]:
    """Text (whitespace removed), page count and font list of the charts-only PDF."""
    source = tmp_path / "charts.docx"
    source.write_bytes(_charts_only(data))
    soffice = find_soffice()
    assert soffice is not None
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "charts.pdf"

    def run(*args: str) -> str:
        return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout

    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))
    return re.sub(r"\s+", "", run("pdftotext", "-enc", "UTF-8", str(pdf), "-")), pages, run("pdffonts", str(pdf))


def test_libreoffice_draws_every_department_and_step_of_q_fl2_0813(tmp_path: Path) -> None:
    result = build_project(ROOT, tmp_path / "build")
    path = next(p for p in result.outputs if p.name.startswith("Q-FL2.0813_"))
    text, pages, fonts = _pdf(path.read_bytes(), tmp_path)
    corpus = check_project(ROOT).corpus
    p = corpus.procedure("Q/FL2.0813").model
    numbers = numbering(p)
    assert pages == len(p.process)  # one chart per subsection, each on one page
    for i, section in enumerate(p.process):
        assert f"{numbers.subsection(i)}{section.title}流程图" in text
        for j, step in enumerate(section.steps):
            assert numbers.step(i, j) in text
            for owner in step.owner:  # the first owner's lane, the others named on the box (共同负责：…)
                assert department_name(corpus, owner) in text
    for word in ("开始", "结束", "记录", "重大质量问题？", "纠正措施有效？", "Q/JL081302-C",
                 "时限：发现重大质量问题后24小时"):
        assert word in text, word
    assert [line for line in fonts.splitlines() if "CJK" in line and " yes " in line], fonts


def test_libreoffice_draws_the_landscape_stress_chart_in_parts(tmp_path: Path) -> None:
    root = write_stress_project(tmp_path / "stress")
    result = build_project(root, tmp_path / "build")
    path = next(p for p in result.outputs if p.name.startswith("QP-01_"))
    text, pages, _ = _pdf(path.read_bytes(), tmp_path)
    drawn = re.findall(r"5\.\d\.\d+", text)
    assert {f"5.{i}.{j}" for i in (1, 2, 3) for j in range(1, 11)} <= set(drawn)
    assert pages > 3 and text.count("工程技术部") >= pages  # the lane headings on every page



def _drawn_lines(data: bytes) -> list[str]:
    """Each line of text of each shape of the document's charts, as the layout broke it (one paragraph a line)."""
    document = docx.Document(io.BytesIO(data)).element.body
    return [line for p in document.iterfind(".//wps:wsp/wps:txbx/w:txbxContent/w:p", NS)
            if (line := re.sub(r"\s+", "", "".join(t.text or "" for t in p.iterfind(".//w:t", NS))))]


def test_libreoffice_sets_every_line_of_every_shipped_chart_as_the_layout_broke_it(tmp_path: Path) -> None:
    """A line wider than the room LibreOffice (or Word) gives a symbol's text would be broken again there, and the
    end of a diamond's question would vanish below its middle: every line the layout drew is a line of the PDF."""
    result = build_project(ROOT, tmp_path / "build")
    sources = []
    for path in sorted(p for p in result.outputs if p.parent.name == "procedures" and p.suffix == ".docx"):
        sources.append(tmp_path / f"{len(sources)}.docx")
        sources[-1].write_bytes(_charts_only(path.read_bytes()))
    soffice = find_soffice()
    assert soffice is not None and len(sources) == 10
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, sources)], check=True, capture_output=True, timeout=600)
    drawn = 0
    for source in sources:
        pdf = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source.with_suffix(".pdf")), "-"],
                             capture_output=True, text=True, check=True, timeout=60).stdout
        printed = {re.sub(r"\s+", "", line) for line in pdf.splitlines()}
        lines = _drawn_lines(source.read_bytes())
        assert [line for line in lines if line not in printed] == [], source
        drawn += len(lines)
    assert drawn > 500
