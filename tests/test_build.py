"""`proccompile build` on the shipped corpus: every document built, byte-identical twice, clear PDF errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    for out in (first, second):
        code, output = run_cli(["build", "--format", "concise", "-o", str(out), "."], ROOT)
        assert code == 0, output
    return first, second


def test_every_procedure_and_form_is_built(built: tuple[Path, Path]) -> None:
    out = built[0]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sources = {f["source"] for f in manifest["files"]}
    folders = ("procedures", "forms", "manuals", "instructions")
    expected = {p.relative_to(ROOT).as_posix() for folder in folders for p in ROOT.glob(f"{folder}/*.yaml")}
    assert sources == expected
    assert len(list((out / "procedures").glob("*.docx"))) == len(list(ROOT.glob("procedures/*.yaml")))
    assert len(list((out / "forms").glob("*.docx"))) == len(list(ROOT.glob("forms/*.yaml")))


def test_building_twice_gives_identical_bytes(built: tuple[Path, Path]) -> None:
    first, second = (_hashes(folder) for folder in built)
    assert first == second and len(first) > 50


def test_manifest_records_source_and_output_hashes(built: tuple[Path, Path]) -> None:
    out = built[0]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
        source = (ROOT / entry["source"]).read_text(encoding="utf-8")
        assert hashlib.sha256(source.encode("utf-8")).hexdigest() == entry["source_sha256"]


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROCCOMPILE_SOFFICE", str(tmp_path / "no-soffice-here"))
    code, _ = run_cli(["build", "--pdf", "-o", str(tmp_path / "out"), "."], ROOT / "tests" / "cases" / "base")
    assert code == 2
