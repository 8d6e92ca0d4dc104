"""Every document type in the pipeline main's check and serve are built on: the incremental check and its name
tables, `check FILE`, `serve`'s pages and downloads, and the PDFs a build makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import proccompile.model.build
from proccompile.diagnostics.records import to_records
from proccompile.load.source import SourceFile
from proccompile.pipeline import _pdfs, build_project, check_cached, check_project
from proccompile.pipeline.checkcache import read_cache
from proccompile.pipeline.live import LiveProject
from proccompile.pipeline.publish import site_project
from proccompile.render import PlannedFile
from tests.helpers import edit_file, run_split

PYRAMID = Path(__file__).parent / "cases" / "valid" / "pyramid"
MANUAL, INSTRUCTION, SPECIFICATION = "manuals/Q-SC01.yaml", "instructions/Q-ZY0101.yaml", \
    "specifications/Q-JG001.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(PYRAMID, root)
    (root / "build").mkdir()
    return root


def _modelled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    model_document = proccompile.model.build.model_document

    def model(source: SourceFile, *args: object, **kwargs: object) -> object:
        seen.append(source.rel)
        return model_document(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(proccompile.model.build, "model_document", model)
    return seen


def test_the_cache_keeps_every_type_and_an_edit_models_that_file_alone(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = check_cached(project)
    assert not first.diagnostics.has_errors
    entries = read_cache(project).entries
    assert {MANUAL, INSTRUCTION, SPECIFICATION} <= set(entries)
    assert {rel: entries[rel].names.kind for rel in (MANUAL, INSTRUCTION, SPECIFICATION)} == {
        MANUAL: "manual", INSTRUCTION: "instruction", SPECIFICATION: "specification"}
    seen = _modelled(monkeypatch)
    # A clause out of order in the manual (a check of the document alone), and a reference from the instruction
    # to a document nobody has (judged from the name tables, with the others' results cached).
    edit_file(project / MANUAL, 'clause: "8"', 'clause: "4.1"')
    edit_file(project / INSTRUCTION, "related_documents: [Q/QP01]", "related_documents: [Q/QP99]")
    cached = check_cached(project)
    assert sorted(seen) == [INSTRUCTION, MANUAL, "proccompile.yaml"]  # the config is always modelled
    assert to_records(cached.diagnostics) == to_records(check_project(project).diagnostics)
    codes = {(f.code.id, f.span.path) for f in cached.diagnostics}
    assert {("PC343", MANUAL), ("PC305", INSTRUCTION)} <= codes


def test_a_document_of_the_project_listed_as_external_is_found_from_the_cache(project: Path) -> None:
    check_cached(project)
    config = project / "proccompile.yaml"
    edit_file(config, "  - code: GB/T 19001-2016\n",
          "  - code: Q/ZY0101\n    title: 投诉件检验\n  - code: GB/T 19001-2016\n")
    found = [(f.code.id, f.span.path) for f in check_cached(project).diagnostics]
    assert ("PC346", "proccompile.yaml") in found


def test_check_of_one_manual_reports_that_file_alone(project: Path) -> None:
    edit_file(project / MANUAL, 'clause: "8"', 'clause: "8.8"')
    code, out, _ = run_split(["check", "--format", "concise", MANUAL], project)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines() if ": PC" in line] == [MANUAL]
    assert "PC343" in out


def test_serve_shows_every_type_and_its_pictures_as_site_writes_them(project: Path, tmp_path: Path) -> None:
    live = LiveProject(project, lambda: None)
    shown = live.refresh(first=True)
    site = tmp_path / "site"
    assert not site_project(project, site).check.diagnostics.has_errors
    for relpath in ("manuals/Q-SC01.html", "instructions/Q-ZY0101.html", "specifications/Q-JG001.html",
                    "pictures/attachments/flow.png"):
        page = live.page(shown, relpath)
        assert page is not None and page == (site / relpath).read_bytes(), relpath
    assert shown.page_sources["manuals/Q-SC01.html"] == MANUAL
    assert shown.page_sources["specifications/Q-JG001.html"] == SPECIFICATION
    out = tmp_path / "out"
    assert not build_project(project, out, jobs=1).check.diagnostics.has_errors
    for built in [*(out / "manuals").glob("*.docx"), *(out / "instructions").glob("*.docx")]:
        relpath = built.relative_to(out).as_posix()
        assert live.document(shown, relpath) == built.read_bytes(), relpath


def test_a_pdf_is_made_of_a_document_of_every_type_but_not_of_an_attached_file() -> None:
    files = [PlannedFile(f"{folder}/X.docx", kind, "X", "A/0", "t", "s", "0", "i")
             for folder, kind in (("manuals", "manual"), ("instructions", "instruction"),
                                  ("specifications", "specification"), ("forms", "form"))]
    files.append(PlannedFile("attachments/X/flow.docx", "attachment", "X", "A/0", "t", "s", "0", "i"))
    kept, wanted = _pdfs(files, {}, make=True, again=False)
    assert kept == [] and [f.kind for f in wanted] == ["manual", "instruction", "specification", "form"]
