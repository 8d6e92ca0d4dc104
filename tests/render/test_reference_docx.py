"""A project reference.docx supplies styles and margins; a broken one is PC502 and the default look is used."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from lxml import etree

from proccompile.render import RenderedFile
from tests.render.conftest import MINIMAL, render_project
from tests.render.dump import dump_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    (root / "templates").mkdir()
    return root


def _reference(path: Path) -> None:
    """A reference document like one saved by Word in a Chinese locale: localised style ids, own margins."""
    document = docx.Document()
    document.add_paragraph("company boilerplate that must not leak into outputs")
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(3)
    document.add_section()  # a second section must not survive either
    styles = document.styles.element
    for style in styles.findall(f"{W}style"):
        if style.get(f"{W}styleId") == "Heading1":
            style.set(f"{W}styleId", "1")  # Chinese Word saves `heading 1` with id "1"
            style.find(f"{W}rPr").append(etree.fromstring(
                f'<w:rFonts xmlns:w="{W[1:-1]}" w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="楷体"/>'))
    document.save(path)


def test_reference_supplies_styles_and_margins(project: Path) -> None:
    _reference(project / "templates" / "reference.docx")
    files, bag = render_project(project)
    assert list(bag) == []
    qp01 = next(f for f in files if f.code == "Q/QP01")
    dump = dump_docx(qp01.data)
    assert "boilerplate" not in dump
    assert "[1|break] 1 目的" in dump  # the reference's own heading style, found by name
    assert "left=1701 right=1701" in dump
    archive = zipfile.ZipFile(io.BytesIO(qp01.data))
    styles = etree.fromstring(archive.read("word/styles.xml"))
    names = {s.find(f"{W}name").get(f"{W}val") for s in styles.findall(f"{W}style")}
    assert {"PC Table Text", "PC Table Heading", "PC Note"} <= names  # added where the reference lacks them
    body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    assert len(body.findall(f".//{W}sectPr")) == 1
    assert "thumbnail" not in " ".join(archive.namelist())


def test_reference_output_is_deterministic(project: Path) -> None:
    _reference(project / "templates" / "reference.docx")
    first, _ = render_project(project)
    second, _ = render_project(project)
    assert [f.data for f in first] == [f.data for f in second]


def test_a_broken_reference_is_a_finding_and_the_default_is_used(project: Path) -> None:
    (project / "templates" / "reference.docx").write_bytes(b"PK\x03\x04 not really a zip")
    files, bag = render_project(project)
    assert [(d.code.id, d.span.path) for d in bag] == [("PC502", "templates/reference.docx")]
    assert len(files) == 5
    assert "[Heading1|break] 1 目的" in dump_docx(files[2].data)


def test_the_default_reference_document_round_trips(project: Path) -> None:
    from proccompile.render.reference_document import default_reference_docx

    data = default_reference_docx("示例")
    names = [p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Heading 1" in names and "PC Note" in names
    (project / "templates" / "reference.docx").write_bytes(data)
    with_reference, bag = render_project(project)
    assert list(bag) == []
    default, _ = render_project(MINIMAL)
    # Using the default as a reference changes nothing but the forms' top margin, which the default
    # narrows for the shorter form header while a reference's margins are kept as the company set them.
    def content(f: RenderedFile) -> str:
        return "\n".join(line for line in dump_docx(f.data).splitlines() if not line.startswith("margins"))

    assert [content(f) for f in with_reference] == [content(f) for f in default]
