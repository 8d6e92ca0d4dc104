"""Fuzzing the shipped corpus: any mutation of its files ends in findings, never in an exception."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from proccompile.pipeline import check_project

ROOT = Path(__file__).parent.parent
FOLDERS = ("manuals", "procedures", "instructions", "forms")  # every level of the shipped pyramid
FILES = sorted(p.relative_to(ROOT).as_posix() for folder in FOLDERS for p in ROOT.glob(f"{folder}/*.yaml"))
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.sampled_from(["", "A/9", "2024-02-30", "24x", "\x0b", "Q/JL999999", "sales", "[]"]),
    st.lists(st.text(max_size=5), max_size=3),
)
# Each example checks the whole corpus (~0.6 s), so CI runs a bounded number; see README for the long run.
FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "qms"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".git", ".venv", "build", "tests", "docs", "src"))
    return target


def _check_with(project: Path, rel: str, data: bytes) -> None:
    path = project / rel
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        result = check_project(project)
    finally:
        path.write_bytes(original)
    assert result.files == 1 + len(FILES)


_FLIPS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=6)


@given(rel=st.sampled_from(FILES), flips=_FLIPS)
@FUZZ
def test_byte_mutations(project: Path, rel: str, flips: list[tuple[float, int]]) -> None:
    data = bytearray((ROOT / rel).read_bytes())
    for where, byte in flips:
        data[min(int(where * len(data)), len(data) - 1)] = byte
    _check_with(project, rel, bytes(data))


def _nodes(node, loc=()):  # type: ignore[no-untyped-def]
    yield loc, node
    items = (node.items() if isinstance(node, CommentedMap)
             else enumerate(node) if isinstance(node, CommentedSeq) else ())
    for key, child in items:
        yield from _nodes(child, (*loc, key))


@given(rel=st.sampled_from(FILES), data=st.data())
@FUZZ
def test_structural_mutations(project: Path, rel: str, data: st.DataObject) -> None:
    yaml = YAML()
    tree = yaml.load((ROOT / rel).read_text(encoding="utf-8"))
    containers = [(loc, n) for loc, n in _nodes(tree) if isinstance(n, CommentedMap | CommentedSeq) and len(n)]
    loc, node = data.draw(st.sampled_from(containers))
    key = data.draw(st.sampled_from(list(node.keys()) if isinstance(node, CommentedMap) else list(range(len(node)))))
    action = data.draw(st.sampled_from(["delete", "replace", "duplicate", "rename"]))
    if action == "delete":
        del node[key]
    elif action == "replace":
        node[key] = data.draw(VALUES)
    elif action == "duplicate" and isinstance(node, CommentedSeq):
        node.append(node[key])
    elif isinstance(node, CommentedMap):
        node[f"{key}x"] = node.pop(key)
    out = StringIO()
    yaml.dump(tree, out)
    _check_with(project, rel, out.getvalue().encode("utf-8"))
