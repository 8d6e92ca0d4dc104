"""In-place edits of a round-trip YAML tree that keep comments, key order and the file's own style."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString


def block(value: Any) -> Any:
    """``value`` as round-trip nodes in block style: mappings and lists are written one item a line."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = block(item)
        return node
    if isinstance(value, list):
        return CommentedSeq(block(item) for item in value)
    return fresh(value)


def fresh(value: Any) -> Any:
    """A date as a new object: ruamel writes one object met twice as an anchor and alias, which the house
    format refuses."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value


def set_key(node: CommentedMap, key: str, value: Any, *, after: Sequence[str] = ()) -> None:
    """Set ``key``; a new key goes right after the first of ``after`` present (else at the end).

    An existing scalar keeps its quoting style, so `version: "1.1"` stays quoted.
    """
    value = fresh(value)
    if key in node:
        old = node[key]
        if isinstance(old, SingleQuotedScalarString | DoubleQuotedScalarString) and isinstance(value, str):
            value = type(old)(value)
        node[key] = value
        return
    anchor = next((k for k in after if k in node), None)
    if anchor is None:
        _append_key(node, key, value)
        return
    keys = list(node)
    node.insert(keys.index(anchor) + 1, key, value)
    _move_trailing_comment(node, anchor, key)


def set_keys(node: CommentedMap, values: Iterable[tuple[str, Any]], *, after: Sequence[str]) -> None:
    """Set several keys in order; new ones are placed one after another following ``after``."""
    anchors = list(after)
    for key, value in values:
        set_key(node, key, value, after=anchors)
        anchors = [key, *anchors]


def append_item(seq: CommentedSeq, item: Any) -> None:
    """Append to a block list; a comment or blank lines after the old last item move below the new one."""
    seq.append(item)
    last = len(seq) - 2
    if last >= 0:
        _move_trailing_comment(seq, last, len(seq) - 1)


def _append_key(node: CommentedMap, key: str, value: Any) -> None:
    keys = list(node)
    node[key] = value
    if keys:
        _move_trailing_comment(node, keys[-1], key)


def _move_trailing_comment(node: CommentedMap | CommentedSeq, old: Any, new: Any) -> None:
    # ruamel stores the comment and blank lines that follow a key with that key; they belong below the new one.
    items = node.ca.items
    holder = _deepest_last(node[old]) if isinstance(node[old], CommentedMap | CommentedSeq) else None
    source = holder if holder is not None else (node, old)
    owner, position = source
    entry = owner.ca.items.get(position)
    slot = 2 if isinstance(owner, CommentedMap) else 0
    if not entry or len(entry) <= slot or entry[slot] is None:
        return
    comment = entry[slot]
    # The token starts where the value ends: an end-of-line comment stays with its line; the blank lines
    # and comment lines after it go below the new key.
    first_line, _, rest = comment.value.partition("\n")
    if first_line.strip():
        if not rest:
            return
        entry[slot] = copy.copy(comment)
        entry[slot].value = first_line + "\n"
        comment = copy.copy(comment)
        comment.value = "\n" + rest
    else:
        entry[slot] = None
    target = node[new]
    if isinstance(target, CommentedMap | CommentedSeq) and len(target):
        deep_owner, deep_pos = _deepest_last(target) or (node, new)
    else:
        deep_owner, deep_pos = node, new
    deep_slot = 2 if isinstance(deep_owner, CommentedMap) else 0
    deep_items = deep_owner.ca.items if deep_owner is not node else items
    record = deep_items.setdefault(deep_pos, [None, None, None, None] if deep_slot == 2 else [None, None])
    record[deep_slot] = comment


def _deepest_last(node: CommentedMap | CommentedSeq) -> tuple[Any, Any] | None:
    """(container, key or index) of the last scalar written inside ``node``, where ruamel keeps what follows it."""
    if not len(node):
        return None
    last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    child = node[last]
    if isinstance(child, CommentedMap | CommentedSeq) and len(child):
        return _deepest_last(child)
    return node, last
