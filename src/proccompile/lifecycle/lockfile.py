"""Write the lock file: every locked version's fingerprint, sorted, in the house YAML format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ruamel.yaml.comments import CommentedMap

from proccompile.load.house_format import dump_house
from proccompile.model import Corpus
from proccompile.model.config import VersionScheme
from proccompile.model.fingerprint import fingerprint
from proccompile.model.lock import LOCK_FORMAT
from proccompile.model.versions import parse_version

HEADER = ("proccompile.lock: fingerprints of the content of every released version. Written by\n"
          "`proccompile release` and `proccompile lock`; commit it with the documents, never edit it by hand.")

Entries = dict[str, dict[str, str]]


def current_entries(corpus: Corpus) -> Entries:
    """The lock as it stands (entries that parsed), as code → version → fingerprint."""
    if corpus.lock is None:
        return {}
    return {code: {v: e.fingerprint for v, e in versions.items()} for code, versions in corpus.lock.entries.items()}


def adopt(corpus: Corpus, entries: Entries) -> list[str]:
    """Add the current version of every released (or withdrawn) document not yet locked; returns their codes."""
    added = []
    for doc in corpus.documents():
        model = doc.model
        if model.status != "draft" and model.version not in entries.get(model.code, {}):
            entries.setdefault(model.code, {})[model.version] = fingerprint(doc.source.data)
            added.append(model.code)
    return added


def render_lock(entries: Mapping[str, Mapping[str, str]], scheme: VersionScheme) -> bytes:
    root = CommentedMap()
    root.yaml_set_start_comment(HEADER)
    root["lock_version"] = LOCK_FORMAT
    documents = CommentedMap()
    for code in sorted(entries):
        versions = CommentedMap()
        for version in _in_order(entries[code], scheme):
            versions[version] = entries[code][version]
        documents[code] = versions
    root["documents"] = documents
    return dump_house(root)


def _in_order(versions: Iterable[str], scheme: VersionScheme) -> list[str]:
    def key(version: str) -> tuple[int, int, str]:
        number = parse_version(version, scheme)
        return (number.edition, number.amendment, version) if number else (-1, -1, version)
    return sorted(versions, key=key)
