"""The lock file: every field of a released document is protected; comments and layout are not content."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proccompile.diagnostics import Diagnostics
from proccompile.lifecycle.lockfile import adopt, render_lock
from proccompile.load import SourceFile, load_yaml
from proccompile.model import Corpus, Document
from proccompile.model.corpus import NamedDoc
from proccompile.model.fingerprint import UNLOCKED_KEYS
from proccompile.model.lock import LOCK_NAME, parse_lock
from proccompile.model.names import names_of
from proccompile.pipeline import check_project
from proccompile.validate.lifecycle import released_content
from tests.helpers import edit_file, run_cli
from tests.lifecycle.conftest import ROOT

SHIPPED = check_project(ROOT)
ENTRIES: dict[str, dict[str, str]] = {}
adopt(SHIPPED.corpus, ENTRIES)
LOCK_BYTES = render_lock(ENTRIES, SHIPPED.corpus.config.versions)


def _lock() -> object:
    bag = Diagnostics()
    lock = parse_lock(load_yaml(ROOT / LOCK_NAME, LOCK_NAME, bag, raw=LOCK_BYTES), SHIPPED.corpus.config.versions, bag)
    assert not len(bag)
    return lock


def mutations(data: object, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """(where, mutated copy of the whole document) for every field: each value changed, each item removed
    and duplicated, each key dropped."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in UNLOCKED_KEYS:
                continue
            yield (*path, key, "dropped"), {k: v for k, v in data.items() if k != key}
            for where, changed in mutations(value, (*path, key)):
                yield where, {**data, key: changed}
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield (*path, i, "removed"), data[:i] + data[i + 1:]
            yield (*path, i, "repeated"), data[: i + 1] + [copy.deepcopy(item)] + data[i + 1:]
            for where, changed in mutations(item, (*path, i)):
                yield where, data[:i] + [changed] + data[i + 1:]
    elif isinstance(data, bool):
        yield (*path, "flipped"), not data
    elif isinstance(data, int | float):
        yield (*path, "+1"), data + 1
    elif isinstance(data, dt.date):
        yield (*path, "+1 day"), data + dt.timedelta(days=1)
    elif isinstance(data, str):
        yield (*path, "edited"), data + "改"
        if data.strip() != data or " " in data:
            yield (*path, "spaced"), data.replace(" ", "  ")


@pytest.mark.parametrize("code", ["Q/FL2.0813", "Q/JL081301"])
def test_every_mutation_of_a_released_document_is_caught(code: str) -> None:
    doc = SHIPPED.corpus.procedure(code) or SHIPPED.corpus.form(code)
    assert doc is not None and doc.model.status == "released"
    lock = _lock()
    missed, total = [], 0
    for where, mutated in mutations(doc.source.data):
        if code.startswith("Q/JL") and where == ("status", "dropped"):
            continue  # a form without `status:` is released: the same content (test_forms_without_status_line)
        total += 1
        source = SourceFile(doc.source.path, doc.source.rel, doc.source.text)
        source.loaded(mutated)
        corpus = Corpus(SHIPPED.corpus.config, SHIPPED.corpus.config_source, lock=lock)  # type: ignore[arg-type]
        corpus.named.append(NamedDoc(names_of(Document(doc.model, source), None), source))
        bag = Diagnostics()
        released_content(corpus, bag)
        if not any(d.code.id == "PC407" for d in bag):
            missed.append(where)
    assert total > 100 if code.startswith("Q/FL") else total > 20
    assert missed == []


def _locked_project(tmp_path: Path) -> Path:
    from tests.lifecycle.conftest import copy_project

    project = copy_project(tmp_path / "qms")
    (project / LOCK_NAME).write_bytes(LOCK_BYTES)
    return project


@pytest.mark.parametrize(("old", "new"), [
    ("purpose: ", "# 目的经管理评审确认\npurpose: "),                       # a comment line
    ("owner: sales\n", "owner: sales  # 归口\n"),                           # an end-of-line comment
    ("iso_clauses:\n", "\n\niso_clauses:\n"),                              # blank lines
    ('  - "8.2.1"\n  - "8.5.5"\n', "  - '8.2.1'\n  - 8.5.5\n"),              # other quoting
    ("approvals:\n  prepared:\n    date: 2020-01-06\n",
     "approvals:\n  prepared: {date: 2020-01-06}\n"),                      # flow style
    ("title: 顾客服务控制程序\n", "title: >-\n  顾客服务控制程序\n"),               # folded scalar
])
def test_comments_and_layout_are_not_content(tmp_path: Path, old: str, new: str) -> None:
    project = _locked_project(tmp_path)
    edit_file(project / "procedures" / "Q-FL2.0813.yaml", old, new)
    code, out = run_cli(["check", "--format", "concise", "."], project)
    assert code == 0 and "PC407" not in out and "Q/FL2.0813" not in out, out


def test_an_edited_released_procedure_is_reported(tmp_path: Path) -> None:
    project = _locked_project(tmp_path)
    edit_file(project / "procedures" / "Q-FL2.0813.yaml", "time_limit: 24h", "time_limit: 48h")
    code, out = run_cli(["check", "--format", "concise", "."], project)
    assert code == 1
    assert ("procedures/Q-FL2.0813.yaml:4:10: PC407 Released `Q/FL2.0813` `B/0` was changed "
            "without a new version\n") in out


def test_lock_adopts_new_versions_and_never_rewrites_old_ones(tmp_path: Path) -> None:
    project = _locked_project(tmp_path)
    assert run_cli(["lock", "."], project) == (0, "locked 0 new versions\n")
    edit_file(project / "procedures" / "Q-FL2.0813.yaml", "time_limit: 24h", "time_limit: 48h")
    code, out = run_cli(["lock", "."], project)
    assert code == 1 and "PC407" in out
    assert (project / LOCK_NAME).read_bytes() == LOCK_BYTES


def test_lock_file_is_written_in_the_house_format_and_sorted() -> None:
    text = LOCK_BYTES.decode("utf-8")
    assert text.startswith("# proccompile.lock: fingerprints")
    assert "lock_version: 1\ndocuments:\n  Q/FL1.0001:\n    A/0: sha256:" in text
    assert "Q/FL2.0816" not in text  # drafts are not locked
    assert render_lock(ENTRIES, SHIPPED.corpus.config.versions) == LOCK_BYTES

_VERSIONS = st.builds(lambda e, a: f"{chr(65 + e)}/{a}", st.integers(0, 25), st.integers(0, 4))
_PRINTS = st.text("0123456789abcdef", min_size=64, max_size=64).map(lambda h: "sha256:" + h)
_CODES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
                 max_size=20).filter(lambda c: c.strip() == c)


@given(st.dictionaries(_CODES, st.dictionaries(_VERSIONS, _PRINTS, min_size=1, max_size=4), max_size=6))
def test_lock_file_round_trips(entries: dict[str, dict[str, str]]) -> None:
    scheme = SHIPPED.corpus.config.versions
    bag = Diagnostics()
    lock = parse_lock(load_yaml(ROOT / LOCK_NAME, LOCK_NAME, bag, raw=render_lock(entries, scheme)), scheme, bag)
    assert not len(bag)
    assert {code: {v: e.fingerprint for v, e in versions.items()} for code, versions in lock.entries.items()} == entries


def test_lock_repairs_an_entry_that_does_not_parse(tmp_path: Path) -> None:
    from tests.lifecycle.conftest import copy_project

    project = copy_project(tmp_path / "case", ROOT / "tests" / "cases" / "invalid" / "PC410-lock-invalid")
    assert run_cli(["check", "--format", "concise", "."], project)[0] == 1
    assert run_cli(["lock", "."], project) == (0, "wrote proccompile.lock\nlocked 1 new version\n")
    assert run_cli(["check", "--format", "concise", "."], project) == (0, "All checks passed (5 files).\n")
