"""Golden Word output: the minimal and pyramid projects' documents as parsed text dumps (tests/golden/,
--update-golden)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.render import RenderedFile
from tests.helpers import compare_or_update
from tests.render.conftest import GOLDEN, MINIMAL, PYRAMID, render_project
from tests.render.dump import dump_docx

CASES = {"minimal": (MINIMAL, None), "minimal-en": (MINIMAL, "en"), "pyramid": (PYRAMID, None)}


def _golden_path(case: str, f: RenderedFile) -> Path:
    return GOLDEN / case / Path(f.relpath).with_suffix(".txt")


@pytest.mark.parametrize("case", sorted(CASES))
def test_documents_match_their_goldens(case: str, update_golden: bool) -> None:
    root, language = CASES[case]
    files, _ = render_project(root, language)
    for f in files:
        path = _golden_path(case, f)
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
        compare_or_update(path, dump_docx(f.data), update_golden)
    expected = {_golden_path(case, f) for f in files}
    stale = sorted(p for p in (GOLDEN / case).rglob("*.txt") if p not in expected)
    if update_golden:
        for path in stale:
            path.unlink()
    else:
        assert not stale, f"golden files without a document (run pytest --update-golden): {stale}"


def test_minimal_project_covers_every_status_and_orientation(minimal_files: list[RenderedFile]) -> None:
    dumps = {f.code: dump_docx(f.data) for f in minimal_files}
    assert "<watermark '草稿'>" in dumps["Q/QP02"]
    assert "<watermark '作废'>" in dumps["Q/QP03"]
    assert "<watermark" not in dumps["Q/QP01"] and "**受控**" in dumps["Q/QP01"]
    assert "landscape" in dumps["Q/QR0102"] and "portrait" in dumps["Q/QR0101"]
    assert "第 {PAGE} 页 共 {NUMPAGES} 页" in dumps["Q/QP01"]
