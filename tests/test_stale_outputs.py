"""After any build or site the output folder holds exactly the current outputs and the manifest: nothing of a
deleted form, a superseded version or a retired and removed document; and clean-up never reaches outside."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from proccompile.write.pdf import find_soffice
from tests.helpers import run_split

CASES = Path(__file__).parent / "cases"
RELEASE = ["release", "QP-01", ".", "--change", "增加回访要求。", "--date", "2026-01-05", "--by", "张明",
           "--reviewed-by", "李华", "--approved-by", "王强"]
NEEDS_SOFFICE = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The base case plus QR-01-03, a form nothing uses, which can be deleted without breaking a reference."""
    root = tmp_path / "qms"
    shutil.copytree(CASES / "base", root)
    spare = (root / "forms" / "QR-01-02.yaml").read_text(encoding="utf-8").replace("QR-01-02", "QR-01-03")
    (root / "forms" / "QR-01-03.yaml").write_text(spare, encoding="utf-8")
    return root


def _out(root: Path, command: str) -> Path:
    return root / "build" / ("site" if command == "site" else "")


def _run(root: Path, command: str, *extra: str) -> None:
    args = ["build", "--format", "concise", *extra, "."] if command == "build" else ["site", *extra, "."]
    code, stdout, stderr = run_split(args, root)
    assert code == 0, stdout + stderr


def _files(out: Path) -> set[str]:
    """Every file in the output folder but the build lock (which must stay: removing it races a waiting build)."""
    return {p.relative_to(out).as_posix() for p in out.rglob("*")
            if p.is_file() and p.name != ".proccompile-build.lock"}


def _exactly_the_manifest(out: Path) -> list[str]:
    listed = [entry["path"] for entry in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]]
    assert _files(out) == {*listed, "manifest.json"}
    return listed


def _holding(out: Path, needle: str) -> list[str]:
    return sorted(rel for rel in _files(out) if needle in rel)


@pytest.mark.parametrize("command", ["build", "site"])
def test_a_deleted_form_leaves_nothing(project: Path, command: str) -> None:
    out = _out(project, command)
    _run(project, command)
    assert _holding(out, "QR-01-03")
    (project / "forms" / "QR-01-03.yaml").unlink()
    _run(project, command)
    assert _holding(out, "QR-01-03") == []
    _exactly_the_manifest(out)


@pytest.mark.parametrize("command", ["build", "site"])
def test_a_released_version_replaces_the_superseded_one(project: Path, command: str) -> None:
    out = _out(project, command)
    _run(project, command)
    assert _holding(out, "QP-01_A-1_")
    code, stdout, stderr = run_split(RELEASE,
                                     project)
    assert code == 0, stdout + stderr
    _run(project, command)
    assert _holding(out, "QP-01_A-1_") == [] and _holding(out, "QP-01_A-2_")
    _exactly_the_manifest(out)


@pytest.mark.parametrize("command", ["build", "site"])
def test_a_retired_and_removed_document_leaves_nothing(project: Path, command: str) -> None:
    out = _out(project, command)
    _run(project, command)
    code, stdout, stderr = run_split(["retire", "QR-01-03", ".", "--reason", "并入 QR-01-02", "--date", "2026-01-05"],
                                     project)
    assert code == 0, stdout + stderr
    _run(project, command)  # retired: still published, marked obsolete
    assert _holding(out, "QR-01-03")
    (project / "forms" / "QR-01-03.yaml").unlink()
    _run(project, command)
    assert _holding(out, "QR-01-03") == []
    _exactly_the_manifest(out)


def _pdfs_match_their_documents(out: Path) -> None:
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    documents = {e["path"]: e["inputs"] for e in entries if e["kind"] in ("procedure", "form")}
    for pdf in (e for e in entries if e["kind"] == "pdf"):
        docx = pdf["path"].removeprefix("pdf/").removesuffix(".pdf") + ".docx"
        assert documents.get(docx) == pdf["inputs"], pdf["path"]  # the PDF of the document as it is now


@NEEDS_SOFFICE
def test_build_pdf_drops_the_superseded_pdf_and_keeps_the_current_ones(project: Path) -> None:
    out = project / "build"
    _run(project, "build", "--pdf")
    assert len(_holding(out, ".pdf")) == 4 and _holding(out, "pdf/procedures/QP-01_A-1_")
    spare = project / "forms" / "QR-01-03.yaml"
    spare.write_text(spare.read_text(encoding="utf-8").replace("title: ", "title: 备用", 1), encoding="utf-8")
    _run(project, "build")  # no --pdf: the PDFs of unchanged documents stay, the changed one's goes
    assert len(_holding(out, ".pdf")) == 3 and _holding(out, "pdf/forms/QR-01-03_") == []
    _pdfs_match_their_documents(out)
    assert run_split(RELEASE, project)[0] == 0
    _run(project, "build", "--pdf")
    assert len(_holding(out, ".pdf")) == 4 and _holding(out, "pdf/procedures/QP-01_A-2_")
    assert _holding(out, "QP-01_A-1_") == []
    _exactly_the_manifest(out)
    _pdfs_match_their_documents(out)


@NEEDS_SOFFICE
def test_site_pdf_files_go_with_their_document(project: Path) -> None:
    out = project / "build" / "site"
    _run(project, "site", "--pdf")
    assert _holding(out, "files/pdf/forms/QR-01-03_")
    (project / "forms" / "QR-01-03.yaml").unlink()
    _run(project, "site")  # no --pdf: the pages link no PDF, so none stays
    assert _holding(out, ".pdf") == [] and _holding(out, "QR-01-03") == []
    _exactly_the_manifest(out)


def test_a_linked_build_subfolder_and_a_crafted_manifest_never_touch_the_sources(project: Path) -> None:
    out = project / "build"
    _run(project, "build")
    source = project / "procedures" / "QP-01.yaml"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    shutil.rmtree(out / "procedures")
    (out / "procedures").symlink_to(project / "procedures")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": "procedures/QP-01.yaml", "sha256": digest, "kind": "procedure", "code": "x",
                              "version": "x", "title": "x", "source": "x", "source_sha256": "", "inputs": ""})
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = sorted(p.name for p in (project / "procedures").iterdir())
    code, _, stderr = run_split(["build", "--format", "concise", "--force", "."], project)
    assert code == 2 and "is a link" in stderr and "Traceback" not in stderr
    assert source.is_file() and hashlib.sha256(source.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in (project / "procedures").iterdir()) == before  # nothing written there either
