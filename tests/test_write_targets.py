"""A place that cannot be written is a usage error (exit 2, one line, no traceback), found before the first file
is written: a file where a folder is needed, a folder under /proc, a name too long, a folder that refuses files.
`init` makes the whole project or nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from proccompile.write import atomic
from tests.helpers import run_split

CASES = Path(__file__).parent / "cases"
HAS_GIT = shutil.which("git") is not None
LONG = "n" * 300


def _place(kind: str, tmp: Path) -> Path:
    """A path a command is told to write to, which cannot be written for the reason ``kind``."""
    if kind == "under a file":
        (tmp / "a-file").write_text("x", encoding="utf-8")
        return tmp / "a-file" / "out"
    if kind == "under /proc":
        if not Path("/proc/self").is_dir():
            pytest.skip("no /proc here")
        return Path("/proc/proccompile-out")
    if kind == "name too long":
        return tmp / LONG / "out"
    if kind == "unwritable":
        if os.geteuid() != 0:
            locked = tmp / "locked"
            locked.mkdir()
            locked.chmod(0o500)
            return locked / "out"
        if not Path("/sys/kernel").is_dir():
            pytest.skip("root writes anywhere but in /sys, and there is no /sys here")
        return Path("/sys/kernel/proccompile-out")
    raise AssertionError(kind)


PROBLEMS = ["under a file", "under /proc", "name too long", "unwritable"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(CASES / "base", root)
    if HAS_GIT:
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
            subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=root,
                           check=True, capture_output=True, timeout=60)
    return root


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "init": lambda target: ["init", str(target), "--language", "en"],
    "schema": lambda target: ["schema", "-o", str(target)],
    "site": lambda target: ["site", "-o", str(target), "."],
    "build": lambda target: ["build", "--format", "concise", "-o", str(target), "."],
    "diff": lambda target: ["diff", "QP-01", ".", "--from", "HEAD", "-o", str(target / "changes.md")],
    "diff docx": lambda target: ["diff", "QP-01", ".", "--from", "HEAD", "--format", "docx", "-o",
                                 str(target / "redline.docx")],
    "checklist": lambda target: ["checklist", "-o", str(target / "checklist.xlsx"), "."],
    "register": lambda target: ["register", "--format", "csv", "-o", str(target / "registers.csv"), "."],
}


@pytest.mark.parametrize("problem", PROBLEMS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_place_that_cannot_be_written_is_a_usage_error(project: Path, tmp_path: Path, command: str,
                                                         problem: str) -> None:
    if command.startswith("diff") and not HAS_GIT:
        pytest.skip("git is not installed")
    target = _place(problem, tmp_path)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if ".git" not in p.parts)
    code, stdout, stderr = run_split(COMMANDS[command](target), project)
    assert code == 2, stdout + stderr
    assert stderr.startswith("proccompile: ") and "Traceback" not in stderr and "internal error" not in stderr
    assert len(stderr.strip().splitlines()) <= 2  # the message, and a help line at most
    after = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if ".git" not in p.parts)
    assert after == before  # nothing written, no folder made


def test_init_over_a_file_where_a_folder_goes_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "qms"
    target.mkdir()
    (target / ".vscode").write_text("{}", encoding="utf-8")  # a file where init puts a folder
    code, _, stderr = run_split(["init", str(target)], tmp_path)
    assert code == 2 and "`.vscode` is a file, not a folder" in stderr.replace(str(target) + "/", "")
    assert sorted(p.name for p in target.iterdir()) == [".vscode"]
    shutil.rmtree(target)
    code, _, _ = run_split(["init", str(target)], tmp_path)  # and a clean re-run makes the whole project
    assert code == 0 and (target / "proccompile.yaml").is_file()


def test_init_that_fails_halfway_takes_back_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    real = atomic.write_atomic

    def fail_on_the_fifth(path: Path, data: bytes) -> None:
        if len(written) == 4:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)
        written.append(path)

    monkeypatch.setattr(atomic, "write_atomic", fail_on_the_fifth)
    target = tmp_path / "qms"
    code, _, stderr = run_split(["init", str(target)], tmp_path)
    assert code == 2 and "No space left on device" in stderr and "nothing was written" in stderr
    assert len(written) == 4 and not target.exists()  # the files, and the folders made for them, are gone
    monkeypatch.undo()
    assert run_split(["init", str(target)], tmp_path)[0] == 0  # nothing half-made stands in the way


@pytest.mark.parametrize("kind", ["procedure", "form"])
def test_new_in_a_source_folder_that_is_a_file_is_a_usage_error(project: Path, kind: str) -> None:
    folder = project / ("procedures" if kind == "procedure" else "forms")
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")
    code, _, stderr = run_split(["new", kind, "QP-02" if kind == "procedure" else "QR-01-03", "."], project)
    assert code == 2 and "is a file, not a folder" in stderr and "Traceback" not in stderr
    assert folder.read_text(encoding="utf-8") == "not a folder"
