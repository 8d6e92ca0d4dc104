"""What a built form holds: paper, the logo, the edition where the config says, explicit breaks, no silent cut."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.load.picture import Picture, PictureProblem, pixel_size, read_picture
from proccompile.model.form_page import PACKAGED_NOTES, PACKAGED_WORDS
from proccompile.model.line_breaks import NB_HYPHEN
from proccompile.model.output_names import output_relpath
from proccompile.pipeline import build_project, check_project
from proccompile.render.form import form_view, form_words
from proccompile.views.wording import Texts
from tests.helpers import run_cli
from tests.render.conftest import MINIMAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width * 3 for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _project(tmp_path: Path, config: str = "", forms: dict[str, str] | None = None) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    (root / "proccompile.yaml").write_text((root / "proccompile.yaml").read_text("utf-8") + config, "utf-8")
    for name, text in (forms or {}).items():
        (root / "forms" / name).write_text(text, "utf-8")
    return root


def _part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read(name).decode("utf-8")


def test_picture_sizes_are_read_from_the_file_itself(tmp_path: Path) -> None:
    assert pixel_size(_png(300, 100), ".png") == (300, 100)
    assert pixel_size(b"GIF89a" + struct.pack("<HH", 40, 20) + b"\0" * 8, ".gif") == (40, 20)
    jpeg = b"\xff\xd8\xff\xe0" + struct.pack(">H", 4) + b"JF" + b"\xff\xc0" + struct.pack(">HBHH", 11, 8, 60, 90)
    assert pixel_size(jpeg, ".jpg") == (90, 60)
    assert pixel_size(b"\xff\xd8\xff\xda\x00\x02", ".jpeg") is None  # image data before any frame header
    assert pixel_size(_png(300, 100), ".gif") is None
    (tmp_path / "logo.png").write_bytes(_png(30, 10))
    assert isinstance(read_picture(tmp_path, "logo.png", 10_000), Picture)
    assert "more than" in _reason(read_picture(tmp_path, "logo.png", 10))
    assert _reason(read_picture(tmp_path, "missing.png", 10_000)) == "does not exist"
    (tmp_path / "logo.svg").write_text("<svg/>", "utf-8")
    assert "PNG, JPEG or GIF" in _reason(read_picture(tmp_path, "logo.svg", 10_000))
    outside = read_picture(tmp_path, "../logo.png", 10_000)
    assert isinstance(outside, PictureProblem) and outside.outside


def _reason(found: Picture | PictureProblem) -> str:
    assert isinstance(found, PictureProblem)
    return found.reason


def test_letter_paper_and_a_logo_reach_every_header(tmp_path: Path) -> None:
    root = _project(tmp_path, "page: Letter\nlogo: logo.png\n")
    (root / "logo.png").write_bytes(_png(300, 100))
    outputs = [p for p in build_project(root, tmp_path / "build").outputs if p.suffix == ".docx"]
    assert len(outputs) == 5
    for built in outputs:
        document = _part(built, "word/document.xml")
        assert 'w:w="12240" w:h="15840"' in document or 'w:w="15840" w:h="12240"' in document
        with zipfile.ZipFile(built) as package:
            assert package.read("word/media/logo.png") == (root / "logo.png").read_bytes()
            headers = [n for n in package.namelist() if n.startswith("word/header")]
            assert any("<pic:pic" in package.read(n).decode("utf-8") for n in headers)


def test_a_document_may_choose_its_own_paper(tmp_path: Path) -> None:
    form = (MINIMAL / "forms" / "Q-QR0101.yaml").read_text("utf-8").replace("\nowner:", "\npage: Letter\nowner:", 1)
    root = _project(tmp_path, forms={"Q-QR0101.yaml": form})
    built = {p.stem.split("_")[0]: p for p in build_project(root, tmp_path / "build").outputs}
    assert 'w:w="12240" w:h="15840"' in _part(built["Q-QR0101"], "word/document.xml")
    assert 'w:w="11906" w:h="16838"' in _part(built["Q-QP01"], "word/document.xml")


@pytest.mark.parametrize(("edition", "rows", "footer"), [
    ("both", ["表单编号 Q/QR0101-B", "版　　本 B/0"], "Q/QR0101-B　B/0"),
    ("suffix", ["表单编号 Q/QR0101-B"], "Q/QR0101-B"),
    ("box", ["表单编号 Q/QR0101", "版　　本 B/0"], "Q/QR0101　B/0"),
])
def test_the_edition_prints_where_the_config_says(tmp_path: Path, edition: str, rows: list[str],
                                                  footer: str) -> None:
    root = _project(tmp_path)
    config = root / "proccompile.yaml"
    display = '  form_display: "{code}-{edition}"\n'
    config.write_text(config.read_text("utf-8").replace(display, f"{display}  form_edition: {edition}\n"), "utf-8")
    corpus = check_project(root).corpus
    form = corpus.form("Q/QR0101")
    assert form is not None
    view = form_view(corpus, form, Texts(root, "zh", Diagnostics()), dt.date(2025, 1, 1))
    assert [f"{label} {value}" for label, value in view.page.rows[:-1]] == rows
    assert view.page.footer[0] == footer


def test_suffix_needs_the_edition_in_the_number(tmp_path: Path) -> None:
    root = _project(tmp_path)
    config = root / "proccompile.yaml"
    config.write_text(config.read_text("utf-8").replace('  form_display: "{code}-{edition}"\n',
                                                      "  form_edition: suffix\n"), "utf-8")
    code, output = run_cli(["check", "--format", "concise", "."], root)
    assert code == 2 and "PC203" in output and "form_display" in output


def test_portable_names_leave_out_spaces_and_shell_characters() -> None:
    assert output_relpath("form", "QF-03-03", "Rev A", "Complaints, Returns & (Field) Claims's log",
                          portable=True) == "forms/QF-03-03_Rev-A_Complaints-Returns-Field-Claims-s-log.docx"
    assert output_relpath("form", "Q/JL100101", "C/0", "不良品（三包件）信息反馈表", portable=True) == \
        "forms/Q-JL100101_C-0_不良品（三包件）信息反馈表.docx"


def test_headings_labels_and_options_carry_their_own_breaks_and_unbreakable_hyphens(tmp_path: Path) -> None:
    form = """code: Q/QR0109
title: 测试
version: A/0
owner: quality
fields:
  - label: 来源
    type: choice
    options: [Sub-supplier, Customer site]
table:
  columns:
    - {label: Evaluation/measurement technique, width: 0.3}
    - {label: 内容, width: 5}
  rows: 2
"""
    root = _project(tmp_path, forms={"Q-QR0109.yaml": form})
    built = next(p for p in build_project(root, tmp_path / "build").outputs if p.name.startswith("Q-QR0109"))
    document = _part(built, "word/document.xml")
    assert "<w:noBreakHyphen/>" in document  # Sub‑supplier
    cells = [c.text for t in docx.Document(io.BytesIO(built.read_bytes())).tables for r in t.rows for c in r.cells]
    assert "Evaluation/\nmeasurement\ntechnique" in cells
    assert any(text.startswith("☐Sub-supplier") for text in cells)
    assert NB_HYPHEN not in document  # written as Word's element, never as a character a font may lack


def test_a_cut_made_by_the_projects_own_wording_is_reported(tmp_path: Path) -> None:
    """Project notes longer than the packaged ones leave less room: check and build say which rows are cut."""
    long_notes = "\n".join(["{% for line in instructions %}", "{{ line }}", "{% endfor %}",
                            *("这是一条很长的本公司填写规则，" * 6 for _ in range(12))])
    form = """code: Q/QR0108
title: 台账
version: A/0
owner: quality
table:
  columns: [{label: 序号}, {label: 内容, width: 4}]
  rows: 22
"""
    root = _project(tmp_path, forms={"Q-QR0108.yaml": form})
    checked = check_project(root)
    assert not [d for d in checked.diagnostics if d.code.id == "PC510"]
    (root / "templates" / "zh").mkdir(parents=True)
    (root / "templates" / "zh" / "form_notes.j2").write_text(long_notes, "utf-8")
    checked = check_project(root)
    cuts = [d for d in checked.diagnostics if d.code.id == "PC510"]
    assert len(cuts) == 1 and "of the 22 blank rows of table 1" in cuts[0].message
    result = build_project(root, tmp_path / "build")
    assert [d for d in result.check.diagnostics if d.code.id == "PC510"] == cuts


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_check_measures_the_wording_the_packaged_templates_print(tmp_path: Path, language: str) -> None:
    texts = Texts(tmp_path, language, Diagnostics())
    assert form_words(texts) == PACKAGED_WORDS[language]
    assert texts.lines("form_notes", instructions=[]) == list(PACKAGED_NOTES[language])
