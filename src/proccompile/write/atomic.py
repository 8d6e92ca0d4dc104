"""Atomic file replacement: a reader sees the old whole file or the new whole file, never a part."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from proccompile.diagnostics.usage import UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; never over anything but a regular file."""
    _refuse_special(path)
    tmp = _written_beside(path, data)
    try:
        # Asked again just before the rename: a folder, a link or a device (as root, /dev/null) put there
        # meanwhile must not be replaced by a regular file.
        _refuse_special(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def regular_or_absent(path: Path | str) -> bool:
    """Nothing is at ``path``, or a regular file that is not a link: the only things an output may replace."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return True  # nothing there (a file where a folder is needed is the writer's error, not a special file)
    except (OSError, ValueError):
        return False


def _refuse_special(path: Path) -> None:
    if not regular_or_absent(path):
        raise UsageError(f"`{path}` exists and is not a regular file (a folder, a link or a device); "
                         "refusing to write over it", help="Give the path of a new or ordinary file")


def write_all_or_none(files: Mapping[Path, bytes], write: Callable[[Path, bytes], None] | None = None) -> None:
    """Write every file with ``write`` (default: ``write_atomic``), or, when one fails, remove the files and
    folders written before it.

    For commands that create a set of new files (``init``, ``import``): a half-made project would be refused
    by the next run, so a failure leaves the folder as it was.
    """
    written: list[Path] = []
    created: list[Path] = []
    try:
        for path, data in files.items():
            missing = []
            parent = path.parent
            while not lexists(parent) and parent != parent.parent:
                missing.append(parent)
                parent = parent.parent
            created.extend(reversed(missing))  # before writing: a failed write may leave them made
            (write or write_atomic)(path, data)
            written.append(path)
    except BaseException:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                pass  # something else was put there meanwhile: keep it
        raise


def lexists(path: Path) -> bool:
    """Whether anything is at ``path``, a broken link included."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


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


def write_new(path: Path, data: bytes) -> None:
    """Write ``path`` whole, atomically, only if it does not exist yet; FileExistsError if it does.

    The bytes are written to a temporary file first and then linked to ``path``: a link never replaces
    a file, even one another program creates in between, so nothing is ever overwritten.
    """
    tmp = _written_beside(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        except OSError:  # a file system without hard links: create exclusively instead
            with open(path, "xb") as handle:
                handle.write(data)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _written_beside(path: Path, data: bytes) -> str:
    """A temporary file in ``path``'s folder holding ``data``, flushed to disk; removed again if writing fails."""
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
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp
