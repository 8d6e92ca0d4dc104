"""Shared fixtures: the shipped example corpus checked once, and a fresh copy of the minimal base project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proccompile.pipeline import CheckResult, check_project

ROOT = Path(__file__).parent.parent.parent
BASE = ROOT / "tests" / "cases" / "base"


@pytest.fixture(scope="session")
def shipped() -> CheckResult:
    result = check_project(ROOT)
    assert not result.diagnostics.has_errors, [d.message for d in result.diagnostics]
    return result


@pytest.fixture
def base(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "p")
    return tmp_path / "p"


def add_config(project: Path, text: str) -> None:
    config = project / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")
