"""LibreOffice lays the built documents out: one-page forms stay on one page, no table breaks a word or code.

One batched soffice call converts every procedure and form, the audit checklist and the registers of the
shipped project, the golden project and the English example. Skipped when LibreOffice is missing, unless CI is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from proccompile.model.text_width import SHORT_LINE_EMS, text_ems
from proccompile.pipeline import build_project
from proccompile.pipeline.audit import checklist_project, register_project
from proccompile.write import export_pdfs
from proccompile.write.pdf import find_soffice

ROOT = Path(__file__).parent.parent
PROJECTS = {"example": ROOT, "minimal": ROOT / "tests" / "cases" / "valid" / "minimal", "en": ROOT / "examples" / "en"}

if not (find_soffice() and shutil.which("pdftotext") and shutil.which("pdfinfo")):
    if os.environ.get("CI"):
        pytest.fail("CI is set but LibreOffice or poppler-utils is missing", pytrace=False)
    pytest.skip("LibreOffice (soffice) or poppler-utils not installed", allow_module_level=True)

_LATIN_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z./:\-]*[0-9A-Za-z]")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


class Built:
    """The .docx and PDF of every document of the three projects, by project and output stem."""

    def __init__(self, out: Path) -> None:
        self.docx: dict[tuple[str, str], Path] = {}
        for name, root in PROJECTS.items():
            result = build_project(root, out / name)
            assert result.outputs, [d.message for d in result.check.diagnostics]
            self.docx |= {(name, p.stem): p for p in result.outputs if p.suffix == ".docx"}
            for kind, make in (("checklist", checklist_project), ("register", register_project)):
                target = out / name / f"{name}-{kind}.docx"
                made = make(root, target, "docx").outputs
                assert made == [target]
                self.docx[(name, target.stem)] = target
        made = export_pdfs(sorted(self.docx.values()), out / "pdf", workers=2)
        self.pdf = {p.stem: p for p in made}
        assert len(made) == len(self.docx)

    def pages(self, stem: str) -> int:
        return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(self.pdf[stem]))).group(1))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(tmp_path_factory.mktemp("page-layout"))


def _one_page_forms() -> list[tuple[str, str]]:
    from proccompile.model.output_names import output_relpath
    from proccompile.pipeline import check_project

    cases = []
    for name, root in PROJECTS.items():
        for doc in check_project(root).corpus.forms:
            if doc.model.one_page:
                stem = Path(output_relpath("form", doc.model.code, doc.model.version, doc.model.title)).stem
                cases.append((name, stem))
    return cases


@pytest.mark.parametrize(("project", "stem"), _one_page_forms(), ids=lambda v: v)
def test_a_one_page_form_prints_on_one_page(built: Built, project: str, stem: str) -> None:
    assert built.pages(stem) == 1


def _table_tokens(path: Path) -> set[str]:
    """Latin words and codes, and short CJK names, from the table cells of a document body."""
    tokens: set[str] = set()
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                for line in cell.text.split("\n"):
                    # A hyphen before a letter is a line-break opportunity (UAX #14), as in e-|mail; one
                    # before a digit is not, so codes such as QF-01-02 must stay whole.
                    words = _LATIN_TOKEN.findall(line)
                    tokens.update(t for w in words for t in re.split(r"(?<=-)(?=[A-Za-z])", w) if len(t) > 1)
                    if _WIDE.search(line) and text_ems(line.strip()) <= SHORT_LINE_EMS and " " not in line.strip():
                        tokens.add(line.strip())
    return tokens


@pytest.mark.parametrize("project", list(PROJECTS))
def test_no_table_breaks_a_word_or_code(built: Built, project: str) -> None:
    broken: list[str] = []
    for (name, stem), path in sorted(built.docx.items()):
        if name != project:
            continue
        layout = _run("pdftotext", "-layout", "-enc", "UTF-8", str(built.pdf[stem]), "-")
        # A token set on one line appears whole in that line (CJK may be spaced out by -layout).
        lines = layout.splitlines() + [re.sub(r"\s+", "", line) for line in layout.splitlines()]
        text = "\n".join(lines)
        broken += [f"{stem}: {token}" for token in sorted(_table_tokens(path))
                   if token not in text and re.sub(r"\s+", "", token) not in text]
    assert not broken, "\n".join(broken)


def test_the_english_example_prints_no_chinese(built: Built) -> None:
    found = []
    for (name, stem), _ in sorted(built.docx.items()):
        if name == "en":
            text = _run("pdftotext", "-enc", "UTF-8", str(built.pdf[stem]), "-")
            found += [f"{stem}: {c}" for c in _WIDE.findall(text)]
    assert not found, found[:20]


def test_readme_preview_of_an_english_procedure(built: Built, update_golden: bool, tmp_path: Path) -> None:
    """Page 2 (the first body page) of an English procedure; --update-golden rewrites docs/img/procedure-en.png."""
    stem = next(stem for name, stem in built.docx if name == "en" and stem.startswith("QP-01_"))
    target = ROOT / "docs" / "img" / "procedure-en.png" if update_golden else tmp_path / "procedure-en.png"
    _run("pdftoppm", "-png", "-r", "70", "-f", "2", "-l", "2", "-singlefile", str(built.pdf[stem]),
         str(target.with_suffix("")))
    assert target.stat().st_size > 10_000
