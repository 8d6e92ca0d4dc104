"""The build manifest (manifest.json): what was built from which inputs, with hashes, in a stable order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple, Protocol

from proccompile import __version__

MANIFEST = "manifest.json"
# 2: each file records ``inputs``, the hash of everything its bytes depend on (incremental builds).
FORMAT = 2


class Entry(Protocol):
    """What the manifest records of an output; read-only, so frozen dataclasses satisfy it."""

    @property
    def relpath(self) -> str: ...
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
    @property
    def inputs(self) -> str: ...


class Output(Entry, Protocol):
    """An output together with its bytes."""

    @property
    def data(self) -> bytes: ...


class Previous(NamedTuple):
    """What a previous build recorded of one output."""

    sha256: str
    inputs: str


def manifest_bytes(entries: Iterable[tuple[Entry, str]], inputs: str = "") -> bytes:
    """Deterministic JSON of (entry, output sha256) pairs: sorted by path, keys sorted, no timestamps.

    ``inputs`` is the hash of every input of the whole build.
    """
    files = [
        {"path": e.relpath, "sha256": sha, "kind": e.kind, "code": e.code, "version": e.version, "title": e.title,
         "source": e.source, "source_sha256": e.source_sha256, "inputs": e.inputs}
        for e, sha in sorted(entries, key=lambda pair: pair[0].relpath)
    ]
    document = {"format": FORMAT, "tool": "proccompile", "tool_version": __version__, "inputs": inputs,
                "files": files}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def previous_inputs(data: bytes) -> str:
    """The whole-build inputs hash a previous manifest recorded; empty when there is none."""
    try:
        document: Any = json.loads(data.decode("utf-8"))
        return str(document.get("inputs", ""))
    except (ValueError, AttributeError):
        return ""


def previous_outputs(data: bytes) -> dict[str, Previous]:
    """Path → what a previous manifest recorded; empty when it cannot be read.

    Manifests of format 1 recorded no inputs (an empty ``inputs`` never matches), so they rebuild everything.
    """
    try:
        document: Any = json.loads(data.decode("utf-8"))
        return {str(e["path"]): Previous(str(e["sha256"]), str(e.get("inputs", ""))) for e in document["files"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
