"""Lifecycle tests work on copies of the shipped project, never on the repository itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent


def copy_project(target: Path, source: Path = ROOT) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("procedures", "forms", "manuals", "instructions", "specifications", "attachments", "templates"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    for name in ("proccompile.yaml", "proccompile.lock"):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "qms")


@pytest.fixture(autouse=True)
def _today_is_release_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Change-control commands judge dates to come at SOURCE_DATE_EPOCH: these tests release on 2026-12-01."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
