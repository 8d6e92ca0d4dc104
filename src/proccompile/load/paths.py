"""The one guard for every file the tool reads: it must resolve inside the project folder and be a regular file."""

from __future__ import annotations

import enum
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class Refusal(enum.Enum):
    MISSING = "does not exist"
    OUTSIDE = "links outside the project folder"
    DIRECTORY = "is a folder, not a file"
    NOT_REGULAR = "is not a regular file (a device, pipe or socket)"
    LINK_LOOP = "is a symbolic link loop"
    UNREADABLE = "cannot be read"


@dataclass(frozen=True, slots=True)
class Refused:
    kind: Refusal
    detail: str = ""  # the operating system's reason, for UNREADABLE

    @property
    def reason(self) -> str:
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value


def refusal(root: Path, path: Path, resolved: dict[str, str] | None = None) -> Refused | None:
    """Why ``path`` may not be read as a project file, or None when it may.

    Links are followed: the final target must lie inside ``root`` and be a regular file, so a link
    to /etc/passwd, /proc/self/environ or /dev/zero, a named pipe that would block a read, and a
    folder linked in from elsewhere are all refused before anything is opened. ``resolved`` keeps the
    resolved folders of one pass over many files (folders only: each file itself is examined anew).
    """
    # os.path rather than pathlib: this runs for every file of every build, and pathlib's parsing of
    # the same strings costs more than the system calls.
    memo = resolved if resolved is not None else {}
    try:
        base = _resolved(str(root), memo)
        name = str(path)
        own = os.lstat(name)
        if stat.S_ISLNK(own.st_mode):
            target = os.path.realpath(name, strict=True)
            mode = os.stat(target).st_mode
        else:  # not a link: only its folder can lead elsewhere
            folder, leaf = os.path.split(os.path.abspath(name))
            target, mode = os.path.join(_resolved(folder, memo), leaf), own.st_mode
    except FileNotFoundError:
        return Refused(Refusal.MISSING)
    except RuntimeError:  # a link loop, on Pythons whose realpath reports it this way
        return Refused(Refusal.LINK_LOOP)
    except OSError as exc:
        return Refused(Refusal.LINK_LOOP if exc.errno == errno.ELOOP else Refusal.UNREADABLE, exc.strerror or "")
    if target != base and not target.startswith(base.rstrip(os.sep) + os.sep):
        return Refused(Refusal.OUTSIDE)
    if stat.S_ISDIR(mode):
        return Refused(Refusal.DIRECTORY)
    if not stat.S_ISREG(mode):
        return Refused(Refusal.NOT_REGULAR)
    return None


def _resolved(folder: str, memo: dict[str, str]) -> str:
    found = memo.get(folder)
    if found is None:
        found = memo[folder] = os.path.realpath(folder)
    return found


def exists(path: Path) -> bool:
    """Whether anything is at ``path``, a broken or looping link included (``Path.exists`` says no to those)."""
    try:
        path.lstat()
    except OSError:
        return False
    return True


def project_path(root: Path, relative: str) -> Path | None:
    """``root / relative`` for a path written in a document, or None when it is absolute, climbs out with
    ``..`` or names a drive; whether the file itself may be read is ``refusal``'s question."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        return None
    return root / pure


def inside_project(root: Path, relative: str) -> Path | None:
    """The resolved path of a regular file named in a document, when it may be read (see ``refusal``), else None."""
    path = project_path(root, relative)
    if path is None or refusal(root, path) is not None:
        return None
    return path.resolve()
