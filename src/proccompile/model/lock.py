"""The lock file (proccompile.lock): the fingerprint of every released version of every document."""

from __future__ import annotations

from dataclasses import dataclass, field

from proccompile.diagnostics import Diagnostics
from proccompile.load.discover import LOCK_NAME as LOCK_NAME  # where it has always been imported from
from proccompile.load.source import SourceFile
from proccompile.model.config import VersionScheme
from proccompile.model.fingerprint import FINGERPRINT
from proccompile.model.versions import VersionNumber, parse_version, scheme_example

LOCK_FORMAT = 1


@dataclass
class LockEntry:
    code: str
    version: str
    number: VersionNumber
    fingerprint: str


@dataclass
class Lock:
    """Parsed lock file; entries that did not parse are reported (PC410) and left out."""

    source: SourceFile | None
    entries: dict[str, dict[str, LockEntry]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    """Codes with an entry that did not parse; their documents are not judged again (one mistake, one finding)."""

    def versions(self, code: str) -> dict[str, LockEntry]:
        return self.entries.get(code, {})

    def newest(self, code: str) -> LockEntry | None:
        return max(self.versions(code).values(), key=lambda e: e.number, default=None)


def parse_lock(source: SourceFile, scheme: VersionScheme, bag: Diagnostics) -> Lock:
    lock = Lock(source)
    data = source.data
    if source.tree is None:
        return lock  # the YAML finding is already reported
    if not isinstance(data, dict) or data.get("lock_version") != LOCK_FORMAT \
            or not isinstance(data.get("documents"), dict):
        bag.add("PC410", f"`{source.rel}` is not a lock file of format {LOCK_FORMAT}", source.file_span(),
                help="Regenerate it with `proccompile lock` and review the diff before committing")
        return lock
    documents = data["documents"]
    assert isinstance(documents, dict)
    for code, versions in documents.items():
        if not isinstance(code, str) or not isinstance(versions, dict):
            bag.add("PC410", f"Lock entry `{code!s}` is not a mapping of versions to fingerprints",
                    source.span(("documents", str(code)), key=True))
            lock.broken.add(str(code))
            continue
        for key, print_ in versions.items():
            version = str(key)
            number = parse_version(version, scheme)
            loc = ("documents", code, version)
            if number is None:
                bag.add("PC410", f"Lock entry `{code}` has version `{version}` outside the version scheme",
                        source.span(loc, key=True), help=f"Versions are {scheme_example(scheme)}")
            elif not isinstance(print_, str) or not FINGERPRINT.match(print_):
                bag.add("PC410", f"Lock entry `{code}` `{version}` has no valid fingerprint",
                        source.span(loc), help="A fingerprint is `sha256:` and 64 hex digits; regenerate "
                                               "the entry with `proccompile lock`")
            if number is None or not isinstance(print_, str) or not FINGERPRINT.match(print_):
                lock.broken.add(code)
            else:
                lock.entries.setdefault(code, {})[version] = LockEntry(code, version, number, print_)
    return lock
