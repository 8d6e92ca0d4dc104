"""Outputs never replace project inputs or special files, and one build at a time writes into a folder."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from proccompile.diagnostics.usage import UsageError

LOCK_NAME = ".proccompile-build.lock"
LOCK_WAIT_SECONDS = 120.0


@dataclass(frozen=True)
class Protected:
    """What outputs must never replace: the project's own files and the folders its sources live in."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]

    def holder(self, path: Path) -> Path | None:
        """The protected file ``path`` is, or the protected folder it lies in."""
        resolved = path.resolve()
        for protected in (*self.files, *self.folders):
            target = protected.resolve()
            if resolved == target or (protected in self.folders and resolved.is_relative_to(target)):
                return protected
        return None


def refuse_file_target(target: Path, protected: Protected) -> None:
    """Raise UsageError when writing the file ``target`` would replace or add a project input (a source, the
    config, a template) or write over something that is not a regular file (a folder, /dev/full, a pipe)."""
    holder = protected.holder(target)
    if holder is not None:
        raise UsageError(f"`{target}` is inside the project's own files (`{holder}`); refusing to write it",
                         help="Write outputs under build/ or another folder outside procedures/, forms/ and templates/")
    if target.exists() and not target.is_file():
        raise UsageError(f"`{target}` exists and is not a regular file; refusing to write over it")


def refuse_folder_target(folder: Path, protected: Protected) -> None:
    """Raise UsageError when the output ``folder`` is, holds or lies in a project input: a build writes and
    deletes files inside its folder, so it must never be the project root or a source folder."""
    resolved = folder.resolve()
    holder = protected.holder(folder) or next(
        (p for p in (*protected.files, *protected.folders) if p.resolve().is_relative_to(resolved)), None)
    if holder is not None:
        raise UsageError(f"the output folder `{folder}` overlaps the project's own files (`{holder}`); "
                         "refusing to build into it", help="Choose a folder of its own, such as build/ (the default)")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"the output folder `{folder}` exists and is not a folder")


@contextmanager
def build_lock(folder: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while writing; a second build waits for the first, then
    refuses after ``wait`` seconds. The lock file stays (removing it would race with a waiting build)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(f"another proccompile run has been writing into `{folder}` for over "
                                     f"{wait:.0f} s; try again when it has finished") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock
