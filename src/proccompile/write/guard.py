"""The one output guard: outputs never replace project inputs or special files, every target is judged before
the first is written, and one build at a time writes into a folder."""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from proccompile.diagnostics.usage import UsageError
from proccompile.write.atomic import lexists, regular_or_absent

LOCK_NAME = ".proccompile-build.lock"
LOCK_WAIT_SECONDS = 120.0
_HELP = "Write outputs under build/ or another folder outside the project's sources, templates and attachments"


@dataclass(frozen=True)
class Protected:
    """What outputs must never replace: the project's own files and the folders its inputs live in."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]

    def holder(self, path: Path) -> Path | None:
        """The protected file ``path`` is, or the protected folder it lies in (links followed)."""
        resolved = path.resolve()
        for protected in (*self.files, *self.folders):
            target = protected.resolve()
            if resolved == target or (protected in self.folders and resolved.is_relative_to(target)):
                return protected
        return None

    def without(self, folder: Path) -> Protected:
        """The same inputs, except that new files may go into ``folder`` (import writes drafts into procedures/)."""
        return Protected(self.files, tuple(f for f in self.folders if f != folder))


NOTHING = Protected((), ())


def refuse_targets(targets: Iterable[Path], protected: Protected, *, new: bool = False) -> None:
    """Judge every file a command is about to write, before it writes the first; raise UsageError (exit 2) at the
    first that is a project input, is not a regular file, cannot be written, or (``new``) already exists.

    Every command that writes files calls this with all its targets; ``build`` and ``site`` judge their
    folder with ``refuse_folder_target``.
    """
    probed: dict[str, str | None] = {}
    for target in targets:
        _refuse_input(target, protected)
        problem = unwritable(target, probed)
        if problem is not None:
            raise UsageError(problem)
        refuse_file_target(target, protected)
        if new and lexists(target):
            raise UsageError(f"`{target}` already exists; refusing to overwrite it",
                             help="Move it away first, or choose another name")


def refuse_file_target(target: Path, protected: Protected) -> None:
    """Raise UsageError when writing the file ``target`` would replace or add a project input (a source, the
    config, the lock, a template, an attached file) or write over something that is not a regular file (a
    folder, a link, /dev/null, a pipe)."""
    _refuse_input(target, protected)
    if not regular_or_absent(target):
        raise UsageError(f"`{target}` exists and is not a regular file (a folder, a link or a device); "
                         "refusing to write over it", help="Give the path of a new or ordinary file")


def _refuse_input(target: Path, protected: Protected) -> None:
    holder = protected.holder(target)
    if holder is not None:
        raise UsageError(f"`{target}` is inside the project's own files (`{holder}`); refusing to write it",
                         help=_HELP)


def refuse_folder_target(folder: Path, protected: Protected, *, probe: bool = True) -> None:
    """Raise UsageError when the output ``folder`` is, holds or lies in a project input (a build writes and
    deletes files inside its folder, so it must never be the project root or a source folder), or (``probe``)
    when it cannot be a folder we write into."""
    resolved = folder.resolve()
    holder = protected.holder(folder) or next(
        (p for p in (*protected.files, *protected.folders) if p.resolve().is_relative_to(resolved)), None)
    if holder is not None:
        raise UsageError(f"the output folder `{folder}` overlaps the project's own files (`{holder}`); "
                         "refusing to build into it", help="Choose a folder of its own, such as build/ (the default)")
    if lexists(folder) and not folder.is_dir():
        raise UsageError(f"the output folder `{folder}` exists and is not a folder; refusing to write into it")
    problem = unwritable(folder, is_folder=True) if probe else None
    if problem is not None:
        raise UsageError(problem)


def unwritable(target: Path, probed: dict[str, str | None] | None = None, *, is_folder: bool = False) -> str | None:
    """Why a file (``is_folder``: a folder) cannot be created at ``target``, found without writing it: a file
    where a folder is needed, a name too long for the file system, or a folder that refuses new files (no
    permission, read-only, /proc).

    The nearest existing folder is asked by creating and removing an empty temporary file in it (``probed``
    remembers the answer per folder): neither permission bits nor mount flags tell that /proc refuses.
    """
    try:
        absolute = Path(os.path.abspath(target))
        encoded = os.fsencode(absolute)
    except (ValueError, UnicodeError):
        return f"`{target}` is not a usable file name"
    if b"\0" in encoded:
        return f"`{target}` is not a usable file name (it holds a NUL character)"
    to_create = [] if is_folder else [absolute.name]
    folder = absolute if is_folder else absolute.parent
    while not lexists(folder) and folder != folder.parent:
        to_create.append(folder.name)
        folder = folder.parent
    if not folder.is_dir():
        return f"`{folder}` is a file, not a folder; cannot write `{target}`"
    name_max = _pathconf(folder, "PC_NAME_MAX", 255)
    for name in to_create:
        size = len(os.fsencode(name))
        if size > name_max:
            shown = name if len(name) <= 40 else name[:40] + "…"
            return f"the name `{shown}` is {size} bytes; the file system allows {name_max}"
    if len(encoded) >= _pathconf(folder, "PC_PATH_MAX", 4096):
        return f"the path `{str(target)[:60]}…` is {len(encoded)} bytes, too long for the file system"
    key = str(folder)
    if probed is None or key not in probed:
        answer = _probe(folder)
        if probed is not None:
            probed[key] = answer
    else:
        answer = probed[key]
    return None if answer is None else f"cannot write in `{folder}`: {answer}"


def _probe(folder: Path) -> str | None:
    if not os.access(folder, os.W_OK | os.X_OK):
        return "permission denied"
    try:
        # Named as write_atomic names its temporary files: one left by a killed run is cleaned up like those.
        fd, name = tempfile.mkstemp(prefix=f".proccompile-probe.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as error:
        return error.strerror or type(error).__name__
    os.close(fd)
    os.unlink(name)
    return None


def _pathconf(folder: Path, name: str, default: int) -> int:
    try:
        return os.pathconf(folder, name)
    except (OSError, ValueError):
        return default


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
