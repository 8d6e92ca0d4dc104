"""Plain data (dicts, lists, strings, dates) written as a new house-format YAML document with comments."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from proccompile.load.house_format import dump_house, house_yaml


def commented(data: Any) -> Any:
    """``data`` as ruamel round-trip containers, so comments can be attached and key order is kept.

    A string that YAML would read back as something else (8.2 as a number, 2020-01-01 as a date, yes as a
    boolean) is single-quoted, so the file means what the data meant. A string holding a line break other than a
    newline (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) is double-quoted, where it is escaped: written as it is, a
    reader folds it into a space.
    """
    if isinstance(data, dict):
        return CommentedMap((k, commented(v)) for k, v in data.items())
    if isinstance(data, list):
        return CommentedSeq(commented(v) for v in data)
    if isinstance(data, str) and any(c in data for c in _OTHER_BREAKS):
        return DoubleQuotedScalarString(data)
    if isinstance(data, str) and not isinstance(_read_back(data), str):
        return SingleQuotedScalarString(data)
    return data


_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
# First characters of every implicit type (numbers, dates, booleans, null …): a string starting with any
# other character reads back as a string, so the slow dump-and-load below is only needed for these.
_IMPLICIT_STARTS = frozenset(k for k in house_yaml().resolver.versioned_resolver if k is not None)


def _read_back(text: str) -> Any:
    if text[:1] not in _IMPLICIT_STARTS:
        return text
    stream = io.StringIO()
    house_yaml().dump({"v": text}, stream)
    return house_yaml().load(stream.getvalue())["v"] if "'" not in stream.getvalue() else text


def yaml_bytes(data: dict[str, Any], *, comment: str | None = None, notes: dict[str, str] | None = None) -> bytes:
    """``data`` in the house format; ``comment`` heads the file and ``notes`` put a comment above named keys."""
    tree = commented(data)
    if comment:
        tree.yaml_set_start_comment(comment)
    for key, note in (notes or {}).items():
        tree.yaml_set_comment_before_after_key(key, before=note)
    return dump_house(tree)


def modeline(schema: str) -> str:
    """The line yaml-language-server reads to bind a file to its JSON Schema."""
    return f"yaml-language-server: $schema={schema}"
