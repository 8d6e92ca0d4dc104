"""A loaded YAML file: its text, its round-trip tree, its plain data, and lazy lookup of source positions."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from proccompile.diagnostics import Span
from proccompile.load.limits import UTF8_BOM

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

Loc = Sequence[str | int]
_MAX_CARET = 200
Plain: TypeAlias = (
    "None | bool | int | float | str | bytes | datetime.date | list[Plain] | tuple[Plain, ...] | dict[Plain, Plain]"
)
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass
class SourceFile:
    """One project file: its text and plain data, with the round-trip tree built only when asked for.

    ``tree`` is the ruamel round-trip tree (comments and positions kept). A file that loaded does not
    hold it: it is parsed from ``text`` on first use (to locate a finding, or to edit the file) and
    kept from then on, so a clean corpus holds plain data only. ``newline`` and ``bom`` record how the
    file was written, so it can be written back the same way; ``sha256`` is the hash of its bytes as
    read (the empty-string hash if it was not read in full).
    """

    path: Path
    rel: str
    text: str
    newline: str = "\n"
    bom: bool = False
    sha256: str = EMPTY_SHA256
    decoded: bool = False
    """The whole file was read and decoded, so ``sha256`` is the hash of all of it and ``text`` is all of it."""
    _tree: Any = field(default=None, init=False, repr=False, compare=False)
    _data: Plain = field(default=None, init=False, repr=False, compare=False)
    _loaded: bool = field(default=False, init=False, repr=False, compare=False)
    _data_stale: bool = field(default=False, init=False, repr=False, compare=False)
    # Set when libyaml read the file as the house loader would: findings are then located on libyaml's
    # node tree (C speed), and the round-trip tree is parsed only to edit the file.
    _fast: bool = field(default=False, init=False, repr=False, compare=False)
    _nodes: Any = field(default=None, init=False, repr=False, compare=False)

    def loaded(self, data: Plain, *, fast: bool = False) -> None:
        """Record the plain data of a file that loaded; its tree is parsed from the text when needed.

        ``fast``: the data came from the libyaml path, whose node positions match the house loader's.
        """
        self._tree, self._data, self._loaded, self._data_stale = None, data, True, False
        self._fast, self._nodes = fast, None

    def known(self, *, fast: bool) -> None:
        """Record that the file loads, unparsed: an earlier check read these very bytes (``fast``: with libyaml).

        Its data, round-trip tree and node positions are parsed from the text only if asked for.
        """
        self._tree, self._data, self._loaded, self._data_stale = None, None, True, True
        self._fast, self._nodes = fast, None

    @property
    def fast(self) -> bool:
        """Whether libyaml read the file as the house loader would (positions come from its nodes)."""
        return self._fast

    def forget_data(self) -> None:
        """Free the plain data once it has been modelled; ``data`` rebuilds it from the text if asked again."""
        if self._loaded and self._tree is None:
            self._data, self._data_stale = None, True

    @property
    def tree(self) -> Any:
        """The round-trip tree, or None when the file did not load; parsed on first use, then kept."""
        if self._tree is None and self._loaded:
            from proccompile.load.house_format import house_yaml  # ruamel, only when a tree is needed

            self._tree = house_yaml().load(self.text)
        return self._tree

    @tree.setter
    def tree(self, tree: Any) -> None:
        self._tree, self._loaded, self._data_stale = tree, tree is not None, True
        self._fast, self._nodes = False, None

    @property
    def data(self) -> Plain:
        """The file as plain Python values (no ruamel types), or None when the file did not load.

        Set when the file is loaded, or converted from a tree assigned later; edit the tree in place
        and ``data`` will not follow.
        """
        if self._data_stale:
            # Freed after modelling: read it again with the C parser when it agrees with the house loader
            # (it did when the file first loaded), rather than building a round-trip tree to convert.
            from proccompile.load.fast import fast_load

            again = fast_load(self.text) if self._loaded and self._tree is None else None
            self._data, self._data_stale = (again if again is not None else to_plain(self.tree)), False
        return self._data

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

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
        if self._fast and self._tree is None:
            from proccompile.load.fast import fast_root, node_position

            if self._nodes is None:
                self._nodes = fast_root(self.text)
            position = node_position(self._nodes, loc, key=key) if self._nodes is not None else None
            if position is not None:
                return self.span_at(*position)
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        tree = self.tree
        if not isinstance(tree, CommentedMap | CommentedSeq):
            return self.file_span()
        return self.span_at(*tree_position(tree, loc, key=key))


@dataclass(frozen=True)
class LazySource:
    """A file kept for locating findings only: its name and hash, its text read again when a finding needs it.

    What a check without models holds of each file once it is modelled, so memory per document stays small.
    Read again, the file must still have the hash it had when checked; if it changed since, findings point
    at the file as a whole rather than at a line of another text.
    """

    path: Path
    rel: str
    sha256: str
    fast: bool
    newline: str
    bom: bool

    @classmethod
    def of(cls, source: SourceFile) -> LazySource:
        return cls(source.path, source.rel, source.sha256, source.fast, source.newline, source.bom)

    def unpacked(self) -> SourceFile:
        try:
            raw = self.path.read_bytes()
        except OSError:
            raw = b""
        if hashlib.sha256(raw).hexdigest() != self.sha256:
            return SourceFile(self.path, self.rel, "", self.newline, self.bom, self.sha256)
        text = raw.removeprefix(UTF8_BOM).decode("utf-8")
        source = SourceFile(self.path, self.rel, text, self.newline, self.bom, self.sha256, decoded=True)
        source.known(fast=self.fast)
        return source

    @property
    def data(self) -> Plain:
        return self.unpacked().data

    def span(self, loc: Loc, *, key: bool = False) -> Span:
        return self.unpacked().span(loc, key=key)


def tree_position(tree: CommentedMap | CommentedSeq, loc: Loc, *, key: bool) -> tuple[int, int]:
    """0-based line and column of the node ``loc`` reaches in a round-trip tree (its key when ``key``)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node: Any = tree
    key_pos = val_pos = (node.lc.line, node.lc.col)
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            key_pos, val_pos = node.lc.key(part), node.lc.value(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            key_pos = val_pos = node.lc.item(part)
            node = node[part]
    line, col = key_pos if key else val_pos
    return line, col


def _token_width(line: str, col: int) -> int:
    # A caret wider than a screen helps nobody, and scanning a 500 kB one-line list per finding is quadratic.
    rest = line[col : col + _MAX_CARET]
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


def to_plain(node: object) -> Plain:
    """``node`` with every ruamel round-trip type replaced by the built-in type it stands for.

    Explicit tags are dropped (``!!str 12`` is the text "12"), a ``!!set`` becomes the list of its
    members in written order (lists are what the models accept), and timestamps with a time stay
    ``datetime.datetime``.
    """
    from ruamel.yaml.comments import TaggedScalar
    from ruamel.yaml.scalarbool import ScalarBoolean

    if node is None or isinstance(node, bytes):
        return node
    if isinstance(node, bool | ScalarBoolean):  # ScalarBoolean is an int subclass, so before int
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return datetime.datetime(node.year, node.month, node.day, node.hour, node.minute, node.second,
                                 node.microsecond, node.tzinfo, fold=node.fold)
    if isinstance(node, datetime.date):
        return datetime.date(node.year, node.month, node.day)
    if isinstance(node, TaggedScalar):
        return str(node.value)
    if isinstance(node, Mapping):
        return {_plain_key(key): to_plain(value) for key, value in node.items()}
    if isinstance(node, AbstractSet):
        return [to_plain(member) for member in node]
    if isinstance(node, tuple):
        return tuple(to_plain(item) for item in node)
    if isinstance(node, list):
        return [to_plain(item) for item in node]
    raise TypeError(f"no plain equivalent for a {type(node).__name__} in a YAML tree")


def _plain_key(key: object) -> Plain:
    # Complex keys (`? [a, b]`) must stay hashable, so their collections become tuples.
    if isinstance(key, Mapping):
        return tuple((_plain_key(k), _plain_key(v)) for k, v in key.items())
    if isinstance(key, list | tuple):
        return tuple(_plain_key(item) for item in key)
    return to_plain(key)
