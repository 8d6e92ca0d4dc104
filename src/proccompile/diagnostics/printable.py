"""How user text is made safe for each output: visible escapes for terminals and logs, escapes for JSON.

Keys, values and file names come from files anyone can write. A line break in a key must not start a new
line in a CI log (where `::error …` or `::add-mask::` at a line's start is a command), an ESC or BEL must
not reach a terminal, a bidirectional override must not reorder what a reviewer reads, and a lone
surrogate must not stop the output with an encoding error.
"""

from __future__ import annotations

import re

# C0 and C1 controls (C1 has CSI, U+009B, which some terminals obey), DEL, the Unicode line and paragraph
# separators, the bidirectional marks, embeddings, overrides and isolates, lone surrogates, and the two
# non-characters XML forbids. Every character that XML 1.0 forbids is in this set.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` on one line, every unsafe character written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return _UNSAFE.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def json_surrogates(text: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with lone surrogates written as ``\\udXXX`` escapes.

    A raw surrogate cannot be encoded as UTF-8; in JSON text it can only stand inside a string, where the
    escape is what ``ensure_ascii`` would have written.
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
