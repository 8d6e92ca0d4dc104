"""The site of the shipped example project, built once for the site tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    code, output = run_cli(["site", "-o", str(out), "."], ROOT)
    assert code == 0, output
    return out
