"""Atomic file replacement: a reader sees the old whole file or the new whole file, never a part."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid in the name lets a later run tell a dead writer's leftovers from a live one's.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600 files; outputs are shared documents, so give them the usual mode.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files that a killed writer of ours left in ``folder`` (the targets themselves are whole).

    Only files named the way ``write_atomic`` names them, by a process that no longer runs: another
    build writing into the same folder, or another program's own temporary files, are left alone.
    """
    if not folder.is_dir():
        return
    for leftover in folder.glob(".*.tmp"):
        match = _LEFTOVER.match(leftover.name)
        if match and not _alive(int(match.group(1))) and leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # someone else's process, or a number no process can have
    return True
