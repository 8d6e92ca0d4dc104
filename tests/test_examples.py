"""The English example project (examples/en) checks clean and builds with no Chinese text anywhere."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from proccompile.pipeline import build_project, check_project
from proccompile.pipeline.audit import checklist_project, register_project

EXAMPLE = Path(__file__).parent.parent / "examples" / "en"
# CJK ideographs, CJK punctuation (《》、：；) and full-width forms.
CJK = re.compile("[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _texts(docx: Path) -> str:
    """Every text node and the core properties: what a reader or a search sees (font names excluded)."""
    with zipfile.ZipFile(docx) as package:
        parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")
                 and not n.endswith(("styles.xml", "fontTable.xml"))]
        xml = "".join(package.read(n).decode("utf-8") for n in parts)
        core = package.read("docProps/core.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)) + re.sub(r"<[^>]+>", " ", core)


def test_inputs_hold_no_chinese() -> None:
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(list((EXAMPLE / "procedures").glob("*.yaml"))) == 3
    assert len(list((EXAMPLE / "forms").glob("*.yaml"))) == 10
    found = [f"{p.relative_to(EXAMPLE)}: {m.group()}" for p in files for m in [CJK.search(p.read_text("utf-8"))] if m]
    assert not found


def test_checks_clean_without_chinese_names() -> None:
    checked = check_project(EXAMPLE)
    assert not len(checked.diagnostics), [d.message for d in checked.diagnostics]
    assert checked.corpus.config.company.zh is None
    assert all(d.zh is None for d in checked.corpus.config.departments)


def test_outputs_hold_no_chinese(tmp_path: Path) -> None:
    built = build_project(EXAMPLE, tmp_path / "build").outputs
    assert len([p for p in built if p.suffix == ".docx"]) == 13
    audit = [checklist_project(EXAMPLE, tmp_path / "checklist.docx", "docx").outputs[0],
             register_project(EXAMPLE, tmp_path / "registers.xlsx", "xlsx").outputs[0],
             checklist_project(EXAMPLE, tmp_path / "checklist.md", "md").outputs[0]]
    found = []
    for path in [*built, *audit]:
        if path.suffix == ".docx":
            text = _texts(path)
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as package:
                text = "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml"))
        else:
            text = path.read_text("utf-8")
        found += [f"{path.name}: {m.group()}" for m in CJK.finditer(text)]
    assert not found, found[:20]


def test_a_picture_is_embedded_and_other_files_are_copied_with_the_manifest(tmp_path: Path) -> None:
    built = build_project(EXAMPLE, tmp_path / "build").outputs
    procedure = next(p for p in built if p.name.startswith("QP-01_"))
    picture = (EXAMPLE / "attachments" / "nonconforming-output-flow.png").read_bytes()
    with zipfile.ZipFile(procedure) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert [package.read(n) for n in media] == [picture]
    copied = tmp_path / "build" / "attachments" / "QP-01" / "attachments" / "scrap-cost-rates.csv"
    assert copied in built
    assert copied.read_bytes() == (EXAMPLE / "attachments" / "scrap-cost-rates.csv").read_bytes()
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text("utf-8"))
    entry = next(e for e in manifest["files"] if e["kind"] == "attachment")
    assert (entry["path"], entry["code"], entry["source"]) == (
        "attachments/QP-01/attachments/scrap-cost-rates.csv", "QP-01", "attachments/scrap-cost-rates.csv")
