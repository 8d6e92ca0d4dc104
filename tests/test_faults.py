"""Faults while writing: a killed build leaves whole files, a full disk or a refused write ends with exit 2."""

from __future__ import annotations

import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from proccompile.write import atomic
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent
KILLS = int(os.environ.get("PROCCOMPILE_KILLS", "12"))


def _project(tmp: Path) -> Path:
    project = tmp / "qms"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "build", "tests", "docs", "src"))
    return project


def _build(project: Path, out: Path, **popen: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "proccompile", "build", "--format", "concise", "-o", str(out), "."],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def _hashes(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.rglob("*") if p.is_file()}


def test_killed_builds_leave_old_or_new_whole_files(tmp_path: Path) -> None:
    project = _project(tmp_path)
    old_out, new_out = tmp_path / "old", tmp_path / "new"
    assert _build(project, old_out).wait() == 0
    # A new company name changes every document's header, so every output has an old and a new form.
    _rename_company(project)
    started = time.perf_counter()
    assert _build(project, new_out).wait() == 0
    full = time.perf_counter() - started
    old, new = _hashes(old_out), _hashes(new_out)
    assert old.keys() == new.keys() and all(old[k] != new[k] for k in old if k.endswith(".docx"))
    rng = random.Random(20261123)
    for _ in range(KILLS):
        out = tmp_path / "victim"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old_out, out)
        process = _build(project, out)
        time.sleep(rng.uniform(0.3, 1.0) * full)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in out.rglob("*"):
            if path.is_dir() or path.name.endswith(".tmp"):
                continue
            rel = path.relative_to(out).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert digest in (old[rel], new[rel]), rel
            if path.suffix == ".docx":
                with zipfile.ZipFile(path) as package:
                    assert package.testzip() is None
                docx.Document(str(path))
        assert set(_hashes(out)) - {p for p in _hashes(out) if p.endswith(".tmp")} == set(old)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def _rename_company(project: Path) -> None:
    config = project / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("XX机电股份有限公司", "XX机电集团有限公司"),
                      encoding="utf-8")


def test_a_full_disk_ends_with_exit_2_and_keeps_earlier_outputs(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out, new_out = tmp_path / "out", tmp_path / "new"
    assert _build(project, out).wait() == 0
    before = _hashes(out)
    _rename_company(project)
    assert _build(project, new_out).wait() == 0
    new = _hashes(new_out)
    process = _build(project, out, preexec_fn=_limit_file_size)
    _, stderr = process.communicate()
    assert process.returncode == 2
    assert stderr.decode().startswith("proccompile: cannot write output: File too large")
    after = _hashes(out)
    assert after.keys() == before.keys()  # no temporary file left behind
    assert all(after[rel] in (before[rel], new[rel]) for rel in after)
    assert any(after[rel] == before[rel] != new[rel] for rel in after)  # the failure stopped the build


def test_a_refused_write_ends_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(kwargs.get("dir")))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    code, _ = run_cli(["build", "-o", str(tmp_path / "out"), "."], ROOT / "tests" / "cases" / "base")
    assert code == 2


def test_no_space_left_on_a_real_small_file_system(tmp_path: Path) -> None:
    """ENOSPC from a real 256 KiB tmpfs; skipped where mounting is not permitted (RLIMIT test above covers CI)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        process = _build(_project(tmp_path), mount_point / "out")
        _, stderr = process.communicate()
        assert process.returncode == 2
        assert stderr.decode().startswith("proccompile: cannot write output: No space left on device")
        for path in (mount_point / "out").rglob("*.docx"):
            with zipfile.ZipFile(path) as package:
                assert package.testzip() is None
        assert not list((mount_point / "out").rglob(".*.tmp"))
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
