"""Parse one YAML file with ruamel round-trip mode, turning every failure into a located finding."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.reader import ReaderError

from proccompile.diagnostics import Diagnostics, Related, Span
from proccompile.load.source import SourceFile

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
# GB18030 decodes nearly any byte string, so it can only be a guess; UTF-16 is told by its BOM.
_LEGACY_ENCODINGS = ("gb18030",)


class _AliasRejected(ComposerError):
    pass


class _BadDate(ConstructorError):
    pass


class _Composer(Composer):
    # Aliases are refused outright: they enable billion-laughs expansion and hide shared edits.
    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise _AliasRejected(None, None, f"alias `*{event.anchor}`", event.start_mark)
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):
    # ruamel raises a bare ValueError for 2024-13-01; re-raise it with the node's position.
    def construct_yaml_timestamp(self, node, values=None):  # type: ignore[no-untyped-def]
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            raise _BadDate(None, None, f"`{node.value}` is not a valid date: {exc}", node.start_mark) from None


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _parser() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.max_depth = MAX_DEPTH
    return yaml


def load_yaml(path: Path, rel: str, bag: Diagnostics, *, max_bytes: int = MAX_BYTES) -> SourceFile:
    """Read and parse ``path``; on any failure the finding is recorded and ``tree`` stays None.

    Failed files are still returned, with whatever text could be read, so later stages can
    recover their declared code and avoid cascading "unknown reference" findings.
    """
    text, readable = _read_text(path, rel, bag, max_bytes)
    source = SourceFile(path, rel, text)
    if not readable:
        return source
    try:
        tree = _parser().load(text)
    except _AliasRejected as exc:
        mark = exc.problem_mark
        bag.add("PC106", f"YAML {exc.problem} is not allowed", source.span_at(mark.line, mark.column))
        return source
    except _BadDate as exc:
        mark = exc.problem_mark
        bag.add("PC103", exc.problem, source.span_at(mark.line, mark.column))
        return source
    except DuplicateKeyError as exc:
        first, second = exc.context_mark, exc.problem_mark
        key = _duplicate_key_name(exc)
        bag.add(
            "PC102",
            f"Duplicate key `{key}`" if key else "Duplicate key",
            source.span_at(second.line, second.column),
            related=(Related(source.span_at(first.line, first.column), "first defined here"),),
        )
        return source
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _syntax_message(exc)
        span = source.span_at(mark.line, mark.column) if mark else source.file_span()
        bag.add("PC204" if "unacceptable character" in message else "PC101", message, span)
        return source
    except ReaderError as exc:
        line, col = _line_col(text, exc.position)
        bag.add("PC204", f"Character U+{exc.character:04X} is not allowed in YAML", source.span_at(line, col))
        return source
    except (YAMLError, RecursionError) as exc:
        bag.add("PC101", f"Cannot parse YAML: {type(exc).__name__}", source.file_span())
        return source
    if not isinstance(tree, CommentedMap):
        what = "empty" if tree is None else f"a {_kind(tree)}, not a mapping"
        bag.add("PC107", f"The file is {what}", source.file_span())
        return source
    source.tree = tree
    return source


def _read_text(path: Path, rel: str, bag: Diagnostics, max_bytes: int) -> tuple[str, bool]:
    """The file's text and whether it is complete, valid UTF-8; partial text serves code recovery only."""
    try:
        if not path.is_file():
            reason = "is a directory" if path.is_dir() else "is a broken link or not a regular file"
            bag.add("PC108", f"`{rel}` {reason}", Span(rel, 1, 1))
            return "", False
        size = path.stat().st_size
        if size > max_bytes:
            bag.add("PC105", f"The file is {size:,} bytes; the limit is {max_bytes:,}", Span(rel, 1, 1),
                    help="Split the document, or raise limits.max_file_bytes in proccompile.yaml")
            with path.open("rb") as handle:
                return handle.read(4096).decode("utf-8", errors="replace"), False
        data = path.read_bytes()
    except OSError as exc:
        bag.add("PC108", f"Cannot read `{rel}`: {exc.strerror or exc}", Span(rel, 1, 1))
        return "", False
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # characters, not bytes
        guess = _guess_encoding(data)
        hint = f"; it looks like {guess}" if guess else ""
        bag.add("PC104", f"The file is not valid UTF-8 (byte 0x{data[exc.start]:02X}){hint}", Span(rel, line, col))
        return data.decode("utf-8", errors="replace"), False


def _guess_encoding(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    for encoding in _LEGACY_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "GBK/GB18030" if encoding == "gb18030" else encoding.upper().replace("_", "-")
    return None


def _syntax_message(exc: MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    text = ", ".join(parts) if parts else "invalid YAML"
    if "maximum depth" in text:
        return f"Nesting is deeper than {MAX_DEPTH} levels"
    if "'\\t'" in text:
        return f"{text[0].upper()}{text[1:]} (YAML indentation must use spaces, not tabs)"
    return text[0].upper() + text[1:]


def _duplicate_key_name(exc: DuplicateKeyError) -> str | None:
    problem = exc.problem or ""
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else None


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n")
    return line, position - (before.rfind("\n") + 1)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    return "text value" if isinstance(value, str) else "scalar value"
