"""The write stage: atomic outputs, a deterministic manifest, stale-output cleanup, PDF export errors."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

import proccompile
from proccompile.render import RenderedFile
from proccompile.write import PdfExportUnavailable, export_pdfs, write_build
from proccompile.write.atomic import write_atomic


def test_outputs_and_manifest_are_written(tmp_path: Path, minimal_files: list[RenderedFile]) -> None:
    out = tmp_path / "build"
    paths = write_build(out, minimal_files)
    assert [p.relative_to(out).as_posix() for p in paths] == [f.relpath for f in minimal_files]
    for f in minimal_files:
        assert (out / f.relpath).read_bytes() == f.data
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "proccompile" and manifest["tool_version"] == proccompile.__version__
    first = manifest["files"][0]
    f = minimal_files[0]
    assert first == {"path": f.relpath, "sha256": hashlib.sha256(f.data).hexdigest(), "kind": f.kind,
                     "code": f.code, "version": f.version, "title": f.title, "source": f.source,
                     "source_sha256": f.source_sha256, "inputs": f.inputs, "depends": f.depends,
                     "reads": list(f.reads)}
    assert [e["path"] for e in manifest["files"]] == sorted(e["path"] for e in manifest["files"])
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_manifest_is_byte_identical_whatever_the_input_order(tmp_path: Path,
                                                              minimal_files: list[RenderedFile]) -> None:
    write_build(tmp_path / "a", minimal_files)
    write_build(tmp_path / "b", list(reversed(minimal_files)))
    assert (tmp_path / "a" / "manifest.json").read_bytes() == (tmp_path / "b" / "manifest.json").read_bytes()


def test_unchanged_outputs_are_not_rewritten(tmp_path: Path, minimal_files: list[RenderedFile]) -> None:
    out = tmp_path / "build"
    write_build(out, minimal_files)
    target = out / minimal_files[0].relpath
    os.utime(target, (1_000_000_000, 1_000_000_000))
    write_build(out, minimal_files)
    assert target.stat().st_mtime == 1_000_000_000


def test_outputs_no_longer_built_are_removed_unless_edited(tmp_path: Path,
                                                           minimal_files: list[RenderedFile]) -> None:
    out = tmp_path / "build"
    renamed = replace(minimal_files[0], relpath="forms/renamed.docx")
    write_build(out, minimal_files)
    edited = out / minimal_files[1].relpath
    edited.write_bytes(b"edited by hand")
    write_build(out, [renamed, *minimal_files[2:]])
    assert not (out / minimal_files[0].relpath).exists()  # stale and untouched: removed
    assert edited.read_bytes() == b"edited by hand"  # someone changed it: kept
    assert (out / "forms" / "renamed.docx").is_file()


def test_a_hostile_manifest_cannot_delete_outside_the_build(tmp_path: Path,
                                                            minimal_files: list[RenderedFile]) -> None:
    out = tmp_path / "build"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"x")
    entry = {"path": "../victim.txt", "sha256": hashlib.sha256(b"x").hexdigest()}
    (out / "manifest.json").write_text(json.dumps({"files": [entry]}), encoding="utf-8")
    write_build(out, minimal_files)
    assert victim.exists()


def test_pdf_export_without_libreoffice_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROCCOMPILE_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfExportUnavailable, match="LibreOffice"):
        export_pdfs([tmp_path / "a.docx"], tmp_path)


def test_outputs_get_the_usual_file_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.docx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644
