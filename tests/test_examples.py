"""The English example project (examples/en) checks clean and builds with no Chinese text anywhere."""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path

from proccompile.pipeline import build_project, check_project
from tests.helpers import run_split

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
    assert len(list((EXAMPLE / "procedures").glob("*.yaml"))) == 4
    assert len(list((EXAMPLE / "forms").glob("*.yaml"))) == 13
    found = [f"{p.relative_to(EXAMPLE)}: {m.group()}" for p in files for m in [CJK.search(p.read_text("utf-8"))] if m]
    assert not found


def test_checks_clean_without_chinese_names() -> None:
    checked = check_project(EXAMPLE)
    assert not len(checked.diagnostics), [d.message for d in checked.diagnostics]
    assert checked.corpus.config.company.zh is None
    assert all(d.zh is None for d in checked.corpus.config.departments)


def _every_text(path: Path) -> str:
    """All of a file as a program reads it: every part of a package (entities decoded, so `&#12289;` is `、`),
    font names, languages and theme included; text files as they are."""
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as package:
            return "".join(html.unescape(package.read(n).decode("utf-8")) for n in package.namelist()
                           if n.endswith((".xml", ".rels")))
    return path.read_text("utf-8")


def test_no_output_holds_chinese(tmp_path: Path) -> None:
    """Every output of the English project: documents (a draft too, for its watermark), copied attachments,
    manifest, site pages and assets, checklists, coverage and registers in every format."""
    project = tmp_path / "en"
    shutil.copytree(EXAMPLE, project)
    code, _, stderr = run_split(["new", "form", "QF-03-05", ".", "--title", "Loan Equipment Log",
                                 "--owner", "service"], project)
    assert code == 0, stderr
    out = tmp_path / "out"
    runs = [["build", "--format", "concise", "-o", str(out / "build"), "."],
            ["site", "-o", str(out / "site"), "."]]
    for fmt in ("xlsx", "docx", "csv", "md"):
        runs += [["checklist", "--format", fmt, "-o", str(out / f"checklist.{fmt}"), "."],
                 ["checklist", "--coverage", "--format", fmt, "-o", str(out / f"coverage.{fmt}"), "."],
                 ["register", "--format", fmt, "-o", str(out / f"registers.{fmt}"), "."]]
    for args in runs:
        code, stdout, stderr = run_split(args, project)
        assert code == 0, (args, stdout, stderr)
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
    assert {p.suffix for p in files} == set(TEXT_SUFFIXES)
    assert len([p for p in files if p.suffix == ".docx"]) >= 2 * 14 + 3
    found = [f"{path.relative_to(out)}: {m.group()!r} in …{text[max(0, m.start() - 40):m.end() + 10]}…"
             for path in files for text in [_every_text(path)] for m in list(CJK.finditer(text))[:1]]
    assert not found, found[:20]


TEXT_SUFFIXES = (".docx", ".xlsx", ".csv", ".md", ".html", ".js", ".css", ".json")


def test_a_picture_is_embedded_and_other_files_are_copied_with_the_manifest(tmp_path: Path) -> None:
    built = build_project(EXAMPLE, tmp_path / "build").outputs
    procedure = next(p for p in built if p.name.startswith("QP-01_"))
    picture = (EXAMPLE / "attachments" / "nonconforming-output-flow.png").read_bytes()
    with zipfile.ZipFile(procedure) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert [package.read(n) for n in media if n != "word/media/logo.png"] == [picture]
        assert package.read("word/media/logo.png") == (EXAMPLE / "templates" / "logo.png").read_bytes()
    copied = tmp_path / "build" / "attachments" / "QP-01" / "attachments" / "scrap-cost-rates.csv"
    assert copied in built
    assert copied.read_bytes() == (EXAMPLE / "attachments" / "scrap-cost-rates.csv").read_bytes()
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text("utf-8"))
    entry = next(e for e in manifest["files"] if e["kind"] == "attachment")
    assert (entry["path"], entry["code"], entry["source"]) == (
        "attachments/QP-01/attachments/scrap-cost-rates.csv", "QP-01", "attachments/scrap-cost-rates.csv")
