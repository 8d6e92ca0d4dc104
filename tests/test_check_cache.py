"""The incremental check: what an edit makes it read again, where its cache lives, and that it never changes results."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import proccompile
import proccompile.load.yaml
import proccompile.model.build
from proccompile.diagnostics.records import to_records
from proccompile.load.source import SourceFile
from proccompile.pipeline import check_cached, check_project
from proccompile.pipeline.checkcache import CACHE_DIR, CACHE_NAME, read_cache
from tests.helpers import edit_file, run_cli, run_split

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
CACHE = Path("build") / CACHE_DIR / CACHE_NAME


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(MINIMAL, root)
    (root / "build").mkdir()
    return root


def _records(root: Path, **options: object) -> list[dict[str, object]]:
    return to_records(check_project(root, **options).diagnostics)  # type: ignore[arg-type]


class _Read:
    """Which files were parsed (libyaml) and which modelled (pydantic), by project-relative name."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: list[int] = []
        self.modelled: list[str] = []
        fast_load, model_document = proccompile.load.yaml.fast_load, proccompile.model.build.model_document

        def parse(text: str) -> object:
            self.parsed.append(len(text))
            return fast_load(text)

        def model(source: SourceFile, *args: object, **kwargs: object) -> object:
            self.modelled.append(source.rel)
            return model_document(source, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(proccompile.load.yaml, "fast_load", parse)
        monkeypatch.setattr(proccompile.model.build, "model_document", model)


def test_a_check_after_one_form_changed_parses_and_models_that_form_alone(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_cached(project)
    edit_file(project / "forms" / "Q-QR0101.yaml", "title: 投诉登记表", "title: 投诉登记")
    read = _Read(monkeypatch)
    check_cached(project)
    # The config is always read and modelled (it is small, and every document is judged against it).
    assert read.modelled == ["proccompile.yaml", "forms/Q-QR0101.yaml"]
    assert len(read.parsed) == 2


def test_a_check_with_nothing_changed_models_the_config_alone(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_cached(project)
    read = _Read(monkeypatch)
    check_cached(project)
    assert read.modelled == ["proccompile.yaml"]


def test_cross_references_are_judged_again_from_the_cached_name_tables(project: Path) -> None:
    check_cached(project)
    (project / "forms" / "Q-QR0102.yaml").unlink()  # cited by two procedures that did not change
    cached = to_records(check_cached(project).diagnostics)
    assert cached == _records(project)
    assert sorted({(r["code"], r["span"]["path"]) for r in cached}) == [  # type: ignore[index]
        ("PC303", "procedures/Q-QP01.yaml"), ("PC303", "procedures/Q-QP02.yaml")]


def test_the_cache_is_plain_json_with_a_header_that_seals_it(project: Path) -> None:
    check_cached(project)
    header, body = (project / CACHE).read_bytes().split(b"\n", 1)
    head = json.loads(header)
    assert sorted(head) == ["context", "format", "sha256"] and head["format"] == 3
    entries = dict(json.loads(line) for line in body.split(b"\n"))
    assert sorted(entries) == ["forms/Q-QR0101.yaml", "forms/Q-QR0102.yaml", "procedures/Q-QP01.yaml",
                               "procedures/Q-QP02.yaml", "procedures/Q-QP03.yaml"]
    assert entries["forms/Q-QR0101.yaml"]["names"]["code"] == "Q/QR0101"


def test_entries_of_unchanged_files_are_written_back_as_they_were(project: Path) -> None:
    check_cached(project)
    before = (project / CACHE).read_bytes().split(b"\n")
    edit_file(project / "forms" / "Q-QR0101.yaml", "title: 投诉登记表", "title: 投诉登记")
    check_cached(project)
    after = (project / CACHE).read_bytes().split(b"\n")
    changed = [json.loads(line)[0] for line in sorted(set(after[1:]) - set(before[1:]))]
    assert changed == ["forms/Q-QR0101.yaml"] and before[0] != after[0]  # the seal covers the new body


@pytest.mark.parametrize("damage", ["body", "header", "truncated", "names"])
def test_a_damaged_or_edited_cache_is_not_used(project: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    check_cached(project)
    path = project / CACHE
    header, body = path.read_bytes().split(b"\n", 1)
    if damage == "body":  # hides a finding, but the seal no longer matches
        path.write_bytes(header + b"\n" + body.replace(b'"code":"Q/QR0102"', b'"code":"Q/QR0199"'))
    elif damage == "header":
        path.write_bytes(b"{}\n" + body)
    elif damage == "truncated":
        path.write_bytes(header + b"\n" + body[: len(body) // 2])
    else:  # resealed, but a value of the wrong type
        import hashlib

        bad = body.replace(b'"status":"released"', b'"status":7', 1)
        head = json.loads(header)
        head["sha256"] = hashlib.sha256(bad).hexdigest()
        path.write_bytes(json.dumps(head, sort_keys=True).encode() + b"\n" + bad)
    assert read_cache(project).entries == {}
    read = _Read(monkeypatch)
    assert to_records(check_cached(project).diagnostics) == _records(project)
    assert len(read.modelled) == 2 * 6  # everything modelled again (and once more by the fresh check)


def test_another_tool_version_starts_an_empty_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_cached(project)
    monkeypatch.setattr(proccompile, "__version__", "99.0.0")
    read = _Read(monkeypatch)
    check_cached(project)
    assert len(read.modelled) == 6


def test_another_config_starts_an_empty_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_cached(project)
    edit_file(project / "proccompile.yaml", "language: zh", "language: zh\nreview_interval: 2y")
    read = _Read(monkeypatch)
    check_cached(project)
    assert len(read.modelled) == 6


def test_a_project_without_a_build_folder_gets_no_cache(project: Path) -> None:
    shutil.rmtree(project / "build")
    assert run_cli(["check", "--format", "concise", "."], project) == (0, "All checks passed (6 files).\n")
    assert not (project / "build").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_build_folder_is_no_error(project: Path) -> None:
    (project / "build").chmod(0o500)
    try:
        assert run_cli(["check", "--format", "concise", "."], project) == (0, "All checks passed (6 files).\n")
    finally:
        (project / "build").chmod(0o700)
    assert not (project / CACHE).exists()


def test_a_cache_that_cannot_be_written_is_no_error(project: Path) -> None:
    (project / "build" / CACHE_DIR).write_text("a file where the cache folder would be", encoding="utf-8")
    assert run_cli(["check", "--format", "concise", "."], project) == (0, "All checks passed (6 files).\n")


def test_a_build_folder_linked_out_of_the_project_gets_no_cache(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.rmtree(project / "build")
    (project / "build").symlink_to(outside, target_is_directory=True)
    assert run_cli(["check", "--format", "concise", "."], project)[0] == 0
    assert list(outside.iterdir()) == []


def test_no_cache_neither_reads_nor_writes_it(project: Path) -> None:
    assert run_cli(["check", "--no-cache", "--format", "concise", "."], project)[0] == 0
    assert not (project / CACHE).exists()


def test_check_files_reports_the_named_files_in_the_context_of_their_project(project: Path) -> None:
    (project / "forms" / "Q-QR0102.yaml").unlink()
    edit_file(project / "procedures" / "Q-QP03.yaml", "title: 产品召回程序", "title: 产品召回程序\nbogus: 1")
    code, out = run_cli(["check", "--format", "concise", "Q-QP01.yaml"], project / "procedures")
    lines = out.splitlines()
    assert code == 1 and lines[-1] == "Found 2 errors in 1 file."
    assert [line.split(": ")[1].split()[0] for line in lines[:-1]] == ["PC303", "PC303"]  # step record, records
    assert all(line.startswith("procedures/Q-QP01.yaml:") for line in lines[:-1])
    code, out = run_cli(["check", "--format", "concise", "procedures/Q-QP03.yaml", "proccompile.yaml"], project)
    assert code == 1 and out.splitlines()[-1] == "Found 1 error in 1 file."
    assert " PC201 " in out


def test_check_files_refuses_what_is_not_a_source_of_the_project(project: Path, tmp_path: Path) -> None:
    (project / "notes.txt").write_text("x", encoding="utf-8")
    code, _, err = run_split(["check", "notes.txt"], project)
    assert (code, err) == (2, "proccompile: `notes.txt` is not a document or the config of the project\n")
    other = tmp_path / "other"
    shutil.copytree(MINIMAL, other)
    code, _, err = run_split(["check", "procedures/Q-QP01.yaml", str(other / "forms" / "Q-QR0101.yaml")], project)
    assert (code, err) == (2, "proccompile: the files named belong to different projects; check each project on "
                              "its own\n")


def test_commands_find_the_project_from_a_folder_inside_it(project: Path) -> None:
    assert run_cli(["check", "--format", "concise"], project / "procedures") == (0, "All checks passed (6 files).\n")
    code, out = run_cli(["build", "--format", "concise"], project / "forms")
    assert code == 0 and out.strip().endswith("into ../build")
    assert (project / "build" / "manifest.json").is_file()


def test_a_folder_with_procedures_but_no_config_is_not_searched_above(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    shutil.copytree(MINIMAL, outer)
    inner = outer / "nested"
    (inner / "procedures").mkdir(parents=True)
    code, out = run_cli(["check", "--format", "concise"], inner)
    assert (code, out) == (2, "proccompile.yaml: PC001 The project folder has no proccompile.yaml\n"
                              "Found 1 error in 1 file.\n")


def test_no_color_turns_colour_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from proccompile.commands import common

    monkeypatch.setattr(common.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert common.color_wanted() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert common.color_wanted() is False
    monkeypatch.setenv("NO_COLOR", "")  # set but empty: no-color.org says it does not count
    assert common.color_wanted() is True


@pytest.mark.parametrize(("typed", "message"), [
    ("chek", "Error: No such command 'chek'. Did you mean `check`?"),
    ("biuld", "Error: No such command 'biuld'. Did you mean `build`?"),
    ("registr", "Error: No such command 'registr'. Did you mean `register`?"),
    ("zzzz", "Error: No such command 'zzzz'."),
])
def test_an_unknown_command_names_the_nearest_one(tmp_path: Path, typed: str, message: str) -> None:
    code, _, err = run_split([typed], tmp_path)
    assert code == 2 and err.splitlines()[-1] == message


def test_a_finding_is_located_in_the_text_that_was_checked_or_in_the_file_as_a_whole(project: Path) -> None:
    from proccompile.diagnostics import Diagnostics, Span
    from proccompile.load.source import LazySource
    from proccompile.load.yaml import load_yaml

    path = project / "forms" / "Q-QR0101.yaml"
    lazy = LazySource.of(load_yaml(path, "forms/Q-QR0101.yaml", Diagnostics()))
    assert lazy.span(("retention",)) == Span("forms/Q-QR0101.yaml", 5, 12, "retention: 3y", 2)
    path.write_text("# changed after the check\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    # Another text now: a line number from it would point at the wrong line, so the whole file is named.
    assert lazy.span(("retention",)) == Span("forms/Q-QR0101.yaml", 1, 1, None, 1)
