"""Hostile Word files are refused with a located message, or read without inflating what is not read; the
project's numbering patterns run on check's engine, so a pattern check accepts works and none can hang."""

from __future__ import annotations

import random
import re
import shutil
import tracemalloc
from pathlib import Path

import docx
import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.importer import Refused, import_procedure
from proccompile.importer.docx_reader import MAX_UNITS, read_docx
from proccompile.importer.lookup import Lookup
from proccompile.load.house_format import house_yaml
from proccompile.model.config import ProjectConfig
from proccompile.views.wording import Texts
from tests.helpers import run_split
from tests.importer import bombs

BASE = Path(__file__).parents[1] / "cases" / "base"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(BASE, root)
    return root


def _lookup(root: Path) -> Lookup:
    config = ProjectConfig.model_validate(house_yaml().load((root / "proccompile.yaml").read_text("utf-8")))
    return Lookup(config, Texts(root, config.language, Diagnostics()).label)


def test_a_zip_bombed_picture_is_never_inflated(project: Path) -> None:
    bombs.image_bomb(project / "picture.docx", mebibytes=120)
    assert (project / "picture.docx").stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        imported = import_procedure(project / "picture.docx", "picture.docx", _lookup(project))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert imported.code == "QP-09" and imported.data["purpose"] == "规定一件事。"
    assert peak < 40_000_000  # the picture alone would be 120 MiB


def test_a_zip_bombed_document_is_refused_with_the_part_named(project: Path) -> None:
    bombs.document_bomb(project / "text.docx", mebibytes=40)
    code, out, err = run_split(["import", "text.docx", "-o", "drafts"], project)
    assert (code, out) == (1, "")
    assert re.fullmatch(r"proccompile: cannot import text\.docx: its text parts unpack to 4\d,\d{3},\d{3} bytes; "
                        r"the limit is 20,000,000 \(limits\.import_docx_bytes in proccompile\.yaml\)\n", err)
    (project / "proccompile.yaml").write_text(
        (project / "proccompile.yaml").read_text("utf-8") + "limits:\n  import_docx_bytes: 100000000\n", "utf-8")
    code, _, err = run_split(["import", "text.docx", "-o", "drafts"], project)
    assert code == 1 and "its part `word/document.xml` inflates 1,0" in err  # the ratio, whatever the limit
    assert not (project / "drafts").exists()


def test_a_huge_grid_span_is_read_as_one_cell(project: Path) -> None:
    bombs.grid_span(project / "span.docx")
    doc = read_docx(project / "span.docx")
    table = doc.body[0]
    assert not isinstance(table, docx.text.paragraph.Paragraph)
    assert table.rows[0] == ("文件编号", "QP-09")  # type: ignore[union-attr]
    assert table.rows[1] == ("文件编号", "QP-09")  # type: ignore[union-attr]  # the merged cell continues
    assert table.cell_where(1, 0) == "table 1 row 1 cell 1"  # type: ignore[union-attr]  # one source cell
    code, out, _ = run_split(["import", "span.docx", "-o", "drafts"], project)
    assert code == 0 and "read 2004 of 2004 paragraphs and table cells" in out


def test_entities_and_too_many_parts_are_refused(project: Path) -> None:
    bombs.entity(project / "entity.docx")
    bombs.many_parts(project / "parts.docx")
    code, out, err = run_split(["import", "entity.docx", "parts.docx", "-o", "drafts"], project)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "proccompile: cannot import entity.docx: its part `word/document.xml` declares a DOCTYPE; Word never "
        "writes one, and entities can expand",
        "proccompile: cannot import parts.docx: it lists over 10,000 parts; a Word document has a few hundred at most",
    ]


def test_too_many_paragraphs_are_refused(project: Path) -> None:
    d = docx.Document()
    body = d.element.body
    paragraph = body[0] if len(body) else None
    assert paragraph is None or paragraph.tag.endswith("sectPr")
    template = docx.oxml.parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    for _ in range(MAX_UNITS + 1):
        body.insert(0, template.__copy__())
    d.save(str(project / "long.docx"))
    with pytest.raises(Refused, match="it holds 50,001 paragraphs and table cells; import reads at most 50,000"):
        read_docx(project / "long.docx")


def test_a_draft_larger_than_a_procedure_file_may_be_is_refused(project: Path) -> None:
    d = docx.Document()
    d.add_heading("1 目的", level=1)
    letters = random.Random(7)
    d.add_paragraph("".join(letters.choice("质量部门记录表单程序文件") for _ in range(400_000)))
    d.save(str(project / "big.docx"))
    code, out, err = run_split(["import", "big.docx", "-o", "drafts"], project)
    assert (code, out) == (1, "")
    assert err == ("proccompile: cannot import big.docx: its draft would hold 1,200,018 bytes of text, over "
                   "limits.max_file_bytes (1,000,000) in proccompile.yaml; split the document\n")


def _with_numbering(project: Path, procedure: str) -> None:
    config = (project / "proccompile.yaml").read_text("utf-8")
    config = config.replace("procedure: '^QP-\\d{2}$'", f"procedure: '{procedure}'")
    (project / "proccompile.yaml").write_text(config, "utf-8")


def _document(path: Path, number: str) -> None:
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "文件编号", number
    d.add_heading("1 目的", level=1)
    d.add_paragraph("规定一件事。")
    d.save(str(path))


def test_a_unicode_property_pattern_that_check_accepts_works_in_import(project: Path) -> None:
    _with_numbering(project, r"^QP-\p{Han}\d{2}$")
    code, out, _ = run_split(["check", "--format", "concise"], project)
    assert "numbering" not in out  # check accepts the pattern (QP-01 no longer matches it: a finding, not an error)
    _document(project / "han.docx", "QP-质01")
    code, out, err = run_split(["import", "han.docx", "-o", "drafts"], project)
    assert (code, err) == (0, "")
    assert "wrote drafts/QP-质01.yaml from han.docx" in out


def test_a_catastrophic_pattern_cannot_hang_import(project: Path) -> None:
    # The probes check runs at config load never reach the (x|xx)+ nest; a long run of x in a document does.
    _with_numbering(project, r"^QP-(x|xx)+y$")
    _document(project / "slow.docx", "QP-" + "x" * 60)
    code, out, err = run_split(["import", "slow.docx", "-o", "drafts"], project)
    assert (code, out) == (2, "")
    assert err.startswith("proccompile: proccompile.yaml: numbering.procedure `^QP-(x|xx)+y$` takes too long to "
                          "search the text `QP-xxxxxxxx")
    assert "help: Simplify the pattern" in err
    assert not (project / "drafts").exists()


def test_digits_in_a_code_are_ascii_as_in_check(project: Path) -> None:
    _document(project / "wide.docx", "QP-０９")
    code, out, _ = run_split(["import", "wide.docx", "-o", "drafts"], project)
    assert code == 0 and "wrote drafts/wide.yaml" in out
    assert "table 1 row 1 cell 2: not mapped (文件编号: document code `QP-０９` does not match the house pattern" in out
