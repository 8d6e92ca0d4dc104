"""The check's per-file results, kept by content hash so a check after an edit models only the edited files.

For each document (of any type) that modelled, the cache keeps what checking it alone gave: its findings
(load, model and the checks of one document) and its name table (``model/names.py``). A file that failed
to load or model is not kept: it is read again on every check. The corpus-wide checks run on every
check, from the name tables, so a result never depends on what was cached. Entries hold for one tool
build and one config: another config or another version of proccompile starts an empty cache.

On disk (``build/.proccompile/check-cache.json``, when the project has a build folder) it is plain
JSON: a header line with the format, the tool fingerprint, the config hash and the sha256 of the body,
then the body, one line per file (``[path, entry]``). It is read back only when all of these match and
every value has the shape written; anything else is an empty cache. It is never required: deleting
it, or a build folder that is missing or read-only, just means no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostic
from proccompile.diagnostics.model import Diagnostics
from proccompile.diagnostics.records import from_records, to_records
from proccompile.load.paths import refusal
from proccompile.load.snapshot import tool_fingerprint

if TYPE_CHECKING:
    from proccompile.model.corpus import AnyDocument
    from proccompile.model.names import DocNames

CACHE_DIR = ".proccompile"
CACHE_NAME = "check-cache.json"
FORMAT = 3  # 2: one line per file, so unchanged entries are written back as read; 3: every document type


@dataclass
class CachedFile:
    sha256: str
    fast: bool
    """Whether libyaml read the file (positions of later findings come from its nodes)."""
    findings: tuple[Diagnostic, ...]
    names: DocNames
    document: AnyDocument | None = None
    """The model, kept only in memory (``proccompile serve``); the file on disk holds plain data only."""
    line: bytes | None = None
    """The entry's line in the cache file it was read from, written again as it was."""


@dataclass
class CheckCache:
    """Entries by project-relative path, valid for one ``context`` (tool fingerprint and config hash)."""

    context: str
    entries: dict[str, CachedFile] = field(default_factory=dict)
    changed: bool = False

    def get(self, rel: str, sha256: str, *, models: bool = False) -> CachedFile | None:
        """The entry of ``rel`` when it was made from these very bytes (``models``: and holds its model)."""
        entry = self.entries.get(rel)
        if entry is None or entry.sha256 != sha256:
            return None
        if models and entry.document is None:
            return None
        return entry

    def put(self, rel: str, entry: CachedFile) -> None:
        self.entries[rel] = entry
        self.changed = True

    def start(self, context: str) -> None:
        """Empty the cache unless it was made for ``context``."""
        if context != self.context:
            self.context, self.entries, self.changed = context, {}, True

    def keep_only(self, rels: set[str]) -> None:
        """Drop the entries of files that are gone."""
        for rel in [r for r in self.entries if r not in rels]:
            del self.entries[rel]
            self.changed = True


def cache_context(config_sha256: str) -> str:
    return f"{tool_fingerprint()}:{config_sha256}"


def cache_path(root: Path) -> Path | None:
    """Where the cache of the project at ``root`` lives; None when it has no build folder (a check creates
    none) or the folder leads out of the project (the cache stays inside it)."""
    build = root / "build"
    if os.path.realpath(build) != os.path.join(os.path.realpath(root), "build") or not build.is_dir():
        return None
    return build / CACHE_DIR / CACHE_NAME


def read_cache(root: Path) -> CheckCache:
    """The cache stored in the project at ``root``; an empty one when there is none or it is not whole.

    Whether it is for the current tool and config is ``check_project``'s question (``CheckCache.context``).
    """
    empty = CheckCache("")
    path = cache_path(root)
    if path is None or refusal(root, path) is not None:
        return empty
    try:
        raw = path.read_bytes()
    except OSError:
        return empty
    header, _, body = raw.partition(b"\n")
    try:
        head = json.loads(header)
        if not isinstance(head, dict) or head.get("format") != FORMAT or not isinstance(head.get("context"), str) \
                or head.get("sha256") != hashlib.sha256(body).hexdigest():
            return empty
        return CheckCache(head["context"], _entries(body))
    except (ValueError, KeyError, TypeError):
        return empty


def write_cache(root: Path, cache: CheckCache) -> None:
    """Store ``cache`` in the project at ``root`` atomically when it changed; a folder that cannot be written is no
    error."""
    path = cache_path(root)
    if not cache.changed or path is None:
        return
    # One line per file; an entry read from the cache is written back as the line it was.
    body = b"\n".join(entry.line or _line(rel, entry) for rel, entry in sorted(cache.entries.items()))
    header = json.dumps({"format": FORMAT, "context": cache.context, "sha256": hashlib.sha256(body).hexdigest()},
                        sort_keys=True).encode()
    # Written here rather than by write.atomic: importing the write stage costs a check more than this
    # file does, and a cache needs no fsync (a torn file fails its seal and is ignored).
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temporary.write_bytes(header + b"\n" + body)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    cache.changed = False


def _line(rel: str, entry: CachedFile) -> bytes:
    from proccompile.model.names import to_plain

    bag = Diagnostics()
    for finding in entry.findings:
        bag.restore(finding)
    item = {"sha256": entry.sha256, "fast": entry.fast, "findings": to_records(bag), "names": to_plain(entry.names)}
    return json.dumps([rel, item], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _entries(body: bytes) -> dict[str, CachedFile]:
    from proccompile.model.names import from_plain

    entries = {}
    for line in body.split(b"\n") if body else ():
        rel, item = json.loads(line)
        findings = from_records(item["findings"])
        sha256, fast = item["sha256"], item["fast"]
        if not isinstance(rel, str) or findings is None or not isinstance(sha256, str) or not isinstance(fast, bool):
            raise ValueError("a cache entry is damaged")
        entries[rel] = CachedFile(sha256, fast, tuple(findings), from_plain(item["names"]), line=line)
    return entries
