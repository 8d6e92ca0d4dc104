"""Shared pytest options: --update-golden rewrites expected outputs from the current code."""

from __future__ import annotations

import os

import pytest

# `check` judges review dates at SOURCE_DATE_EPOCH when no --today is given; pin it so expected outputs do
# not change with the calendar (2026-06-01, when no shipped document is overdue).
os.environ["SOURCE_DATE_EPOCH"] = "1780272000"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite expected outputs (case expected.txt, golden documents, generated docs) instead of comparing.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


# Bounded fuzzing in CI; `HYPOTHESIS_PROFILE=long pytest tests/test_fuzz_corpus.py` for a long run.
from hypothesis import settings  # noqa: E402

settings.register_profile("default", deadline=None, max_examples=30)
settings.register_profile("long", deadline=None, max_examples=500)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "default"))
