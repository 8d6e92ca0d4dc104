"""Every command that writes goes through one output guard: no write path replaces a project input (the config,
the lock, a source, a template, an attached file) or a device file, and the atomic writer never renames over
anything that is not a regular file."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from proccompile.diagnostics.usage import UsageError
from proccompile.write.atomic import write_atomic
from tests.helpers import run_split

CASES = Path(__file__).parent / "cases"
HAS_GIT = shutil.which("git") is not None
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0

# Project inputs a write must never replace: config, lock, a procedure, a form, a template and an attached file
# that lies outside the conventional attachments/ folder (so only the corpus can tell it is an input).
INPUTS = ["proccompile.yaml", "proccompile.lock", "procedures/QP-01.yaml", "forms/QR-01-01.yaml",
          "templates/zh/labels.j2", "docs/rates.csv"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=root, check=True,
                   capture_output=True, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The base case with a lock, a project template, an attached file, and (where git is) one commit."""
    root = tmp_path / "qms"
    shutil.copytree(CASES / "base", root)
    procedure = root / "procedures" / "QP-01.yaml"
    text = procedure.read_text(encoding="utf-8").replace(
        "records:\n  - form: QR-01-01", "attachments:\n  - title: 费用标准\n    file: docs/rates.csv\n"
        "records:\n  - form: QR-01-01", 1)
    procedure.write_text(text, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "rates.csv").write_text("item,rate\nscrap,12\n", encoding="utf-8")
    (root / "templates" / "zh").mkdir(parents=True)
    (root / "templates" / "zh" / "labels.j2").write_text('{% set purpose = "目的" %}\n', encoding="utf-8")
    assert run_split(["lock", "."], root)[0] == 0
    if HAS_GIT:
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", "start")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.parts}


def _device(folder: Path) -> Path:
    """A device file to aim at: a /dev/null twin made with mknod as root, else a named pipe (also not a regular
    file). Never /dev/null itself as root: a regression would replace the machine's own."""
    path = folder / "null-device"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        os.mkfifo(path)
    return path


def _is_special(path: Path) -> bool:
    mode = os.lstat(path).st_mode
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _refused(code: int, stderr: str) -> None:
    assert code == 2, stderr
    assert stderr.startswith("proccompile: ") and "Traceback" not in stderr
    assert "refusing" in stderr or "is not a regular file" in stderr or "cannot write" in stderr, stderr


# Commands whose output is one file the user names (-o FILE), and what they print.
FILE_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "checklist xlsx": lambda target: ["checklist", "-o", target, "."],
    "checklist md": lambda target: ["checklist", "--format", "md", "-o", target, "."],
    "checklist coverage": lambda target: ["checklist", "--coverage", "--format", "csv", "-o", target, "."],
    "register xlsx": lambda target: ["register", "-o", target, "."],
    "register csv (five files)": lambda target: ["register", "--format", "csv", "-o", target, "."],
    "diff text": lambda target: ["diff", "QP-01", ".", "--from", "HEAD", "-o", target],
    "diff md": lambda target: ["diff", "QP-01", ".", "--from", "HEAD", "--format", "md", "-o", target],
    "diff docx": lambda target: ["diff", "QP-01", ".", "--from", "HEAD", "--format", "docx", "-o", target],
}


def _needs_git(name: str) -> None:
    if name.startswith("diff") and not HAS_GIT:
        pytest.skip("git is not installed")


@pytest.mark.parametrize("target", INPUTS)
@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_file_outputs_never_replace_a_project_input(project: Path, command: str, target: str) -> None:
    _needs_git(command)
    before = _snapshot(project)
    code, _, stderr = run_split(FILE_COMMANDS[command](target), project)
    _refused(code, stderr)
    assert _snapshot(project) == before


@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_file_outputs_never_replace_a_device_or_a_link(project: Path, command: str, tmp_path: Path) -> None:
    _needs_git(command)
    device = _device(tmp_path)
    link = tmp_path / "link-to-device"
    link.symlink_to(device)
    for target in (device, link):
        code, _, stderr = run_split(FILE_COMMANDS[command](str(target)), project)
        _refused(code, stderr)
        assert _is_special(device) and link.is_symlink()


@pytest.mark.skipif(ROOT_USER, reason="as root a regression would replace the machine's /dev/null; the twin above "
                                      "covers it")
@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_file_outputs_refuse_dev_null(project: Path, command: str) -> None:
    _needs_git(command)
    code, _, stderr = run_split(FILE_COMMANDS[command]("/dev/null"), project)
    _refused(code, stderr)
    assert "not a regular file" in stderr


def test_redline_default_target_is_guarded_too(project: Path, tmp_path: Path) -> None:
    if not HAS_GIT:
        pytest.skip("git is not installed")
    device = _device(tmp_path)
    (project / "build" / "redline").mkdir(parents=True)
    (project / "build" / "redline" / "QP-01_A-1_A-1.docx").symlink_to(device)
    code, _, stderr = run_split(["diff", "QP-01", ".", "--from", "HEAD", "--format", "docx"], project)
    _refused(code, stderr)
    assert _is_special(device)


# Commands whose output is a folder (-o DIR): a build deletes stale outputs in it, so it must hold no input.
FOLDER_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "build": lambda target: ["build", "--format", "concise", "-o", target, "."],
    "site": lambda target: ["site", "-o", target, "."],
    "schema": lambda target: ["schema", "-o", target],
}


@pytest.mark.parametrize("target", [".", "procedures", "forms", "templates", "templates/zh", "docs", "attachments"])
@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_folder_outputs_never_go_into_project_inputs(project: Path, command: str, target: str) -> None:
    if command == "schema" and target in (".", "docs"):
        return  # schemas beside the config or the attached file replace neither
    (project / "attachments").mkdir(exist_ok=True)
    before = _snapshot(project)
    code, _, stderr = run_split(FOLDER_COMMANDS[command](target), project)
    _refused(code, stderr)
    assert _snapshot(project) == before


@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_folder_outputs_refuse_a_device(project: Path, command: str, tmp_path: Path) -> None:
    device = _device(tmp_path)
    code, _, stderr = run_split(FOLDER_COMMANDS[command](str(device)), project)
    _refused(code, stderr)
    assert _is_special(device)


def test_schema_never_replaces_a_device_under_its_name(tmp_path: Path) -> None:
    device = _device(tmp_path)
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "procedure.schema.json").symlink_to(device)
    code, _, stderr = run_split(["schema", "-o", str(out)], tmp_path)
    _refused(code, stderr)
    assert _is_special(device) and not (out / "config.schema.json").exists()  # judged before the first write


def test_checklist_never_replaces_an_attached_file_in_attachments(tmp_path: Path) -> None:
    root = tmp_path / "en"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "en", root)
    attached = root / "attachments" / "scrap-cost-rates.csv"
    before = attached.read_bytes()
    code, _, stderr = run_split(["checklist", "--format", "csv", "-o", "attachments/scrap-cost-rates.csv", "."], root)
    _refused(code, stderr)
    assert attached.read_bytes() == before


def _word_procedure(path: Path) -> None:
    document = docx.Document()
    for text in ("顾客投诉处理程序", "1 目的", "规定投诉的处理。", "2 范围", "适用于全部投诉。"):
        document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    path.write_bytes(stream.getvalue())


@pytest.mark.parametrize("folder", ["forms", "templates", "docs", "attachments", "."])
def test_import_writes_drafts_only_into_a_folder_of_drafts(project: Path, folder: str, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.docx"
    _word_procedure(legacy)
    before = _snapshot(project)
    code, _, stderr = run_split(["import", str(legacy), "-o", folder], project)
    if folder in (".", "docs"):  # no input folder: a new draft there replaces nothing
        assert code == 0 and (project / folder / "legacy.yaml").is_file()
        return
    _refused(code, stderr)
    assert _snapshot(project) == before


def test_import_never_writes_over_a_device(project: Path, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.docx"
    _word_procedure(legacy)
    device = _device(tmp_path)
    (project / "procedures" / "legacy.yaml").symlink_to(device)
    code, _, stderr = run_split(["import", str(legacy)], project)
    assert code == 2 and "Traceback" not in stderr
    assert _is_special(device)
    code, _, stderr = run_split(["import", str(legacy), "-o", str(device)], project)
    _refused(code, stderr)
    assert _is_special(device)


def test_init_never_writes_over_a_device(tmp_path: Path) -> None:
    device = _device(tmp_path)
    target = tmp_path / "qms"
    target.mkdir()
    (target / ".gitignore").symlink_to(device)
    code, _, stderr = run_split(["init", str(target)], tmp_path)
    assert code == 2 and "already has .gitignore" in stderr
    assert _is_special(device) and sorted(p.name for p in target.iterdir()) == [".gitignore"]
    code, _, stderr = run_split(["init", str(device)], tmp_path)
    _refused(code, stderr)
    assert _is_special(device)


@pytest.mark.parametrize("kind", ["procedure", "form"])
def test_new_never_writes_over_a_device(project: Path, kind: str, tmp_path: Path) -> None:
    device = _device(tmp_path)
    code = "QP-02" if kind == "procedure" else "QR-01-03"
    folder = "procedures" if kind == "procedure" else "forms"
    (project / folder / f"{code}.yaml").symlink_to(device)
    exit_code, _, stderr = run_split(["new", kind, code, "."], project)
    assert exit_code == 2 and "Traceback" not in stderr
    assert _is_special(device)


def test_new_never_writes_through_a_source_folder_that_links_outside(tmp_path: Path) -> None:
    root = tmp_path / "qms"
    shutil.copytree(CASES / "base", root)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.rmtree(root / "forms")
    (root / "forms").symlink_to(outside)
    code, _, stderr = run_split(["new", "form", "QR-01-09", "."], root)
    assert code in (1, 2) and "Traceback" not in stderr
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("command", [["review", "QP-01", ".", "--by", "王建国", "--date", "2026-01-05"],
                                     ["retire", "QP-01", ".", "--reason", "合并", "--date", "2026-01-05"]])
def test_in_place_edits_never_write_over_a_device_or_outside(project: Path, command: list[str],
                                                            tmp_path: Path) -> None:
    source = project / "procedures" / "QP-01.yaml"
    outside = tmp_path / "outside.yaml"
    shutil.copy(source, outside)
    original = outside.read_bytes()
    device = _device(tmp_path)
    for target in (device, outside):
        source.unlink()
        source.symlink_to(target)
        code, _, stderr = run_split(command, project)
        assert code in (1, 2) and "Traceback" not in stderr
        assert source.is_symlink()
    assert _is_special(device) and outside.read_bytes() == original


def test_an_edit_through_a_link_inside_the_project_edits_the_file_it_points_at(project: Path) -> None:
    source = project / "procedures" / "QP-01.yaml"
    shared = project / "shared" / "QP-01.yaml"
    shared.parent.mkdir()
    source.rename(shared)
    source.symlink_to(Path("..") / "shared" / "QP-01.yaml")
    code, stdout, stderr = run_split(["review", "QP-01", ".", "--by", "王建国", "--date", "2026-01-05"], project)
    assert code == 0, stdout + stderr
    assert source.is_symlink() and "王建国" in shared.read_text(encoding="utf-8")


@pytest.mark.parametrize("make", ["folder", "link", "device"])
def test_the_atomic_writer_never_renames_over_anything_but_a_regular_file(tmp_path: Path, make: str) -> None:
    target = tmp_path / "out.docx"
    kept = tmp_path / "kept.txt"
    kept.write_text("keep", encoding="utf-8")
    if make == "folder":
        target.mkdir()
    elif make == "link":
        target.symlink_to(kept)
    else:
        target = _device(tmp_path)
    with pytest.raises(UsageError, match="not a regular file"):
        write_atomic(target, b"data")
    assert kept.read_text(encoding="utf-8") == "keep" and not target.is_file() or target.is_symlink()
    assert not list(tmp_path.glob(".*.tmp"))
