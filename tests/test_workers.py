"""Render workers end with the build that started them, even when it is killed with SIGKILL."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits for a parent to collect it


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def _big_project(tmp: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    project = tmp / "qms"
    corpus.make_corpus(project, 600)
    return project


def test_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    project = _big_project(tmp_path)
    build = subprocess.Popen([sys.executable, "-m", "proccompile", "build", "--jobs", "2", "--format", "concise",
                              "-o", str(tmp_path / "out"), "."], cwd=project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        # Planning takes a while on 600 documents; the workers start once it is done.
        assert _wait_for(lambda: len(_children(build.pid)) >= 2, 120), "the build never started its workers"
        workers = _children(build.pid)
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 5), \
            f"workers {[pid for pid in workers if _alive(pid)]} outlived the killed build"
    finally:
        build.kill()
        build.wait()
        for pid in workers:  # never leave one behind, whatever the assertion said
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_without_the_kernel_signal_still_sees_its_parent_go(tmp_path: Path) -> None:
    """The portable watch (macOS has no PR_SET_PDEATHSIG): a worker whose parent dies ends within a second or so."""
    pid_file = tmp_path / "worker.pid"
    parent = textwrap.dedent(f"""
        import os, sys, time
        from proccompile.render import workers
        child = os.fork()
        if child == 0:
            workers.sys.platform = "darwin"  # as on a system without prctl: only the watch thread is armed
            workers._die_with(os.getppid())
            open({str(pid_file)!r}, "w").write(str(os.getpid()))
            time.sleep(60)
            os._exit(0)
        time.sleep(60)
    """)
    process = subprocess.Popen([sys.executable, "-c", parent])
    worker = 0
    try:
        assert _wait_for(lambda: pid_file.exists() and pid_file.read_text().strip(), 30)
        worker = int(pid_file.read_text())
        assert _alive(worker)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _wait_for(lambda: not _alive(worker), 5), "the worker outlived its parent"
    finally:
        process.kill()
        process.wait()
        if worker and _alive(worker):
            os.kill(worker, signal.SIGKILL)
