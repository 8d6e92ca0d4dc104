"""Every input of a build as one hash, read from disk without parsing: when it is unchanged, so is every output."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import proccompile
from proccompile.load.discover import discover
from proccompile.load.paths import exists, project_path, refusal
from proccompile.load.project import declared_folders


def build_input_files(root: Path, also: Iterable[Path], attached: Iterable[str]) -> list[Path]:
    """The files a build reads: config, ``also`` (e.g. the lock file), procedures, forms, templates, attachments.

    ``attached`` are attachment paths as documents write them; ones that could not be read were findings.
    """
    files = discover(root, declared_folders(root))
    listed = [files.config, *(p for p in also if exists(p)), *files.all_documents(), *template_files(root)]
    for written in sorted(set(attached)):
        path = project_path(root, written)
        if path is not None:
            listed.append(path)
    return listed


def template_files(root: Path) -> list[Path]:
    """Every file under ``templates/`` (wording overrides and the reference document), in a stable order."""
    templates = root / "templates"
    if not templates.is_dir():
        return []
    return sorted((p for p in templates.rglob("*") if exists(p) and not p.is_dir()), key=Path.as_posix)


def content_hashes(root: Path, files: Iterable[Path], known: Mapping[Path, str] | None = None) -> dict[Path, str]:
    """Each file's content hash, in order (``known`` gives hashes already taken, which are not read again).

    A file that may not be read (a link out of the project, a device) counts by the reason, unread.
    """
    known = known or {}
    return {path: known.get(path) or _content_hash(root, path) for path in files}


def inputs_digest(root: Path, salt: str, hashes: Mapping[Path, str]) -> str:
    """sha256 over ``salt`` and each file's project path and content hash (see ``content_hashes``)."""
    digest = hashlib.sha256(salt.encode())
    prefix = os.path.join(str(root), "")  # string slicing: pathlib's relative_to per file costs more than hashing
    for path, content in hashes.items():
        name = str(path)
        name = (name[len(prefix):] if name.startswith(prefix) else name).replace(os.sep, "/")
        digest.update(f"{name}\0{content}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _content_hash(root: Path, path: Path) -> str:
    refused = refusal(root, path)
    if refused is not None:
        return f"unread: {refused.reason}"
    try:
        with path.open("rb") as stream:  # in chunks: an attached drawing may be of any size
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError as exc:
        return f"unread: {exc.strerror}"


@cache
def _code_digest() -> str:
    # A development install changes its code without changing its version; rebuild when it did.
    digest = hashlib.sha256()
    package = Path(proccompile.__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def tool_fingerprint() -> str:
    """The tool version and a digest of its code and packaged templates: another tool build rebuilds all."""
    return f"{proccompile.__version__}+{_code_digest()}"
