"""Counts in English output agree in number: 1 document, 1 entry, 1 result; 2 documents, 2 entries."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from proccompile.diagnostics.counts import counted
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent
BASE = ROOT / "tests" / "cases" / "base"


def test_counted() -> None:
    assert [counted(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"


def test_build_of_one_document_says_document(tmp_path: Path) -> None:
    shutil.copy(BASE / "proccompile.yaml", tmp_path)
    (tmp_path / "forms").mkdir()
    shutil.copy(BASE / "forms" / "QR-01-01.yaml", tmp_path / "forms")
    code, output = run_cli(["build", "--format", "concise", "-o", str(tmp_path / "out"), str(tmp_path)], tmp_path)
    assert code == 0
    assert output.splitlines()[-1] == f"Built 1 document into {tmp_path / 'out'}"


def test_a_checklist_question_on_one_revision_says_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # init dates the first revision today; the release is dated today too, and today is the reference date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    run_cli(["init", "--language", "en"], tmp_path)
    # The form first: a released procedure may not keep its records on a draft form (PC423).
    for code in ("QR-01-01", "QP-01"):
        done, output = run_cli(["release", code, "--change", "First issue", "--by", "Ann Lee", "--reviewed-by",
                                "Bo Chen", "--approved-by", "Cy Diaz", "--date", dt.date.today().isoformat()], tmp_path)
        assert done == 0, output
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], tmp_path)
    assert code == 0
    assert "Does the revision history (1 entry) match the current version?" in output
    assert "sample the entries since the last audit" in output  # the scaffold's log is declared a register


@pytest.mark.parametrize(("language", "one", "many"), [("en", "result", "results"), ("zh", "个结果", "个结果")])
def test_the_search_page_carries_both_numbers(tmp_path: Path, language: str, one: str, many: str) -> None:
    run_cli(["init", "--language", language], tmp_path)
    code, output = run_cli(["site", "-o", str(tmp_path / "site")], tmp_path)
    assert code == 0, output
    page = (tmp_path / "site" / "search.html").read_text("utf-8")
    assert f'data-result="{one}" data-results="{many}"' in page
    script = (tmp_path / "site" / "assets" / "search.js").read_text("utf-8")
    assert "hits.length === 1 ? count.dataset.result : count.dataset.results" in script
