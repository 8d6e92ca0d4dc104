"""Property tests: no text, bytes or YAML structure makes loading and checking raise."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from proccompile.diagnostics import Diagnostics
from proccompile.load import load_yaml
from proccompile.pipeline import check_project

BASE = Path(__file__).parent / "cases" / "base"
PROCEDURE = BASE / "procedures" / "QP-01.yaml"

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.dates().map(str),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=12), children, max_size=5),
    ),
    max_leaves=30,
)


def _load(data: bytes) -> Diagnostics:
    bag = Diagnostics()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        source = load_yaml(path, "x.yaml", bag)
    assert (source.tree is None) == bag.has_errors
    return bag


@given(st.binary(max_size=400))
def test_any_bytes_load_or_report(data: bytes) -> None:
    _load(data)


@given(st.text(max_size=400))
def test_any_text_loads_or_reports(text: str) -> None:
    _load(text.encode("utf-8", errors="surrogatepass"))


@given(st.data())
def test_mutated_procedure_bytes_load_or_report(data: st.DataObject) -> None:
    original = bytearray(PROCEDURE.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(original) - 1))
        original[position] = data.draw(st.integers(0, 255))
    _load(bytes(original))


@given(st.dictionaries(st.sampled_from(["code", "title", "version", "status", "owner", "process",
                                         "records", "revisions", "approvals", "issued", "extra"]),
                       documents, max_size=8))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_random_procedure_documents_are_checked_without_raising(document: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p"
        shutil.copytree(BASE, project)
        with (project / "procedures" / "QP-02.yaml").open("w", encoding="utf-8") as handle:
            YAML().dump(document, handle)
        result = check_project(project)
    assert result.diagnostics.has_errors or document.get("code") is not None


@given(st.one_of(st.text(max_size=12), st.sampled_from(["2024-03-01", "8.2", "1e3", "true", "False", "null", "~", "",
                                                        "0x1F", "+1", "-.5", ".inf", "<<", "=", "yes", "No", "ON"])))
@example("\x85")  # YAML's other line breaks, which a plain or single-quoted scalar folds into a space
@example("a\u2028b")
@example("x\u2029")
def test_written_text_reads_back_as_the_same_text(text: str) -> None:
    """Whatever string a draft holds, the file written from it reads back as that string (quoted when it would
    otherwise read as a number, a date, a boolean or null)."""
    from proccompile.load.house_data import yaml_bytes
    from proccompile.load.house_format import house_yaml

    assert house_yaml().load(yaml_bytes({"v": text}).decode("utf-8"))["v"] == text
