"""Fixtures for the Word-output tests: the golden project, checked and rendered once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import check_project
from proccompile.render import RenderedFile, render_corpus

TESTS = Path(__file__).parent.parent
MINIMAL = TESTS / "cases" / "valid" / "minimal"
PYRAMID = TESTS / "cases" / "valid" / "pyramid"
GOLDEN = TESTS / "golden"


# Template findings: check renders the project's templates and prepares its reference document too, so
# they are allowed here, to see what the renderer does with them (the packaged wording and look stand in).
_TEMPLATE_CODES = ("PC501", "PC502", "PC316")


def render_project(root: Path, language: str | None = None) -> tuple[list[RenderedFile], Diagnostics]:
    """Check ``root`` (clean but for its templates) and render it; returns the files and the renderer's own
    findings. ``language`` overrides the config's."""
    checked = check_project(root)
    others = [d for d in checked.diagnostics if d.code.id not in _TEMPLATE_CODES]
    assert not others, [d.message for d in others]
    corpus = checked.corpus
    if language is not None:
        corpus.config = corpus.config.model_copy(update={"language": language})
    bag = Diagnostics()
    return render_corpus(corpus, root, bag), bag


@pytest.fixture(scope="session")
def minimal_files() -> list[RenderedFile]:
    files, bag = render_project(MINIMAL)
    assert len(bag) == 0, [d.message for d in bag]
    return files


@pytest.fixture(scope="session")
def by_code(minimal_files: list[RenderedFile]) -> dict[str, RenderedFile]:
    return {f.code: f for f in minimal_files}
