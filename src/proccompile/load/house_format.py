"""The house YAML format: one ruamel round-trip configuration that reads and writes every project file."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.events import AliasEvent

if TYPE_CHECKING:
    from proccompile.load.source import SourceFile

from proccompile.load.limits import MAX_DEPTH as MAX_DEPTH  # where they have always been imported from
from proccompile.load.limits import UTF8_BOM as UTF8_BOM

NEWLINES = ("\n", "\r\n")
# Wide enough that no line of a shipped file is ever re-wrapped on writing.
_NO_WRAP_WIDTH = 4096


class AliasRejected(ComposerError):
    """An alias (``*name``) was met while reading; the house format has none."""


class BadDate(ConstructorError):
    """A date-shaped scalar that is not a calendar date, e.g. 2024-13-01."""


class _Composer(Composer):
    # Aliases are refused outright: they enable billion-laughs expansion and hide shared edits.
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise AliasRejected(None, None, f"alias `*{event.anchor}`", event.start_mark)
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):
    # ruamel raises a bare ValueError for 2024-13-01; re-raise it with the node's position.
    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            raise BadDate(None, None, f"`{node.value}` is not a valid date: {exc}", node.start_mark) from None


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def house_yaml() -> YAML:
    """A fresh reader/writer in the house format (ruamel instances keep per-document state, so never share one)."""
    yaml = YAML(typ="rt")
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.max_depth = MAX_DEPTH
    # The writing settings are the shipped files' own style, so an untouched tree dumps byte-identically.
    yaml.preserve_quotes = True
    yaml.width = _NO_WRAP_WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump_house(tree: Any, *, newline: str = "\n", bom: bool = False) -> bytes:
    """``tree`` written in the house format as UTF-8, with ``newline`` line ends and an optional BOM."""
    if newline not in NEWLINES:
        raise ValueError(f"newline must be one of {NEWLINES!r}, not {newline!r}")
    stream = io.StringIO()
    house_yaml().dump(tree, stream)
    # Comments keep the line end they were read with, whatever ruamel's line_break says, so line ends
    # are set here instead. Safe because a CR inside a value is always written escaped, never raw.
    text = stream.getvalue().replace("\r\n", "\n")
    if newline != "\n":
        text = text.replace("\n", newline)
    return (UTF8_BOM if bom else b"") + text.encode("utf-8")


def dump_source(source: SourceFile, tree: Any = None) -> bytes:
    """``tree`` (by default the file's own, possibly edited, tree) written with the line ends and BOM the file had."""
    if tree is None:
        tree = source.tree
    if tree is None:
        raise ValueError(f"`{source.rel}` did not load, so there is no tree to write")
    return dump_house(tree, newline=source.newline, bom=source.bom)
