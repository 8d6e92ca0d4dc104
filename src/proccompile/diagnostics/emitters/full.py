"""The full format: each finding with its source line, a caret under the token, notes and help."""

from __future__ import annotations

import unicodedata

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import location, with_summary
from proccompile.diagnostics.model import Diagnostic, Report, Span
from proccompile.diagnostics.printable import printable

_RED, _YELLOW, _RESET = "\x1b[1;31m", "\x1b[1;33m", "\x1b[0m"


def emit(report: Report, *, color: bool = False) -> str:
    return with_summary((_block(d, color) for d in report.diagnostics), report)


def _block(d: Diagnostic, color: bool) -> str:
    head = f"{d.severity.value}[{d.code.id}]"
    if color:
        head = f"{_RED if d.severity is Severity.ERROR else _YELLOW}{head}{_RESET}"
    # Every piece of text is one printable line: a key or file name holding a line break, an ESC or a
    # BEL shows it as an escape instead of starting a line, moving the cursor or retitling the terminal.
    lines = [f"{head}: {printable(d.message)}", f" --> {location(d.span)}", *_snippet(d.span)]
    for related in d.related:
        lines += [f"note: {printable(related.message)}", f" --> {location(related.span)}"]
    if d.help:
        lines.append(f"help: {printable(d.help)}")
    lines.append("")  # a blank line between findings
    return "\n".join(lines)


def _snippet(span: Span) -> list[str]:
    if span.source_line is None or not span.line:
        return []
    number = str(span.line)
    pad = " " * len(number)
    start, width = max(0, span.col - 1), max(1, span.width)
    # A tab would shift the line but not the caret, so both are drawn with spaces; the caret is measured
    # in terminal cells, so it stays under its token after CJK text or an escaped control character.
    before, token, after = (_shown(part) for part in (span.source_line[:start],
                                                      span.source_line[start:start + width],
                                                      span.source_line[start + width:]))
    caret = " " * _cells(before) + "^" * max(1, _cells(token))
    return [f"{pad} |", f"{number} | {before}{token}{after}", f"{pad} | {caret}", f"{pad} |"]


def _shown(text: str) -> str:
    return printable(text.replace("\t", " "))


def _cells(text: str) -> int:
    """How many terminal columns ``text`` takes: two for wide (CJK) characters, none for combining marks."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)
