"""Fixtures for the Word-output tests: the golden project, checked and rendered once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import check_project
from proccompile.render import RenderedFile, render_corpus

TESTS = Path(__file__).parent.parent
MINIMAL = TESTS / "cases" / "valid" / "minimal"
GOLDEN = TESTS / "golden"


def render_project(root: Path, language: str | None = None) -> tuple[list[RenderedFile], Diagnostics]:
    """Check ``root`` (it must be clean) and render it; ``language`` overrides the config's."""
    checked = check_project(root)
    assert not checked.diagnostics.has_errors, [d.message for d in checked.diagnostics]
    corpus = checked.corpus
    if language is not None:
        corpus.config = corpus.config.model_copy(update={"language": language})
    return render_corpus(corpus, root, checked.diagnostics), checked.diagnostics


@pytest.fixture(scope="session")
def minimal_files() -> list[RenderedFile]:
    files, bag = render_project(MINIMAL)
    assert len(bag) == 0, [d.message for d in bag]
    return files


@pytest.fixture(scope="session")
def by_code(minimal_files: list[RenderedFile]) -> dict[str, RenderedFile]:
    return {f.code: f for f in minimal_files}
