"""LibreOffice lays the built documents out: one-page forms stay on one page, no table breaks a word or code.

One batched soffice call converts every procedure and form, the audit checklist and the registers of the
shipped project, the golden project and the English example, and every document of a generated stress
project (US Letter, a logo, long headings in narrow columns, grouped headings, pre-printed and numbered
rows). Skipped when LibreOffice is missing, unless CI is set.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from proccompile.model.line_breaks import pieces
from proccompile.model.output_names import output_relpath
from proccompile.model.text_width import SHORT_LINE_EMS, text_ems
from proccompile.pipeline import build_project, check_project
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


STRESS_FORMS = {
    # Long headings, codes and clause numbers in narrow columns; options and labels with hyphens.
    "Q-QR0901": """code: Q/QR0901
title: 长标题压力测试表
version: A/0
owner: quality
fields:
  - label: 依据 Q/JL081301-C 第 8.5.1 条
  - label: Source of the non-conformity
    type: choice
    options: [Sub-supplier, Customer site, Internal audit, Receiving inspection, Field failure, Re-work]
  - label: 产品名称/零件号
    value: QF-01-02 Rev B
  - label: 检验日期
    type: date
table:
  columns:
    - {label: 序号, width: 0.3}
    - {label: Measurement equipment identification, width: 0.5}
    - {label: 批次/生产日期, width: 0.5}
    - {label: Evaluation/measurement technique, width: 0.5}
    - {label: 很不满意（1）, width: 0.4}
    - {label: 依据 ISO 9001:2015 条款 8.2.3, width: 0.5}
    - {label: Sub-supplier code Q/JL081301-C, width: 0.5}
    - {label: Reaction plan, width: 3}
  rows: [外观, 尺寸, 8.5.1]
  blank_rows: 3
text: 本表按 Q/FL2.0813—2020 第 8.2.3 条填写；Sub-supplier parts follow QF-01-02.
signers: [检验员, 质量部审核]
""",
    # Nine pre-printed trial rows on one landscape page.
    "Q-QR0902": """code: Q/QR0902
title: 测量系统分析记录
version: A/0
owner: quality
orientation: landscape
fields:
  - label: 量具名称
  - label: 量具编号
  - label: 日期
    type: date
table:
  columns:
    - {label: 评价人/次数, width: 1.5}
    - {label: "1", group: 零件}
    - {label: "2", group: 零件}
    - {label: "3", group: 零件}
    - {label: "4", group: 零件}
    - {label: "5", group: 零件}
    - {label: "6", group: 零件}
    - {label: "7", group: 零件}
    - {label: "8", group: 零件}
    - {label: "9", group: 零件}
    - {label: "10", group: 零件}
    - {label: 平均值, width: 1.2}
  rows: [A1, A2, A3, B1, B2, B3, C1, C2, C3]
signoffs: [测量人, 审核]
""",
    # Forty numbered rows continue on the next page under the repeated heading.
    "Q-QR0903": """code: Q/QR0903
title: 台账续页测试
version: A/0
owner: quality
one_page: false
table:
  columns:
    - {label: 序号, width: 0.5}
    - {label: 设备名称}
    - {label: 检定日期}
  rows: 40
  numbered: true
signoffs: [编制, 审核]
""",
    # A control plan's two-level grouped heading.
    "Q-QR0904": """code: Q/QR0904
title: 控制计划
version: A/0
owner: quality
orientation: landscape
density: compact
table:
  columns:
    - {label: 工序号}
    - {label: 工序名称, width: 1.5}
    - {label: 编号, group: 特性}
    - {label: 产品, group: 特性}
    - {label: 过程, group: 特性}
    - {label: 产品/过程规范/公差, group: 方法, width: 1.5}
    - {label: 评价/测量技术, group: 方法}
    - {label: 容量, group: [方法, 样本]}
    - {label: 频率, group: [方法, 样本]}
    - {label: 控制方法, group: 方法}
    - {label: 反应计划, width: 2}
  rows: 6
""",
}


def stress_project(root: Path) -> Path:
    """The golden project on US Letter with a logo, and the stress forms."""
    shutil.copytree(PROJECTS["minimal"], root)
    config = root / "proccompile.yaml"
    config.write_text(config.read_text("utf-8") + "page: Letter\nlogo: logo.png\n", "utf-8")
    shutil.copy(ROOT / "examples" / "en" / "templates" / "logo.png", root / "logo.png")
    for stem, text in STRESS_FORMS.items():
        (root / "forms" / f"{stem}.yaml").write_text(text, "utf-8")
    return root


class Built:
    """The .docx and PDF of every document of the four projects, by project and output stem."""

    def __init__(self, out: Path) -> None:
        self.docx: dict[tuple[str, str], Path] = {}
        for name, root in [*PROJECTS.items(), ("stress", stress_project(out / "stress-project"))]:
            result = build_project(root, out / name)
            assert result.outputs, [d.message for d in result.check.diagnostics]
            assert not [d for d in result.check.diagnostics if d.code.id.startswith("PC5")], name
            self.docx |= {(name, p.stem): p for p in result.outputs if p.suffix == ".docx"}
            if name == "stress":
                continue
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


def _stem(config: object, code: str, version: str, title: str) -> str:
    portable = getattr(config, "output_names", "readable") == "portable"
    return Path(output_relpath("form", code, version, title, portable=portable)).stem


def _one_page_forms() -> list[tuple[str, str]]:
    cases = []
    for name, root in PROJECTS.items():
        checked = check_project(root)
        for doc in checked.corpus.forms:
            if doc.model.one_page:
                cases.append((name, _stem(checked.corpus.config, doc.model.code, doc.model.version, doc.model.title)))
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


@pytest.mark.parametrize("project", [*PROJECTS, "stress"])
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


_SHD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd"


def _form_tokens(path: Path) -> list[str]:
    """What a form must never print across two lines, once per place it is printed: every piece of a shaded
    cell (headings, labels, titles, roles) and of a choice option, and every Latin word, code and clause
    number elsewhere (a hyphen before a letter there may break, as in e-|mail)."""
    tokens: list[str] = []
    for table in docx.Document(str(path)).tables:
        seen: set[str] = set()
        for row in table.rows:
            for cell in row.cells:
                where = cell._tc.getroottree().getpath(cell._tc)
                if where in seen:  # a merged cell is listed once per grid column and row it spans
                    continue
                seen.add(where)
                shaded = cell._tc.find(f".//{_SHD}") is not None
                for line in cell.text.split("\n"):
                    for piece in pieces(line):
                        if shaded or piece.startswith(("☐", "☑")):
                            tokens.append(piece)
                        else:
                            tokens += [t for w in _LATIN_TOKEN.findall(piece)
                                       for t in re.split(r"(?<=-)(?=[A-Za-z])", w)]
    squeezed = (re.sub(r"[\s\u00a0]+", "", t.replace("\u2011", "-")) for t in tokens)
    return [t for t in squeezed if len(t) > 1]


def _pdf_lines(pdf: Path) -> list[str]:
    """Every printed line of ``pdf`` as LibreOffice set it, its words joined without spaces."""
    layout = _run("pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-")
    return ["".join(re.findall(r"<word[^>]*>([^<]*)</word>", line))
            for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S)]


@pytest.mark.parametrize("project", [*PROJECTS, "stress"])
def test_no_form_breaks_a_heading_label_code_or_clause_number(built: Built, project: str) -> None:
    broken: list[str] = []
    forms = [(stem, path) for (name, stem), path in sorted(built.docx.items())
             if name == project and path.parent.name == "forms"]
    assert forms
    for stem, path in forms:
        lines = [html.unescape(line) for line in _pdf_lines(built.pdf[stem])]
        wanted = _form_tokens(path)
        for token in sorted(set(wanted)):
            if sum(line.count(token) for line in lines) < wanted.count(token):
                broken.append(f"{stem}: {token}")
    assert not broken, "\n".join(broken)


def _stress(built: Built, prefix: str) -> str:
    return next(stem for name, stem in built.docx if name == "stress" and stem.startswith(prefix))


def test_letter_paper_and_a_logo_in_every_header(built: Built) -> None:
    stems = [stem for name, stem in built.docx if name == "stress"]
    assert len(stems) == 3 + 2 + len(STRESS_FORMS)  # procedures, the golden forms, the stress forms
    for stem in stems:
        info = _run("pdfinfo", str(built.pdf[stem]))
        assert re.search(r"Page size:\s+(612 x 792|792 x 612) pts \(letter\)", info), (stem, info)
        images = _run("pdfimages", "-list", str(built.pdf[stem])).splitlines()[2:]
        pages = {int(line.split()[0]) for line in images if line.split()[2] == "image"}
        assert pages == set(range(1, built.pages(stem) + 1)), stem


def test_nine_pre_printed_trial_rows_fit_one_landscape_page(built: Built) -> None:
    stem = _stress(built, "Q-QR0902_")
    assert built.pages(stem) == 1
    assert "792 x 612" in _run("pdfinfo", str(built.pdf[stem]))
    lines = _pdf_lines(built.pdf[stem])
    assert [t for t in ("A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3") if t not in lines] == []


def test_the_stress_forms_keep_their_pages(built: Built) -> None:
    assert {prefix: built.pages(_stress(built, f"{prefix}_")) for prefix in STRESS_FORMS} == {
        "Q-QR0901": 1, "Q-QR0902": 1, "Q-QR0903": 2, "Q-QR0904": 1}


def test_a_long_log_continues_on_the_next_page_under_its_heading(built: Built) -> None:
    pdf = built.pdf[_stress(built, "Q-QR0903_")]
    pages = [_run("pdftotext", "-f", str(n), "-l", str(n), "-layout", "-enc", "UTF-8", str(pdf), "-") for n in (1, 2)]
    assert all("设备名称" in page and "检定日期" in page for page in pages)  # the heading, repeated
    numbers = {int(n) for page in pages for n in re.findall(r"^\s*(\d+)\s*$", page, re.M)}
    assert numbers >= set(range(1, 41))  # every numbered row printed
    assert "编制" in pages[1] and "填写说明" in pages[1]  # sign-offs and notes go with the last rows


def test_a_grouped_heading_prints_in_two_levels(built: Built) -> None:
    layout = _run("pdftotext", "-bbox-layout", "-enc", "UTF-8", str(built.pdf[_stress(built, "Q-QR0904_")]), "-")
    tops = {html.unescape(word): float(top) for top, word in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>'
                                                                          r"([^<]*)</word>", layout)}
    assert tops["方法"] < tops["样本"] < tops["容量"] == tops["频率"]
    assert tops["特性"] < tops["产品"] and tops["方法"] < tops["控制方法"]


# docs/forms.md previews: image, project, output stem prefix, and the part of page 1 shown (x, y, w, h at 60 dpi).
_PREVIEWS = {
    "form-rows.png": ("en", "QF-04-03_", (0, 0, 496, 470)),
    "form-survey.png": ("example", "Q-JL090101_", (0, 0, 496, 420)),
    "form-grouped.png": ("en", "QF-04-02_", (0, 0, 702, 270)),
    "form-psw.png": ("en", "QF-04-01_", (0, 0, 496, 702)),
}


@pytest.mark.parametrize("image", sorted(_PREVIEWS))
def test_docs_previews_of_the_form_constructs(built: Built, update_golden: bool, tmp_path: Path, image: str) -> None:
    """--update-golden rewrites docs/img/form-*.png, the pages docs/forms.md shows."""
    project, prefix, (x, y, w, h) = _PREVIEWS[image]
    stem = next(stem for name, stem in built.docx if name == project and stem.startswith(prefix))
    target = ROOT / "docs" / "img" / image if update_golden else tmp_path / image
    _run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-x", str(x), "-y", str(y), "-W", str(w), "-H",
         str(h), "-singlefile", str(built.pdf[stem]), str(target.with_suffix("")))
    assert 5_000 < target.stat().st_size < 200_000
