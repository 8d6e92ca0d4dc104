"""Package-level guarantees: Chinese typography, deterministic bytes, core properties from the YAML."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from proccompile.pipeline import check_project
from proccompile.render import RenderedFile, render_corpus
from tests.render.conftest import MINIMAL, render_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _part(f: RenderedFile, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(f.data)).read(name))


def test_east_asian_fonts_are_explicit_and_chinese(by_code: dict[str, RenderedFile]) -> None:
    f = by_code["Q/QP01"]
    styles = _part(f, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "宋体"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    for heading in ("Heading1", "Heading2", "Title", "PCTableHeading"):
        assert by_id[heading].find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"
    for name in ("word/styles.xml", "word/document.xml"):
        for fonts in _part(f, name).iter(f"{W}rFonts"):
            assert not any(fonts.get(f"{W}{a}") for a in THEME_ATTRS), name
    assert _part(f, "word/settings.xml").find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"


def test_package_is_slim_and_zip_entries_are_fixed(by_code: dict[str, RenderedFile]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(by_code["Q/QP01"].data))
    names = archive.namelist()
    assert names[0] == "[Content_Types].xml"
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n or "customXml" in n]
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.create_system for i in archive.infolist()} == {0}
    assert b"python-docx" not in archive.read("docProps/core.xml")


def test_core_properties_come_from_the_yaml(by_code: dict[str, RenderedFile]) -> None:
    core = _part(by_code["Q/QP01"], "docProps/core.xml")
    values = {etree.QName(el).localname: el.text for el in core}
    assert values["created"] == values["modified"] == "2024-03-05T00:00:00Z"  # effective date
    assert (values["title"], values["identifier"], values["version"]) == ("顾客投诉处理程序", "Q/QP01", "A/1")
    assert values["language"] == "zh-CN"
    draft = {etree.QName(el).localname: el.text for el in _part(by_code["Q/QP02"], "docProps/core.xml")}
    assert draft["created"] == "2024-05-06T00:00:00Z"  # no issue or effective date: last revision


def test_rendering_twice_gives_identical_bytes(minimal_files: list[RenderedFile]) -> None:
    again, _ = render_project(MINIMAL)
    assert [f.data for f in again] == [f.data for f in minimal_files]


def test_another_process_gives_identical_bytes(minimal_files: list[RenderedFile]) -> None:
    script = (
        "import hashlib, json, sys; from pathlib import Path\n"
        "from proccompile.pipeline import check_project; from proccompile.render import render_corpus\n"
        "r = check_project(Path(sys.argv[1]))\n"
        "print(json.dumps({f.relpath: hashlib.sha256(f.data).hexdigest() "
        "for f in render_corpus(r.corpus, Path(sys.argv[1]), r.diagnostics)}))\n"
    )
    env_out = subprocess.run([sys.executable, "-c", script, str(MINIMAL)], capture_output=True, text=True,
                             check=True, env={"PYTHONHASHSEED": "123", "TZ": "Asia/Shanghai",
                                              "PATH": "/usr/bin:/bin"})
    theirs = json.loads(env_out.stdout)
    ours = {f.relpath: hashlib.sha256(f.data).hexdigest() for f in minimal_files}
    assert theirs == ours


def test_rendered_file_metadata(minimal_files: list[RenderedFile]) -> None:
    assert [f.relpath for f in minimal_files] == sorted(f.relpath for f in minimal_files)
    qp01 = next(f for f in minimal_files if f.code == "Q/QP01")
    assert qp01.relpath == "procedures/Q-QP01_A-1_顾客投诉处理程序.docx"
    assert (qp01.kind, qp01.version, qp01.title, qp01.source) == ("procedure", "A/1", "顾客投诉处理程序",
                                                                   "procedures/Q-QP01.yaml")
    source = (MINIMAL / qp01.source).read_bytes()
    assert qp01.source_sha256 == hashlib.sha256(source).hexdigest()
    assert {f.kind for f in minimal_files} == {"procedure", "form"}


def test_render_does_not_write_to_the_project(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "p"
    shutil.copytree(MINIMAL, project)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    checked = check_project(project)
    render_corpus(checked.corpus, project, checked.diagnostics)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_progress_reports_each_file() -> None:
    checked = check_project(MINIMAL)
    seen: list[str] = []
    files = render_corpus(checked.corpus, MINIMAL, checked.diagnostics, seen.append)
    assert sorted(seen) == [f.relpath for f in files]


def test_a_large_document_streams_its_tables_to_the_same_bytes(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Large documents serialise each table batch by batch as the package is written (memory); the bytes
    # must be those of the document built as one tree.
    import datetime as dt

    from proccompile.diagnostics import Diagnostics
    from proccompile.render import document
    from proccompile.render.blocks import Cell, CoreProps, DocView, PageBreak, PageView, Para, Table
    from proccompile.render.reference_document import load_base

    rows = tuple((Cell(str(n), align="center"), Cell(f"第 {n} 行\n要求 {'审核' * (n % 7)}", shade=n % 5 == 0),
                  Cell("", merge="restart" if n % 9 == 0 else None)) for n in range(700))
    blocks = [Para("标题", style="heading1"), Table(widths=(1, 6, 2), rows=(tuple(Cell(h, heading=True) for h in
                                                                                  "ABC"), *rows),
                                                    heights=((3, 1.5), (650, 2.0)), text_size=16),
              PageBreak(), Table(widths=(1, 1), rows=((Cell("x"), Cell("y")),), header_rows=0, split_rows=True)]
    view = DocView("form", "", PageView("公司", "标题", (("页", "1"),), "", None, ("", "")),
                   CoreProps("t", "i", "A", "zh-CN", dt.date(2024, 1, 1), "a", "c", ""), blocks)
    base = load_base(tmp_path, "公司", Diagnostics())
    streamed = document.build_docx(view, base)
    monkeypatch.setattr(document, "_STREAM_CELLS", 10**9)
    whole = document.build_docx(view, base)
    assert streamed == whole
    assert b"<!--" not in zipfile.ZipFile(io.BytesIO(streamed)).read("word/document.xml")
