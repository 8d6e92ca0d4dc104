"""The build manifest (manifest.json): what was built from which inputs, with hashes, in a stable order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Protocol

from proccompile import __version__

MANIFEST = "manifest.json"
# 2: each file records ``inputs``, the hash of everything its bytes depend on (incremental builds).
# 3: ``attached`` (attachment files read) and ``check`` (the files checked and the findings), so a
#    rebuild whose inputs hash is unchanged can skip the check and still report what it found; each
#    file's ``depends`` and ``reads``, so a rebuild knows which views it need not compute again.
FORMAT = 3


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
    @property
    def depends(self) -> str: ...
    @property
    def reads(self) -> tuple[str, ...]: ...


class Output(Entry, Protocol):
    """An output together with its bytes."""

    @property
    def data(self) -> bytes: ...


class Previous(NamedTuple):
    """What a previous build recorded of one output (see PlannedFile for ``depends`` and ``reads``)."""

    sha256: str
    inputs: str
    source: str = ""
    depends: str = ""
    reads: tuple[str, ...] = ()


class Checked(NamedTuple):
    """What the check before a build saw: the files checked and its findings, as plain JSON values."""

    files: Sequence[str] = ()
    findings: Sequence[Any] = ()


class BuildRecord(NamedTuple):
    """The whole-build part of a manifest: the inputs hash, the attachment files read, and the check."""

    inputs: str = ""
    attached: Sequence[str] = ()
    checked: Checked | None = None


NO_RECORD = BuildRecord()


def manifest_bytes(entries: Iterable[tuple[Entry, str]], record: BuildRecord = NO_RECORD) -> bytes:
    """Deterministic JSON of (entry, output sha256) pairs: sorted by path, keys sorted, no timestamps.

    ``record`` holds what the build as a whole read and found.
    """
    files = [
        {"path": e.relpath, "sha256": sha, "kind": e.kind, "code": e.code, "version": e.version, "title": e.title,
         "source": e.source, "source_sha256": e.source_sha256, "inputs": e.inputs, "depends": e.depends,
         "reads": list(e.reads)}
        for e, sha in sorted(entries, key=lambda pair: pair[0].relpath)
    ]
    document: dict[str, Any] = {"format": FORMAT, "tool": "proccompile", "tool_version": __version__,
                                "inputs": record.inputs, "attached": sorted(record.attached), "files": files}
    if record.checked is not None:
        document["check"] = {"files": list(record.checked.files), "findings": list(record.checked.findings)}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def previous_record(data: bytes) -> BuildRecord:
    """The whole-build part a previous manifest recorded; empty parts when it has none or cannot be read."""
    try:
        document: Any = json.loads(data.decode("utf-8"))
        attached = document.get("attached", [])
        check = document.get("check")
        checked = None
        if isinstance(check, dict) and isinstance(check.get("files"), list) and isinstance(check.get("findings"), list):
            checked = Checked([str(path) for path in check["files"]], check["findings"])
        return BuildRecord(str(document.get("inputs", "")),
                           [str(path) for path in attached] if isinstance(attached, list) else [], checked)
    except (ValueError, AttributeError):
        return BuildRecord()


def previous_outputs(data: bytes) -> dict[str, Previous]:
    """Path → what a previous manifest recorded; empty when it cannot be read.

    Manifests of format 1 recorded no inputs (an empty ``inputs`` never matches), so they rebuild everything.
    """
    try:
        document: Any = json.loads(data.decode("utf-8"))
        return {str(e["path"]): Previous(str(e["sha256"]), str(e.get("inputs", "")), str(e.get("source", "")),
                                         str(e.get("depends", "")), tuple(str(r) for r in e.get("reads", [])))
                for e in document["files"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
