"""Load every source file of a project under its project-relative name, refusing names that cannot be shown."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from proccompile.diagnostics import Diagnostics, Span
from proccompile.load.discover import CONFIG_NAME, DEFAULT_FOLDERS
from proccompile.load.paths import exists
from proccompile.load.source import SourceFile
from proccompile.load.yaml import MAX_BYTES, load_yaml


def display_name(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` as POSIX text, or None when the name holds bytes that are not UTF-8.

    Why: the OS hands such names to Python with lone surrogates, which cannot be printed to a UTF-8
    terminal nor written into the UTF-8 manifest.
    """
    prefix = os.path.join(str(root), "")
    name = str(path)
    # String slicing: pathlib's relative_to per file costs more than reading the file.
    rel = name[len(prefix):].replace(os.sep, "/") if name.startswith(prefix) else path.relative_to(root).as_posix()
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return rel


def load_sources(root: Path, paths: tuple[Path, ...], bag: Diagnostics, *, max_bytes: int = MAX_BYTES,
                 overlay: Mapping[Path, bytes] | None = None,
                 known: Callable[[str, str], bool | None] | None = None) -> list[SourceFile]:
    """Each file parsed with positions; a file with an undisplayable name is reported (PC110) and skipped.

    ``overlay`` gives files' would-be bytes, so an edit is checked before it is written; ``known``: see
    ``load_yaml``.
    """
    return list(iter_sources(root, paths, bag, max_bytes=max_bytes, overlay=overlay, known=known))


def iter_sources(root: Path, paths: tuple[Path, ...], bag: Diagnostics, *, max_bytes: int = MAX_BYTES,
                 overlay: Mapping[Path, bytes] | None = None,
                 known: Callable[[str, str], bool | None] | None = None) -> Iterator[SourceFile]:
    """``load_sources`` one file at a time, so a caller can model each before the next is read."""
    resolved: dict[str, str] = {}
    for path in paths:
        rel = display_name(path, root)
        if rel is None:
            shown = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            bag.add("PC110", f"The file name `{shown}` is not valid UTF-8; the file was not read", Span(shown))
            continue
        raw = overlay.get(path) if overlay else None
        yield load_yaml(path, rel, bag, max_bytes=max_bytes, root=root, raw=raw, known=known, resolved=resolved)


def declared_folders(root: Path) -> dict[str, str]:
    """Type id → folder of every document type the project's config declares, read without the model stage
    (what an up-to-date build and the output guard need): the built-in folders, then each `document_types`
    entry's `folder`, else its id and an s. A config that cannot be read declares only the built-in ones."""
    folders = dict(DEFAULT_FOLDERS)
    path = root / CONFIG_NAME
    if not exists(path):
        return folders
    data = load_yaml(path, CONFIG_NAME, Diagnostics(), root=root).data
    entries = data.get("document_types") if isinstance(data, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        type_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(entry, dict) and isinstance(type_id, str):
            folder = entry.get("folder")
            folders[type_id] = folder if isinstance(folder, str) and folder else f"{type_id}s"
    return folders
