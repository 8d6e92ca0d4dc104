"""Write an edited round-trip tree back as a patch of the file's own text, so only the edited lines change.

ruamel writes a whole tree in one style: it re-indents a 4-space or zero-indented file, joins
multi-line plain scalars, collapses multi-line flow mappings (dropping the comments inside them),
drops `%YAML` directives, `---` and `...` markers, and uses one line end. So the edit is not written
as the tree: the tree is dumped twice in the file's own indentation, as read and as edited, and
only the lines that differ between those two dumps are spliced into the original text. Every other
line keeps its bytes, line end included. The result is read back and must hold the edited data;
when it does not (an edit inside a region ruamel rewrites), the whole edited tree is written
instead, which is correct though not minimal.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from proccompile.load.house_format import UTF8_BOM, house_yaml
from proccompile.load.source import SourceFile, to_plain

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_KEY_LINE = re.compile(r"^( *)(?:- +)?[^\s#-][^:#]*:(?:\s|$)")
_DASH_LINE = re.compile(r"^( *)- ")


def edited_bytes(source: SourceFile, tree: Any) -> bytes:
    """``tree`` (an edit of ``source``'s own tree) as the bytes to write: the original text with the changed
    lines replaced, and the file's BOM kept."""
    text = _patch_scalars(source.text, house_yaml().load(source.text), tree)
    indent = guess_indent(text)
    patched = splice(text, _dump(house_yaml().load(text), indent), _dump(tree, indent))
    if patched is None or not _holds(patched, tree):
        patched = _with_newline(_dump(tree, indent), source.newline)
    return (UTF8_BOM if source.bom else b"") + patched.encode("utf-8")


def _patch_scalars(text: str, original: Any, edited: Any) -> str:
    """``text`` with every scalar value that the edit changed rewritten in place, token by token, so a value
    inside a multi-line flow mapping changes without the mapping being collapsed."""
    changed = list(_changed_scalars(original, edited, ()))
    if not changed:
        return text
    root = house_yaml().compose(text)
    starts = _line_starts(text)
    edits: list[tuple[int, int, str]] = []
    for path, value in changed:
        node = _node_at(root, path)
        token = _scalar_text(value)
        if node is None or token is None or getattr(node, "style", None) in ("|", ">"):
            continue
        begin = starts[node.start_mark.line] + node.start_mark.column
        end = starts[node.end_mark.line] + node.end_mark.column
        edits.append((begin, end, token))
    for begin, end, token in sorted(edits, reverse=True):
        text = text[:begin] + token + text[end:]
    return text


def _changed_scalars(old: Any, new: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        for key in old:
            if key in new:
                yield from _changed_scalars(old[key], new[key], (*path, key))
    elif isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        for i in range(min(len(old), len(new))):
            yield from _changed_scalars(old[i], new[i], (*path, i))
    elif not isinstance(old, CommentedMap | CommentedSeq) and not isinstance(new, CommentedMap | CommentedSeq):
        if to_plain(old) != to_plain(new) or type(old) is not type(new):
            yield path, new


def _node_at(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
        if node is None:
            return None
    return node if isinstance(node, ScalarNode) else None


def _scalar_text(value: Any) -> str | None:
    """``value`` as a one-line scalar token that is valid in block and flow context alike."""
    seq = CommentedSeq([value])
    seq.fa.set_flow_style()
    stream = io.StringIO()
    house_yaml().dump(seq, stream)
    text = stream.getvalue().rstrip("\n")
    if "\n" in text or not (text.startswith("[") and text.endswith("]")):
        return None
    return text[1:-1]


def _line_starts(text: str) -> list[int]:
    starts, position = [0], 0
    for line in _LINE.findall(text):
        position += len(line)
        starts.append(position)
    return starts


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as ruamel's ``indent`` takes them, from the file's most common layout."""
    mappings: Counter[int] = Counter()
    offsets: Counter[int] = Counter()
    previous_key: int | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        dash = _DASH_LINE.match(line)
        if dash and previous_key is not None:
            offsets[len(dash.group(1)) - previous_key] += 1
        key = _KEY_LINE.match(line)
        if key and not dash and previous_key is not None and len(key.group(1)) > previous_key:
            mappings[len(key.group(1)) - previous_key] += 1
        # A line that opens a block (`key:` with nothing after it) is the parent of what follows.
        previous_key = len(line) - len(line.lstrip(" ")) if stripped.endswith(":") and not dash else None
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    offset = offsets.most_common(1)[0][0] if offsets else 2
    offset = max(0, min(offset, 8))
    mapping = max(1, min(mapping, 8))
    return mapping, offset + 2, offset


def splice(original: str, before: str, after: str) -> str | None:
    """``original`` with the line changes that turn ``before`` into ``after``; None when they cannot be placed.

    ``before`` is ``original`` as the dumper writes it: its lines are matched to the original's, and a
    change falls on the original lines its neighbours matched. A change inside a region the dumper
    rewrote (a joined scalar, a collapsed flow mapping) replaces that whole region.
    """
    lines = _LINE.findall(original)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += _newline_near(lines, len(lines) - 1)  # so that a line added after it starts a line
        unterminated = True
    else:
        unterminated = False
    old, new = before.splitlines(), after.splitlines()
    # where[i]: the original line that dump line i is, when the two are the same line.
    where: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(a=old, b=[_body(line) for line in lines], autojunk=False)
    for tag, a0, a1, b0, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(a1 - a0):
                where[a0 + k] = b0 + k
    out: list[str] = []
    cursor = 0  # the next original line not yet copied
    changes = [op[1:] for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    for a0, a1, b0, b1 in _placed(changes, where, len(old)):
        start, end = _original_range(a0, a1, where, len(old), len(lines))
        if start < cursor or end < start:
            return None
        out.extend(lines[cursor:start])
        newline = _newline_near(lines, start)
        out.extend(line + newline for line in new[b0:b1])
        cursor = end
    tail = lines[cursor:]
    if unterminated and tail:  # the last line is the original's own, without the line end it never had
        tail[-1] = _body(tail[-1])
    return "".join(out + tail)


def _placed(changes: list[tuple[int, int, int, int]], where: dict[int, int],
            size: int) -> list[tuple[int, int, int, int]]:
    """The changes, each widened until its ends fall on dump lines that are lines of the original, and
    changes that then meet merged into one."""
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in changes:
        if a0 == a1:  # an insertion needs a line of the original next to it
            while a0 > 0 and (a0 - 1) not in where and a0 not in where:
                a0, b0 = a0 - 1, b0 - 1
                if a1 < size and a1 not in where:
                    a1, b1 = a1 + 1, b1 + 1
        else:
            while a0 > 0 and a0 not in where and (a0 - 1) not in where:
                a0, b0 = a0 - 1, b0 - 1
            while a1 < size and (a1 - 1) not in where and a1 not in where:
                a1, b1 = a1 + 1, b1 + 1
        if merged and a0 <= merged[-1][1]:
            merged[-1][1], merged[-1][3] = max(merged[-1][1], a1), max(merged[-1][3], b1)
        else:
            merged.append([a0, a1, b0, b1])
    return [(a0, a1, b0, b1) for a0, a1, b0, b1 in merged]


def _original_range(a0: int, a1: int, where: dict[int, int], size: int, count: int) -> tuple[int, int]:
    """The original lines that dump lines ``a0:a1`` stand for (an empty range where lines are inserted)."""
    if a0 == a1:
        position = where[a0 - 1] + 1 if a0 > 0 and (a0 - 1) in where else where.get(a0, count if a0 >= size else 0)
        return position, position
    start = where[a0] if a0 in where else (where[a0 - 1] + 1 if a0 > 0 else 0)
    end = where[a1 - 1] + 1 if (a1 - 1) in where else (where[a1] if a1 < size else count)
    return start, end


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _newline_near(lines: list[str], index: int) -> str:
    """The line end of the original line before ``index`` (else after it, else a newline)."""
    for candidate in (lines[index - 1] if index > 0 else "", lines[index] if index < len(lines) else ""):
        for end in ("\r\n", "\n", "\r"):
            if candidate.endswith(end):
                return end
    return "\n"


def _dump(tree: Any, indent: tuple[int, int, int]) -> str:
    yaml = house_yaml()
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    stream = io.StringIO()
    yaml.dump(tree, stream)
    # Comments keep the line end they were read with; the dump is compared line by line without ends.
    return stream.getvalue().replace("\r\n", "\n").replace("\r", "\n")


def _with_newline(text: str, newline: str) -> str:
    return text if newline == "\n" else text.replace("\n", newline)


def _holds(text: str, tree: Any) -> bool:
    try:
        return bool(to_plain(house_yaml().load(text)) == to_plain(tree))
    except Exception:  # noqa: BLE001 - a patch that does not even parse is simply not used
        return False
