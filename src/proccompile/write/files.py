"""Write a build: every output atomically, stale outputs of the previous build removed, then the manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from proccompile.write.atomic import remove_leftovers, write_atomic
from proccompile.write.guard import build_lock
from proccompile.write.manifest import MANIFEST, Output, manifest_bytes, previous_outputs


def write_build(out_dir: Path, files: Sequence[Output]) -> list[Path]:
    """Write ``files`` under ``out_dir`` and ``manifest.json`` last, holding the folder's build lock so two
    builds into one folder take turns; returns the output paths written or kept."""
    with build_lock(out_dir):
        return _write_locked(out_dir, files)


def _write_locked(out_dir: Path, files: Sequence[Output]) -> list[Path]:
    """See ``write_build``.

    Each file goes to a temporary file in its own folder and is renamed over the target, so a reader
    (or an interrupted build) never sees half a document. A file whose bytes are unchanged is not
    rewritten, keeping its modification time. Outputs listed by the previous manifest that this build
    no longer produces are deleted, but only when they are still exactly what was written then.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    old = previous_outputs(manifest_path.read_bytes()) if _regular(manifest_path) else {}
    remove_leftovers(out_dir)
    for folder in ("procedures", "forms"):
        (out_dir / folder).mkdir(exist_ok=True)
        remove_leftovers(out_dir / folder)
    written: list[Path] = []
    for f in sorted(files, key=lambda f: f.relpath):
        path = out_dir / _safe_relpath(f.relpath)
        if not (_regular(path) and path.read_bytes() == f.data):
            write_atomic(path, f.data)
        written.append(path)
    current = {f.relpath for f in files}
    for relpath, sha in sorted(old.items()):
        if relpath in current:
            continue
        try:
            stale = out_dir / _safe_relpath(relpath)
        except ValueError:
            continue  # a hand-edited manifest must not make us delete outside the build folder
        if _regular(stale) and hashlib.sha256(stale.read_bytes()).hexdigest() == sha:
            stale.unlink()
    write_atomic(manifest_path, manifest_bytes(files))
    return written


def _regular(path: Path) -> bool:
    """A regular file that is not a link: only such an output is read back (a link could point at a device)."""
    return path.is_file() and not path.is_symlink()


def _safe_relpath(relpath: str) -> Path:
    parts = PurePosixPath(relpath).parts
    if not parts or PurePosixPath(relpath).is_absolute() or any(p in ("..", "") for p in parts):
        raise ValueError(f"output path escapes the build folder: {relpath}")
    return Path(*parts)
