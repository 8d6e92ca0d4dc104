"""Parse one YAML file in the house format, turning every failure into a located finding."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from proccompile.diagnostics import Diagnostics, Related, Span
from proccompile.load.encoding import Encoding, guess_encodings
from proccompile.load.fast import fast_load
from proccompile.load.limits import MAX_DEPTH, UTF8_BOM
from proccompile.load.paths import Refusal, refusal
from proccompile.load.source import SourceFile, to_plain

if TYPE_CHECKING:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

MAX_BYTES = 1_000_000
_LONG_NUMBER = re.compile(r"\d{4000,}")


class _Read(NamedTuple):
    """What reading produced: text to parse, or only to recover a code from, and the file's bytes.

    ``raw`` is empty unless the whole file was read, so a file cut short gets the empty-string hash.
    """

    text: str
    parseable: bool
    raw: bytes = b""


def load_yaml(path: Path, rel: str, bag: Diagnostics, *, max_bytes: int = MAX_BYTES,
              root: Path | None = None, raw: bytes | None = None,
              known: Callable[[str, str], bool | None] | None = None,
              resolved: dict[str, str] | None = None) -> SourceFile:
    """Read and parse ``path`` (or ``raw``, its would-be bytes); on any failure the finding is recorded and
    ``tree`` and ``data`` stay None.

    Failed files are still returned, with whatever text could be read, so later stages can
    recover their declared code and avoid cascading "unknown reference" findings. With ``root``,
    a file that is not a regular file inside that folder (links followed) is refused unread.
    ``known(rel, sha256)`` says whether an earlier check read these very bytes (True or False: whether
    libyaml read them) or not (None); a known file is not parsed now (see ``SourceFile.known``).
    ``resolved``: see ``refusal``.
    """
    read = (_read_file(path, rel, bag, max_bytes, root, resolved) if raw is None
            else _decode_edit(raw, rel, bag, max_bytes))
    source = SourceFile(
        path, rel, read.text,
        newline=_newline_of(read.raw),
        bom=read.raw.startswith(UTF8_BOM),
        sha256=hashlib.sha256(read.raw).hexdigest(),
        decoded=read.parseable,
    )
    if not read.parseable:
        return source
    fast = known(rel, source.sha256) if known is not None else None
    if fast is not None:
        source.known(fast=fast)
        return source
    data = fast_load(read.text)
    if data is not None:
        source.loaded(data, fast=True)
        return source
    return _house_load(source, read, bag)


def _house_load(source: SourceFile, read: _Read, bag: Diagnostics) -> SourceFile:
    """Read with the house loader (ruamel round-trip, imported only here), which locates every problem."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    from proccompile.load.house_format import AliasRejected, BadDate, house_yaml

    try:
        tree = house_yaml().load(read.text)
    except AliasRejected as exc:
        mark = exc.problem_mark
        bag.add("PC106", f"YAML {exc.problem} is not allowed", source.span_at(mark.line, mark.column))
        return source
    except BadDate as exc:
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
        help_text = _quote_help(span.source_line) if "mapping values are not allowed" in message.lower() else None
        bag.add("PC204" if "unacceptable character" in message else "PC101", message, span, help=help_text)
        return source
    except ReaderError as exc:
        line, col = _line_col(read.text, exc.position)
        bag.add("PC204", f"Character U+{exc.character:04X} is not allowed in YAML", source.span_at(line, col))
        return source
    except (YAMLError, RecursionError) as exc:
        bag.add("PC101", f"Cannot parse YAML: {type(exc).__name__}", source.file_span())
        return source
    except ValueError as exc:
        # Python refuses to convert integers of more than 4,300 digits (a guard against slow conversions).
        long_number = _LONG_NUMBER.search(read.text)
        if long_number is None:
            raise
        line, col = _line_col(read.text, long_number.start())
        digits = len(long_number.group())
        bag.add("PC203", f"A number of {digits:,} digits cannot be read ({exc.args[0].split(':')[0]})",
                source.span_at(line, col), help="Quote it if it is text; no field takes a number this long")
        return source
    except TypeError:
        # ruamel builds a mapping key from a nested sequence ({[a, [b]]: c}) and fails to hash it.
        bag.add("PC101", "Cannot parse YAML: a mapping key is a collection", source.file_span(),
                help="Keys are plain names such as `code` or `title`")
        return source
    if not isinstance(tree, CommentedMap):
        what = "empty" if tree is None else f"a {_kind(tree)}, not a mapping"
        bag.add("PC107", f"The file is {what}", source.file_span())
        return source
    # Plain data only: the tree is parsed again if a finding needs a position, so memory stays flat.
    source.loaded(to_plain(tree))
    return source


def _read_file(path: Path, rel: str, bag: Diagnostics, max_bytes: int, root: Path | None,
               resolved: dict[str, str] | None) -> _Read:
    """The file's bytes and text; partial or undecodable text serves code recovery only."""
    refused = refusal(root if root is not None else path.parent, path, resolved)
    if refused is not None:
        if refused.kind is Refusal.OUTSIDE:
            bag.add("PC109", f"`{rel}` links outside the project folder; it was not read", Span(rel, 1, 1))
        else:
            reason = "is a broken link" if refused.kind is Refusal.MISSING else refused.reason
            bag.add("PC108", f"`{rel}` {reason}", Span(rel, 1, 1))
        return _Read("", parseable=False)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            bag.add("PC105", f"The file is {size:,} bytes; the limit is {max_bytes:,}", Span(rel, 1, 1),
                    help="Split the document, or raise limits.max_file_bytes in proccompile.yaml")
            with path.open("rb") as handle:
                return _Read(handle.read(4096).decode("utf-8", errors="replace"), parseable=False)
        raw = path.read_bytes()
    except OSError as exc:
        bag.add("PC108", f"Cannot read `{rel}`: {exc.strerror or exc}", Span(rel, 1, 1))
        return _Read("", parseable=False)
    return _decode(raw, rel, bag)


def _decode_edit(raw: bytes, rel: str, bag: Diagnostics, max_bytes: int) -> _Read:
    """Would-be bytes of an edit are held to the size limit as a file on disk is: a release must not write a
    file that every later command refuses."""
    if len(raw) > max_bytes:
        bag.add("PC105", f"The file would be {len(raw):,} bytes after this edit; the limit is {max_bytes:,}",
                Span(rel, 1, 1), help="Split the document, or raise limits.max_file_bytes in proccompile.yaml")
        return _Read(raw[:4096].decode("utf-8", errors="replace"), parseable=False)
    return _decode(raw, rel, bag)


def _decode(raw: bytes, rel: str, bag: Diagnostics) -> _Read:
    data = raw.removeprefix(UTF8_BOM)
    try:
        return _Read(data.decode("utf-8"), parseable=True, raw=raw)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # characters, not bytes
        guesses = guess_encodings(data)
        message, help_text = _encoding_advice(guesses)
        bag.add("PC104", f"The file is not valid UTF-8 (byte 0x{data[exc.start]:02X}){message}", Span(rel, line, col),
                help=help_text)
        return _Read(data.decode("utf-8", errors="replace"), parseable=False, raw=raw)


def _newline_of(raw: bytes) -> str:
    """The line end the file uses, judged by its first line, as editors do."""
    first = raw.find(b"\n")
    return "\r\n" if first > 0 and raw[first - 1 : first] == b"\r" else "\n"


def _encoding_advice(guesses: tuple[Encoding, ...]) -> tuple[str, str]:
    """The end of the PC104 message and its help: the one likely encoding, or each candidate with the
    text it would hold, never a single guess the bytes do not support."""
    if not guesses:
        return "", "Re-save the file as UTF-8 in the editor that wrote it"
    if len(guesses) == 1:
        return (f"; it looks like {guesses[0].name}",
                f"Re-save the file as UTF-8 (for example `iconv -f {guesses[0].iconv} -t UTF-8`)")
    names = ", ".join(g.name for g in guesses[:-1]) + f" or {guesses[-1].name}"
    each = ", ".join(f"`iconv -f {g.iconv} -t UTF-8` if it holds {g.text} text" for g in guesses)
    return f"; it may be {names}", f"Re-save the file as UTF-8 from the encoding it was saved in: {each}"


def _syntax_message(exc: MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    text = ", ".join(parts) if parts else "invalid YAML"
    if "maximum depth" in text:
        return f"Nesting is deeper than {MAX_DEPTH} levels"
    if "'\\t'" in text:
        return f"{text[0].upper()}{text[1:]} (YAML indentation must use spaces, not tabs)"
    return text[0].upper() + text[1:]


def quote_help(text: str = "", lead: str = "") -> str:
    """Help for plain text that holds `: `, which YAML reads as a key and its value; ``lead`` is what the
    example starts with (`purpose: `, `- `)."""
    quoted = "'" + text.replace("'", "''") + "'"
    example = f" as `{lead}{quoted}`" if text and len(lead) + len(quoted) <= 80 else ""
    return f"Quote the text{example}: a `: ` inside unquoted text makes YAML read a key and a value"


def _quote_help(line: str | None) -> str:
    # `purpose: 注意: 先断电` → the text `注意: 先断电` under `purpose`; `- text: a: b` keeps its `- `.
    stripped = (line or "").strip()
    item = "- " if stripped.startswith("- ") else ""
    key, sep, text = stripped.removeprefix("- ").strip().partition(": ")
    if not sep or not text or text[0] in "'\"" or " " in key:
        return quote_help()
    return quote_help(text.split(" #")[0].rstrip(), f"{item}{key}: ")


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
