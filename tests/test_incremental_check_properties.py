"""The check's cache never changes a result: random edit sequences, each step checked and built both
incrementally and afresh, compared finding for finding and byte for byte.

A short run is part of the suite; `HYPOTHESIS_PROFILE=long pytest tests/test_incremental_check_properties.py`
runs 500 sequences.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from proccompile.diagnostics.records import to_records
from proccompile.pipeline import ConfigError, build_project, check_cached, check_project

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
FILES = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml"))
DOCUMENTS = [f for f in FILES if f != "proccompile.yaml"]
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"

Edit = Callable[[Path, str, str], None]


def _replace_first(pattern: str, replacement: Callable[[re.Match[str]], str]) -> Edit:
    def edit(root: Path, name: str, _word: str) -> None:
        path = root / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return edit


def _restore(root: Path, name: str, _word: str) -> None:
    shutil.copyfile(MINIMAL / name, root / name)


def _delete(root: Path, name: str, _word: str) -> None:
    if name != "proccompile.yaml":
        (root / name).unlink(missing_ok=True)


EDITS: dict[str, Edit] = {
    "retitle": _replace_first(r"^title: .*$", lambda m: f"{m.group(0)}{_WORD}"),
    "break indentation": _replace_first(r"^title: .*$", lambda m: f"{m.group(0)}\n  broken: ["),
    "unknown field": _replace_first(r"^title: .*$", lambda m: f"{m.group(0)}\nbogus: 1"),
    "obsolete": _replace_first(r"^status: .*$", lambda _: "status: obsolete"),
    "cite another form": _replace_first(r"Q/QR0101", lambda _: "Q/QR0102"),
    "cite a missing form": _replace_first(r"Q/QR0102", lambda _: "Q/QR0109"),
    "duplicate a code": _replace_first(r"^code: Q/QR0102$", lambda _: "code: Q/QR0101"),
    "unknown department": _replace_first(r"^owner: .*$", lambda _: "owner: qualty"),
    "rename a department": _replace_first(r"^  - id: quality$", lambda _: "  - id: qa"),
    "restore": _restore,
    "delete": _delete,
}
_WORD = "改"


def _check_records(root: Path, cached: bool) -> object:
    try:
        result = check_cached(root) if cached else check_project(root)
    except ConfigError as error:
        return ("config", to_records(error.diagnostics))
    return (result.paths, to_records(result.diagnostics))


def _outputs(folder: Path) -> dict[str, bytes]:
    """The manifest and every output it lists (what an earlier build left beside them is not the build's)."""
    manifest = (folder / "manifest.json").read_bytes()
    listed = [entry["path"] for entry in json.loads(manifest)["files"]]
    return {"manifest.json": manifest, **{path: (folder / path).read_bytes() for path in listed}}


@settings(max_examples=500 if LONG else 8, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.sampled_from(FILES)), min_size=1, max_size=5))
def test_each_incremental_check_and_build_equals_a_fresh_one(edits: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "qms"
        shutil.copytree(MINIMAL, root)
        (root / "build").mkdir()
        incremental = Path(folder) / "out"
        for step, (edit, name) in enumerate(edits):
            EDITS[edit](root, name, _WORD)
            cached = _check_records(root, cached=True)
            assert cached == _check_records(root, cached=False), (step, edit, name)
            fresh = Path(folder) / f"fresh{step}"
            try:
                built = build_project(root, incremental, jobs=1)
            except ConfigError:
                continue
            again = build_project(root, fresh, jobs=1)
            assert to_records(built.check.diagnostics) == to_records(again.check.diagnostics)
            if not built.check.diagnostics.has_errors:
                assert _outputs(incremental) == _outputs(fresh), (step, edit, name)
