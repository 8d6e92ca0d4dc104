"""A loaded YAML file: its text, its round-trip tree, and lazy lookup of source positions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from proccompile.diagnostics import Span

Loc = Sequence[str | int]


@dataclass
class SourceFile:
    """One project file. ``tree`` is the ruamel round-trip tree (comments and positions kept)."""

    path: Path
    rel: str
    text: str
    tree: Any = None
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines()

    def span_at(self, line: int, col: int) -> Span:
        """Span for a 0-based line/column, with the source line and the token width under it."""
        source_line = self.lines[line] if 0 <= line < len(self.lines) else None
        width = _token_width(source_line, col) if source_line is not None else 1
        return Span(self.rel, line + 1, col + 1, source_line, width)

    def file_span(self) -> Span:
        return Span(self.rel, 1, 1, self.lines[0] if self.lines else None, 1)

    def span(self, loc: Loc, *, key: bool = False) -> Span:
        """Span of the node reached by ``loc``; its key instead of its value when ``key``.

        Parts of ``loc`` that do not address a node (pydantic union labels, a missing key)
        are skipped, so the deepest existing node is reported.
        """
        node = self.tree
        if not isinstance(node, CommentedMap | CommentedSeq):
            return self.file_span()
        key_pos = val_pos = (node.lc.line, node.lc.col)
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                key_pos, val_pos = node.lc.key(part), node.lc.value(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                key_pos = val_pos = node.lc.item(part)
                node = node[part]
        line, col = key_pos if key else val_pos
        return self.span_at(line, col)


def _token_width(line: str, col: int) -> int:
    rest = line[col:]
    if not rest:
        return 1
    if rest[0] in "\"'":
        end = rest.find(rest[0], 1)
        return end + 1 if end > 0 else len(rest.rstrip())
    if rest.startswith("- "):
        return 1
    for stop in (": ", " #"):
        cut = rest.find(stop)
        if cut > 0:
            rest = rest[:cut]
    if rest.endswith(":"):
        rest = rest[:-1]
    for closer in ",]}":
        cut = rest.find(closer)
        if cut > 0:
            rest = rest[:cut]
    return max(1, len(rest.rstrip()))
