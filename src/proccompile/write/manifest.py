"""The build manifest (manifest.json): what was built from which source, with hashes, in a stable order."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, Protocol

from proccompile import __version__

MANIFEST = "manifest.json"
FORMAT = 1


class Output(Protocol):
    """What the manifest needs of a rendered file; read-only, so frozen dataclasses satisfy it."""

    @property
    def relpath(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def kind(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def source_sha256(self) -> str: ...


def manifest_bytes(files: Iterable[Output]) -> bytes:
    """Deterministic JSON: entries sorted by path, keys sorted, no timestamps, so equal builds compare equal."""
    entries = [
        {"path": f.relpath, "sha256": hashlib.sha256(f.data).hexdigest(), "kind": f.kind, "code": f.code,
         "version": f.version, "title": f.title, "source": f.source, "source_sha256": f.source_sha256}
        for f in sorted(files, key=lambda f: f.relpath)
    ]
    document = {"format": FORMAT, "tool": "proccompile", "tool_version": __version__, "files": entries}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def previous_outputs(data: bytes) -> dict[str, str]:
    """Path → sha256 of the outputs a previous manifest lists; empty when it cannot be read."""
    try:
        document: Any = json.loads(data.decode("utf-8"))
        return {str(e["path"]): str(e["sha256"]) for e in document["files"]}
    except (ValueError, KeyError, TypeError):
        return {}
