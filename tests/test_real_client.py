"""A real client reads the output: LibreOffice converts built .docx files to PDF; poppler checks the result.

Skipped when LibreOffice is missing, unless CI is set (CI installs it, so a missing soffice fails).
`pytest tests/test_real_client.py --update-golden` also rewrites docs/img/*.png, the README's
page-1 previews of a procedure and a form from the shipped example project.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.model.display import form_number
from proccompile.model.output_names import output_relpath
from proccompile.pipeline import build_project, check_project
from proccompile.render.blocks import Para
from proccompile.render.procedure import procedure_view
from proccompile.views.wording import Texts
from proccompile.write import export_pdfs
from proccompile.write.pdf import find_soffice

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "cases" / "valid" / "minimal"
IMAGES = {"procedure.png": "Q-FL2.0813_", "form.png": "Q-JL081303_"}
TOOLS = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")

if not (find_soffice() and all(shutil.which(t) for t in TOOLS)):
    if os.environ.get("CI"):
        pytest.fail("CI is set but LibreOffice or poppler-utils is missing", pytrace=False)
    pytest.skip("LibreOffice (soffice) or poppler-utils not installed", allow_module_level=True)


@functools.cache
def _checked(root: Path):  # type: ignore[no-untyped-def]
    return check_project(root)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PDFs of the golden project and of the shipped project's procedures and previewed forms."""
    out = tmp_path_factory.mktemp("real-client")
    chosen: list[Path] = []
    for name, root in (("minimal", MINIMAL), ("example", ROOT)):
        result = build_project(root, out / name / "build")
        assert result.outputs, [d.message for d in result.check.diagnostics]
        chosen += [p for p in result.outputs if name == "minimal" or p.parent.name == "procedures"
                   or any(p.name.startswith(prefix) for prefix in IMAGES.values())]
    made = export_pdfs(chosen, out / "pdf", workers=2)
    assert len(made) == len(chosen)
    return {p.stem: p for p in made}


def _procedure_cases() -> list[tuple[Path, str]]:
    return [(root, doc.model.code) for root in (MINIMAL, ROOT) for doc in _checked(root).corpus.procedures]


@pytest.mark.parametrize(("root", "code"), _procedure_cases(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_procedure_pdf_shows_identity_sections_and_page_count(pdfs: dict[str, Path], root: Path, code: str) -> None:
    checked = _checked(root)
    texts = Texts(root, checked.corpus.config.language, Diagnostics())
    view = procedure_view(checked.corpus, checked.corpus.procedure(code), texts)
    pdf = pdfs[Path(view.relpath).stem]
    text = _squeeze(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    assert pages >= 2  # cover and body
    assert _squeeze(view.page.title) in text
    assert _squeeze(view.page.rows[0][1]) in text  # the displayed document number
    for block in view.blocks:
        if isinstance(block, Para) and block.style in ("heading1", "heading2"):
            assert _squeeze(block.text) in text, block.text
    # Live fields: every page knows its own number and the total.
    assert f"第1页共{pages}页" in text and f"第{pages}页共{pages}页" in text
    fonts = _run("pdffonts", str(pdf))
    assert [line for line in fonts.splitlines() if "CJK" in line and " yes " in line], fonts


def test_form_pdfs_show_title_and_number(pdfs: dict[str, Path]) -> None:
    forms = {stem: pdf for stem, pdf in pdfs.items() if pdf.parent.name == "forms"}
    assert len(forms) >= 3
    for root in (MINIMAL, ROOT):
        checked = _checked(root)
        for doc in checked.corpus.forms:
            stem = Path(output_relpath("form", doc.model.code, doc.model.version, doc.model.title)).stem
            if stem in forms:
                text = _squeeze(_run("pdftotext", "-enc", "UTF-8", str(forms[stem]), "-"))
                assert _squeeze(doc.model.title) in text
                assert form_number(checked.corpus, doc.model) in text


def test_watermark_and_stamp_reach_the_page(pdfs: dict[str, Path]) -> None:
    draft = _squeeze(_run("pdftotext", "-enc", "UTF-8", str(pdfs["Q-QP02_A-0_纠正措施控制程序"]), "-"))
    assert "草稿" in draft
    released = _squeeze(_run("pdftotext", "-enc", "UTF-8", str(pdfs["Q-QP01_A-1_顾客投诉处理程序"]), "-"))
    assert "受控" in released and "草稿" not in released


def test_readme_previews(pdfs: dict[str, Path], update_golden: bool, tmp_path: Path) -> None:
    """Page 1 of a procedure and a form render; --update-golden rewrites docs/img/ from them."""
    for image, prefix in IMAGES.items():
        pdf = next(p for stem, p in pdfs.items() if stem.startswith(prefix))
        target = ROOT / "docs" / "img" / image if update_golden else tmp_path / image
        target.parent.mkdir(parents=True, exist_ok=True)
        _run("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target.with_suffix("")))
        assert target.stat().st_size > 10_000
