"""A release does all it was asked or nothing: bad options and targets are judged first, two releases at once
keep both lock entries, a full disk or a kill between the writes leaves the files agreeing (or recoverable)."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from proccompile.lifecycle.release import ReleaseRequest
from proccompile.pipeline import lifecycle as pipeline_lifecycle
from proccompile.pipeline.lifecycle import release_project
from tests.helpers import edit_file, run_cli, run_split
from tests.lifecycle.conftest import ROOT, copy_project

RELEASE = ["release", "Q/FL2.0813", "--date", "2026-12-01"]


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".proccompile-build")}


@pytest.fixture
def edited(project: Path) -> Path:
    """The shipped project, locked, with approved revisions of Q/FL2.0813 and Q/FL2.0814 ready to release."""
    assert run_cli(["lock", "."], project)[0] == 0
    for code, file, old, new in (("Q/FL2.0813", "Q-FL2.0813.yaml", "time_limit: 24h", "time_limit: 8h"),
                                 ("Q/FL2.0814", "Q-FL2.0814.yaml", "time_limit: 48h", "time_limit: 36h")):
        assert run_split(["revise", code, "--change", "缩短时限。", "--date", "2026-11-20"], project)[0] == 0
        edit_file(project / "procedures" / file, old, new)
        for role, name in (("prepared", "王建国"), ("reviewed", "李明华"), ("approved", "张志强")):
            code_, _, err = run_split(["approve", code, "--role", role, "--by", name, "--date", "2026-11-25"], project)
            assert code_ == 0, err
    return project


def test_an_empty_change_is_an_option_error_not_a_finding_at_a_line_that_does_not_exist(edited: Path) -> None:
    before = _files(edited)
    code, out, err = run_split([*RELEASE, "--change", ""], edited)
    assert code == 2 and out == ""
    assert "Invalid value for --change: say what changed and why" in err
    assert _files(edited) == before


@pytest.mark.parametrize("target", ["procedures/recall.md", "in-force/recall.md", "log.md", "proccompile.yaml/log.md"])
def test_a_recall_log_that_cannot_be_written_stops_the_release_before_anything_is_written(
        edited: Path, target: str) -> None:
    (edited / "log.md").mkdir()  # a folder where the file would go
    before = _files(edited)
    code, _, err = run_split([*RELEASE, "--recall-log", target], edited)
    assert code == 2, err
    assert err.startswith("proccompile: ")
    assert _files(edited) == before
    # Nothing was released, so running it again releases B/1, not B/2.
    code, out, err = run_split([*RELEASE, "--recall-log", "recall.md"], edited)
    assert code == 0, err
    assert "released Q/FL2.0813 B/1 (was B/0)" in out


def test_two_releases_at_once_keep_both_lock_entries(edited: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first release stops between its check and its write until the second has finished (or 3 s): without
    a lock around the whole edit, the first then writes the lock file it read, losing the second's entry."""
    check = pipeline_lifecycle.check_project
    second_done = threading.Event()

    def slow_check(root: Path, *args: object, **kwargs: object) -> object:
        if kwargs.get("overlay") and threading.current_thread().name == "first":
            second_done.wait(3)
        return check(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline_lifecycle, "check_project", slow_check)
    request = ReleaseRequest(change=None, date=dt.date(2026, 12, 1))
    errors: list[BaseException] = []

    def release(code: str) -> None:
        try:
            release_project(edited, code, request)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            if threading.current_thread().name == "second":
                second_done.set()

    first = threading.Thread(target=release, args=("Q/FL2.0813",), name="first")
    second = threading.Thread(target=release, args=("Q/FL2.0814",), name="second")
    first.start()
    second.start()
    first.join(60)
    second.join(60)
    assert errors == []
    lock = (edited / "proccompile.lock").read_text(encoding="utf-8")
    assert "  Q/FL2.0813:\n    B/0: sha256:" in lock and "\n    B/1: sha256:" in lock
    assert lock.count("B/1: sha256:") == 1 and lock.count("A/1: sha256:") >= 1
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], edited)
    assert code == 0 and "PC411" not in out, out


def test_a_full_disk_leaves_the_document_and_the_lock_as_they_were(edited: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = tempfile.mkstemp

    def full_disk(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir"))).resolve() == edited.resolve():  # the lock file's folder
            raise OSError(errno.ENOSPC, "No space left on device", str(edited / "proccompile.lock"))
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    before = _files(edited)
    code, _, err = run_split(RELEASE, edited)
    assert code == 2 and "No space left on device" in err
    assert _files(edited) == before
    assert not [p for p in edited.rglob("*.tmp")]


_KILL_AFTER_FIRST_TARGET = """
import os, sys
from proccompile.cli import main
real = os.replace
def replace(src, dst, *args, **kwargs):
    real(src, dst, *args, **kwargs)
    if str(dst).endswith(".yaml"):  # the document is in place, the lock file not yet
        os._exit(137)
os.replace = replace
sys.argv = ["proccompile", *sys.argv[1:]]
main()
"""


def test_a_kill_between_the_two_writes_is_reported_and_finished_by_the_next_command(edited: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _KILL_AFTER_FIRST_TARGET, *RELEASE], cwd=edited,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 137, done.stderr
    assert "version: B/1" in (edited / "procedures" / "Q-FL2.0813.yaml").read_text(encoding="utf-8")
    assert "B/1" not in (edited / "proccompile.lock").read_text(encoding="utf-8")
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], edited)
    assert code == 1
    assert (".proccompile-edit.journal: PC427 A change-control edit was interrupted: the files it writes together "
            "may disagree\n") in out
    code, out, err = run_split(["lock", "."], edited)
    assert code == 0, err + out
    assert err.startswith("proccompile: finished an edit that an earlier run left half done: wrote proccompile.lock")
    assert "\n    B/1: sha256:" in (edited / "proccompile.lock").read_text(encoding="utf-8")
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], edited)
    assert code == 0 and "PC427" not in out and "PC411" not in out, out


def test_a_release_never_writes_a_file_over_the_size_limit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "qms", ROOT / "tests" / "cases" / "base")
    config = project / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  max_file_bytes: 1300\n", encoding="utf-8")
    form = project / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8") + "# " + "注" * 320 + "\n", encoding="utf-8")
    assert 1150 < form.stat().st_size <= 1300
    assert run_cli(["check", "--format", "concise", "."], project)[0] == 0
    before = _files(project)
    code, out, err = run_split(["release", "QR-01-01", "--change", "首次受控。", "--date", "2026-12-01", "--by", "张明",
                                "--reviewed-by", "李华", "--approved-by", "王强"], project)
    assert code == 1
    assert out.startswith("forms/QR-01-01.yaml:1:1: PC105 The file would be 1,")
    assert "bytes after this edit; the limit is 1,300\n" in out
    assert _files(project) == before


def test_diff_names_the_versions_there_are_when_asked_for_one_that_is_not(project: Path) -> None:
    code, _, err = run_split(["diff", "Q/FL2.0813", "--from", "B/7"], project)
    assert code == 1
    assert err.startswith("proccompile: `B/7` is not a version of `Q/FL2.0813`, and git cannot read it: ")
    assert err.endswith("\nhelp: Its versions: A/0, A/1, A/2, B/0\n")
    code, _, err = run_split(["diff", "Q/FL2.0813", "--from", "A/3"], project)
    assert (code, err) == (1, "proccompile: `A/3` is not a version of `Q/FL2.0813`\n"
                              "help: Its versions: A/0, A/1, A/2, B/0\n")
