"""Several files changed together or not at all: a release writes a document, the lock and a log as one edit.

Every new file is first written in full beside its target (and flushed to disk); only then is a
journal naming them written, the targets replaced one by one, files to delete removed, and the
journal removed. A full disk or any other failure while staging leaves every target as it was. A
run killed after the journal was written leaves the journal: the next change-control command
finishes the edit (`recover`), and `check` reports it until then.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from proccompile.write.atomic import remove_leftovers

JOURNAL_NAME = ".proccompile-edit.journal"


@dataclass(frozen=True)
class Recovered:
    """What an interrupted edit left to do, done now: files put in place and files deleted."""

    written: tuple[Path, ...]
    deleted: tuple[Path, ...]


def commit(root: Path, edits: Mapping[Path, bytes | None]) -> None:
    """Replace each path with its bytes (None: delete it), all or none; the journal lives in ``root``."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in edits.items():
            if data is not None:
                staged.append((path, _stage(path, data)))
        journal = {"pid": os.getpid(),
                   "replace": [[_named(root, target), _named(root, temp)] for target, temp in staged],
                   "delete": [_named(root, path) for path, data in edits.items() if data is None]}
        _write_journal(root / JOURNAL_NAME, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
    except BaseException:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
        raise
    _finish(root, journal)


def pending(root: Path) -> Path | None:
    """The journal of an edit that was interrupted, if there is one."""
    path = root / JOURNAL_NAME
    return path if path.is_file() else None


def recover(root: Path) -> Recovered | None:
    """Finish an interrupted edit (every staged file was complete before its journal was written); clear the
    temporary files a killed run left before it got that far. Call it holding the project's lock."""
    path = pending(root)
    recovered = None
    if path is not None:
        try:
            journal = json.loads(path.read_bytes())
        except (OSError, ValueError):
            journal = {}  # written whole by rename, so unreadable means not ours: nothing was staged
        written = tuple(root / target for target, temp in journal.get("replace", []) if (root / temp).exists())
        deleted = tuple(root / p for p in journal.get("delete", []) if (root / p).exists())
        _finish(root, journal)
        recovered = Recovered(written, deleted)
    # Only now: the staged files of the journal are a killed run's temporary files too.
    for folder in {root, *(p.parent for p in root.glob("*/*.yaml")), *(p.parent for p in root.glob("*/*/*.yaml"))}:
        remove_leftovers(folder)
    return recovered


def _finish(root: Path, journal: dict[str, object]) -> None:
    replace = journal.get("replace", [])
    delete = journal.get("delete", [])
    assert isinstance(replace, list) and isinstance(delete, list)
    for target, temp in replace:
        if (root / temp).exists():
            os.replace(root / temp, root / target)
    for path in delete:
        (root / path).unlink(missing_ok=True)
    (root / JOURNAL_NAME).unlink(missing_ok=True)


def _named(root: Path, path: Path) -> str:
    """``path`` as the journal names it: relative to the project when inside it, so the project may move."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def _stage(path: Path, data: bytes) -> Path:
    """``data`` written and flushed to a temporary file beside ``path`` (named as write_atomic names them)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _write_journal(path: Path, data: bytes) -> None:
    temp = _stage(path, data)
    os.replace(temp, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the journal must be on disk before any target is replaced
    finally:
        os.close(directory)
