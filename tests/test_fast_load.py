"""The fast (libyaml) read path gives exactly the house loader's data, or declines."""

from __future__ import annotations

import datetime
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from proccompile.diagnostics import Diagnostics
from proccompile.load import load_yaml
from proccompile.load.fast import fast_load, fast_root, node_position
from proccompile.load.house_format import house_yaml
from proccompile.load.source import to_plain, tree_position
from proccompile.pipeline import check_project

ROOT = Path(__file__).parent.parent
CORPUS = sorted(p for p in [*(ROOT / "tests" / "cases").rglob("*.yaml"), *ROOT.glob("procedures/*.yaml"),
                            *ROOT.glob("forms/*.yaml"), ROOT / "proccompile.yaml"] if p.is_file())
PROCEDURE = ROOT / "tests" / "cases" / "base" / "procedures" / "QP-01.yaml"
# Characters that change how YAML reads a line, weighted in so mutations hit the parser's corners.
# This equivalence is what makes the fast path safe, so it gets many times the profile's examples.
EXAMPLES = settings.default.max_examples
YAML_CHARS = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\t\r\n \\~.0123456789eE+_<=xob") + ["\u2028", "\x85", "中"])


def _house(text: str) -> object:
    try:
        return to_plain(house_yaml().load(text))
    except Exception as exc:  # noqa: BLE001 - any failure of the house loader is a difference to report
        return exc


def _agrees(text: str) -> None:
    fast = fast_load(text)
    if fast is not None:
        house = _house(text)
        assert fast == house, text
        assert _types(fast) == _types(house), text
        _positions_agree(text, fast)


def _positions_agree(text: str, data: object) -> None:
    """Findings in a fast-read file are located on libyaml's nodes: every one must sit where ruamel puts it."""
    tree, root = house_yaml().load(text), fast_root(text)
    assert root is not None, text
    for loc in _locations(data, ()):
        for key in (False, True):
            position = node_position(root, loc, key=key)  # None: the round-trip tree is asked instead
            assert position in (None, tree_position(tree, loc, key=key)), (text, loc, key)


def _locations(value: object, prefix: tuple[object, ...]) -> Iterator[tuple[object, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _locations(item, (*prefix, key))
        yield (*prefix, "no-such-key")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _locations(item, (*prefix, index))
        yield (*prefix, len(value))


def _types(value: object) -> object:
    # 1 == 1.0 == True in Python, so equal data can still hide a type difference.
    if isinstance(value, dict):
        return {repr(k): _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_shipped_and_case_file_reads_the_same(path: Path) -> None:
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: never parsed")
    _agrees(text)


def test_the_fast_path_takes_the_ordinary_files() -> None:
    """Guards against a change that silently sends every file to the slow loader."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "procedures").glob("*.yaml")]
    assert texts and all(fast_load(t) is not None for t in texts)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 2024-13-01\n", "%YAML 1.1\n---\na: yes\n",
    "a: 0x1F\n", "a: 1e3\n", "a: 012\n", "a:\tb\n", "<<: {a: 1}\n", "- a\n", "", "a: b\n---\nc: d\n",
    "a: 2024-03-01 10:00:00\n", "1: a\ntrue: b\n", "? [a]\n: b\n", "a: " + "[" * 70 + "]" * 70 + "\n",
])
def test_what_the_house_loader_must_judge_is_declined(text: str) -> None:
    assert fast_load(text) is None


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.dates(),
    st.sampled_from(["yes", "no", "on", "0813", "1_000", "1.10", ".5", "2024-1-5", "~", "null", "-", "- a",
                     "a: b", "#x", "x #y", "'q'", "1:30", "0o7", "TRUE", "<<", "="]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(min_size=1, max_size=12), children, max_size=5)),
    max_leaves=30,
)


@given(st.dictionaries(st.text(min_size=1, max_size=12), documents, min_size=1, max_size=6),
       st.sampled_from(["ruamel", "pyyaml-block", "pyyaml-flow"]))
@settings(max_examples=10 * EXAMPLES, deadline=None)
def test_dumped_documents_read_the_same(document: dict[str, object], writer: str) -> None:
    if writer == "ruamel":
        stream = io.StringIO()
        YAML().dump(document, stream)
        text = stream.getvalue()
    else:
        text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=writer == "pyyaml-flow")
    _agrees(text)


@given(st.text(YAML_CHARS, max_size=200))
@settings(max_examples=15 * EXAMPLES, deadline=None)
def test_yaml_punctuation_reads_the_same_or_is_declined(text: str) -> None:
    _agrees(text)


@given(st.data())
@settings(max_examples=10 * EXAMPLES, deadline=None)
def test_mutated_procedures_read_the_same_or_are_declined(data: st.DataObject) -> None:
    text = list(PROCEDURE.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text) - 1))
        text[position] = data.draw(YAML_CHARS)
    _agrees("".join(text))


def test_a_clean_corpus_holds_no_round_trip_tree() -> None:
    """Memory stays flat: trees are parsed only for files whose findings need a position."""
    result = check_project(ROOT / "tests" / "cases" / "base")
    assert not result.diagnostics.has_errors
    assert all(doc.source._tree is None for doc in result.corpus.documents())


def test_findings_in_fast_read_files_are_located_without_a_round_trip_tree(tmp_path: Path) -> None:
    """The shipped corpus has overdue reviews (warnings): locating them must not parse round-trip trees."""
    for name in ("proccompile.yaml", "procedures", "forms"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    result = check_project(tmp_path, today=datetime.date(2026, 12, 1))
    located = {d.span.path for d in result.diagnostics if d.span is not None}
    assert located and not result.diagnostics.has_errors
    sources = {doc.source.rel: doc.source for doc in result.corpus.documents()}
    assert all(sources[rel]._tree is None for rel in located if rel in sources)


def test_data_freed_after_modelling_is_rebuilt_on_request(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("code: X  # kept\nlist: [1, 2024-03-01]\n", encoding="utf-8")
    source = load_yaml(path, "a.yaml", Diagnostics())
    before = source.data
    source.forget_data()
    # Read again with the C parser: a lock check over a clean corpus must not build round-trip trees.
    assert source.data == before and source._tree is None
    assert source.tree is not None


def test_windows_line_ends_take_the_fast_path() -> None:
    text = "code: X\r\nlist: [1, 2024-03-01]\r\nnote: |\r\n  two\r\n  lines\r\n"
    assert fast_load(text) == _house(text) == {"code": "X", "list": [1, datetime.date(2024, 3, 1)],
                                               "note": "two\nlines\n"}
