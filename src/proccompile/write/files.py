"""Write a build: every output atomically as it arrives, stale outputs removed, then the manifest."""

from __future__ import annotations

import hashlib
import os
import stat
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from proccompile.diagnostics.usage import UsageError
from proccompile.write.atomic import remove_leftovers, write_atomic
from proccompile.write.guard import build_lock
from proccompile.write.manifest import (
    MANIFEST,
    NO_RECORD,
    BuildRecord,
    Entry,
    Output,
    Previous,
    manifest_bytes,
    previous_outputs,
    previous_record,
)

_WRITERS = 4
_IN_FLIGHT = 32


class PreviousBuild(NamedTuple):
    """What the last build into a folder recorded: its whole-build record and its outputs still intact."""

    record: BuildRecord
    outputs: dict[str, Previous]
    complete: bool
    """Every output the manifest lists is on disk exactly as it was written."""


def read_previous(out_dir: Path) -> PreviousBuild:
    """What the last build into ``out_dir`` recorded, keeping only outputs still on disk exactly as written."""
    manifest_path = out_dir / MANIFEST
    if not _regular(manifest_path):
        return PreviousBuild(BuildRecord(), {}, complete=False)
    data = manifest_path.read_bytes()
    listed = previous_outputs(data)
    intact = {}
    folder = str(out_dir)
    for relpath, previous in listed.items():
        try:
            # Strings, not Path objects: a rebuild with nothing to do spends most of its time here.
            path = os.path.join(folder, *_safe_parts(relpath))
            if _regular(path) and _sha256_of(path) == previous.sha256:
                intact[relpath] = previous
        except (ValueError, OSError):
            continue  # gone, unreadable, edited, or a hand-edited path: build it again
    return PreviousBuild(previous_record(data), intact, complete=bool(listed) and len(intact) == len(listed))


def write_build(out_dir: Path, files: Iterable[Output], kept: Sequence[tuple[Entry, str]] = (),
                record: BuildRecord = NO_RECORD) -> list[Path]:
    """Write ``files`` under ``out_dir`` as they arrive and ``manifest.json`` last; returns every output path.

    ``kept`` are (entry, sha256) of outputs a previous build wrote and this one leaves as they are;
    ``record`` (the whole-build inputs hash, attachments read, the check) goes into the manifest.
    Each file goes to a temporary file in its own folder and is renamed over the target, so a reader
    (or an interrupted build) never sees half a document; only hashes are held, never all the bytes.
    A file whose bytes are unchanged is not rewritten, keeping its modification time. Outputs listed
    by the previous manifest that this build no longer produces are deleted, but only when they are
    still exactly what was written then. The folder's build lock is held throughout, so two builds
    into one folder take turns.
    """
    with build_lock(out_dir):
        return _write_locked(out_dir, files, kept, record)


def _write_locked(out_dir: Path, files: Iterable[Output], kept: Sequence[tuple[Entry, str]],
                  record: BuildRecord) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    old = previous_outputs(manifest_path.read_bytes()) if _regular(manifest_path) else {}
    folders = _Folders(out_dir)
    # Judged before the first write: a folder of the build that is a link (say procedures/ → the sources)
    # would make outputs land, and stale outputs be deleted, outside the build folder.
    for relfolder in {*_FOLDERS, *(entry.relpath.rpartition("/")[0] for entry, _ in kept),
                      *(relpath.rpartition("/")[0] for relpath in old)}:
        if _is_safe(relfolder):  # a hand-edited path is never followed (below), so it need not stop the build
            folders.refuse_link(relfolder)
    remove_leftovers(out_dir)
    for folder in _FOLDERS[:2]:
        (out_dir / folder).mkdir(exist_ok=True)
        remove_leftovers(out_dir / folder)
    entries: list[tuple[Entry, str]] = list(kept)
    # Each write waits for its fsync (a few ms); a few writer threads overlap those waits, and at most
    # _IN_FLIGHT outputs are held in memory at once.
    arriving = iter(files)
    # The first output is awaited before any writer thread starts: a renderer that forks its worker
    # processes then does so from a single-threaded process.
    first = next(arriving, None)
    with ThreadPoolExecutor(_WRITERS, thread_name_prefix="proccompile-write") as pool:
        pending: deque[Future[None]] = deque()
        for f in chain([first] if first is not None else [], arriving):
            folders.refuse_link(f.relpath.rpartition("/")[0])
            pending.append(pool.submit(_write_if_changed, out_dir / _safe_relpath(f.relpath), f.data))
            entries.append((f, hashlib.sha256(f.data).hexdigest()))
            while len(pending) >= _IN_FLIGHT or (pending and pending[0].done()):
                pending.popleft().result()  # re-raises the first write error (a full disk, a refused write)
        for future in pending:
            future.result()
    current = {entry.relpath for entry, _ in entries}
    for relpath, previous in sorted(old.items()):
        if relpath in current:
            continue
        try:
            stale = out_dir / _safe_relpath(relpath)
        except ValueError:
            continue  # a hand-edited manifest must not make us delete outside the build folder
        # Only what this tool wrote, still as written, in a folder that really lies in the build folder.
        if folders.real(relpath.rpartition("/")[0]) and _regular(stale) and _sha256_of(str(stale)) == previous.sha256:
            stale.unlink()
    write_atomic(manifest_path, manifest_bytes(entries, record))
    return [out_dir / _safe_relpath(relpath) for relpath in sorted(current)]


_FOLDERS = ("procedures", "forms", "attachments", "pdf")


class _Folders:
    """Which folders under the build folder are its own: no link anywhere between them and the build folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.base = os.path.realpath(out_dir)
        self._known: dict[str, bool] = {"": True}

    def real(self, relfolder: str) -> bool:
        if relfolder not in self._known:
            try:
                parts = _safe_parts(relfolder)
            except ValueError:
                self._known[relfolder] = False
                return False
            # realpath of a folder that does not exist yet is the path itself: it will be made, not followed.
            self._known[relfolder] = os.path.realpath(os.path.join(self.out_dir, *parts)) == os.path.join(
                self.base, *parts)
        return self._known[relfolder]

    def refuse_link(self, relfolder: str) -> None:
        if not self.real(relfolder):
            raise UsageError(f"`{self.out_dir / relfolder}` is a link or lies behind one; refusing to write or "
                             "delete through it", help="Remove the link: the build folder holds its own folders")


def _write_if_changed(path: Path, data: bytes) -> None:
    if not (_regular(path) and path.read_bytes() == data):
        write_atomic(path, data)


def _regular(path: Path | str) -> bool:
    """A regular file that is not a link: only such an output is read back (a link could point at a device)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)  # one system call; a link is never S_ISREG under lstat
    except (OSError, ValueError):
        return False


def _safe_relpath(relpath: str) -> Path:
    return Path(*_safe_parts(relpath))


def _safe_parts(relpath: str) -> list[str]:
    parts = relpath.split("/")
    if relpath.startswith("/") or any(p in ("..", "", ".") or "\0" in p for p in parts):
        raise ValueError(f"output path escapes the build folder: {relpath}")
    return parts


def _is_safe(relpath: str) -> bool:
    try:
        _safe_parts(relpath)
    except ValueError:
        return False
    return True


def _sha256_of(path: str) -> str:
    with open(path, "rb") as stream:  # in chunks: a file put in the build folder may be of any size
        return hashlib.file_digest(stream, "sha256").hexdigest()
