"""The fast read path: libyaml (PyYAML's C parser) straight to plain data, when the house loader would agree.

The house loader (ruamel round-trip, pure Python) costs about 20 ms for a six-page procedure; libyaml
parses the same file in well under 1 ms. This path accepts only what both read identically: plain,
quoted and block scalars, mappings and sequences, the core types in their usual spelling, and dates
without a time. Anything else (explicit tags, aliases, duplicate keys, deep nesting, a directive,
unusual line breaks or characters, any error at all) answers None, and the caller reads the file with
the house loader, which gives the exact finding. A property test holds the two paths to the same data.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from proccompile.load.limits import MAX_DEPTH
from proccompile.load.source import Plain

# Characters the two scanners may treat differently (tabs, lone CR, NEL and the Unicode line breaks,
# a BOM inside the text, anything outside the printable set), and a directive line.
_ODD_TEXT = re.compile(
    "[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    r"|\r(?!\n)|^%",
    re.MULTILINE,
)
# An anchor can only start a node: at a line start or after a space or flow indicator ("R&D" is text).
# The two parsers disagree on which characters an anchor name may hold, so any anchor is declined.
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},])&", re.MULTILINE)
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Every plain scalar YAML 1.2 (as ruamel reads it) resolves to something other than a string; the
# spellings handled above are taken, the rest (hex, octal, 1e3, .inf, 1_000, timestamps, <<, =)
# go to the house loader.
_TYPED = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}.*)?|<<|=""",
    re.VERBOSE,
)
_PLAIN, _QUOTED, _COLLECTION = "?plain", "?quoted", "?collection"
# Headroom below the house loader's limit, so a file near it is judged by the house loader.
_DEPTH_LIMIT = MAX_DEPTH - 4


class _Unsure(Exception):
    """The file holds something this path does not read exactly like the house loader."""


class _Loader(CParser):  # type: ignore[misc]
    """libyaml's parser and composer; tags are resolved here only as far as the converter needs."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                return _PLAIN
            return _QUOTED if implicit[1] else "?"
        return _COLLECTION if implicit else "?"

    # The composer reports each step down and up, for path resolvers; there are none.
    def descend_resolver(self, parent: object, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def fast_load(text: str) -> dict[Any, Plain] | None:
    """The document in ``text`` as plain data, or None when the house loader must read it.

    None also for anything that is not one mapping, so the house loader reports it.
    """
    if _ODD_TEXT.search(text) or ("&" in text and _ANCHOR.search(text)):
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, MappingNode):
            return None
        return _mapping(node, 1)
    except (_Unsure, yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()


def fast_root(text: str) -> MappingNode | None:
    """The composed libyaml node tree of ``text`` (each node knows its line and column), for locating findings.

    Only for text ``fast_load`` accepted, where libyaml and the house loader place every node alike.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()
    return node if isinstance(node, MappingNode) else None


def node_position(root: MappingNode, loc: Sequence[str | int], *, key: bool) -> tuple[int, int] | None:
    """0-based line and column of the node ``loc`` reaches in ``root`` (its key when ``key``).

    Parts that do not address a node are skipped, as ``SourceFile.span`` does with the round-trip tree.
    None for an empty value: the two parsers place it differently, so the round-trip tree must say.
    """
    node: Any = root
    key_pos = val_pos = (root.start_mark.line, root.start_mark.column)
    for part in loc:
        if type(node) is MappingNode:
            for key_node, value_node in node.value:
                if _value(key_node, 1) == part:
                    key_pos = (key_node.start_mark.line, key_node.start_mark.column)
                    val_pos = (value_node.start_mark.line, value_node.start_mark.column)
                    node = value_node
                    break
        elif type(node) is SequenceNode and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            key_pos = val_pos = (node.start_mark.line, node.start_mark.column)
    if not key and type(node) is ScalarNode and node.value == "" and not node.style:
        return None
    return key_pos if key else val_pos


def _value(node: Any, depth: int) -> Plain:
    if depth > _DEPTH_LIMIT:
        raise _Unsure
    tag = node.tag
    if tag == _PLAIN:
        return _plain_scalar(node.value)
    if tag == _QUOTED:
        return str(node.value)
    if tag != _COLLECTION:
        raise _Unsure
    if type(node) is SequenceNode:
        return [_value(item, depth + 1) for item in node.value]
    return _mapping(node, depth)


def _mapping(node: MappingNode, depth: int) -> dict[Any, Plain]:
    if node.tag != _COLLECTION:
        raise _Unsure
    result: dict[Any, Plain] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode:
            raise _Unsure
        key = _value(key_node, depth + 1)
        if key in result:  # duplicates (including 1 and true) are reported by the house loader
            raise _Unsure
        result[key] = _value(value_node, depth + 1)
    return result


def _plain_scalar(value: str) -> Plain:
    if value in _NULLS:
        return None
    first = value[0]
    if first in _BOOLS_FIRST and value in _BOOLS:
        return _BOOLS[value]
    if first not in _TYPED_FIRST or not _TYPED.fullmatch(value):
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if date := _DATE.fullmatch(value):
        year, month, day = date.groups()
        return datetime.date(int(year), int(month), int(day))  # ValueError: the house loader reports it
    raise _Unsure


_BOOLS_FIRST = frozenset("tTfF")
_TYPED_FIRST = frozenset("-+0123456789.<=")
