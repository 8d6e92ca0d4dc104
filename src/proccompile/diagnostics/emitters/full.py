"""The full format: each finding with its source line, a caret under the token, notes and help."""

from __future__ import annotations

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import location, with_summary
from proccompile.diagnostics.model import Diagnostic, Report, Span

_RED, _YELLOW, _RESET = "\x1b[1;31m", "\x1b[1;33m", "\x1b[0m"


def emit(report: Report, *, color: bool = False) -> str:
    return with_summary((_block(d, color) for d in report.diagnostics), report)


def _block(d: Diagnostic, color: bool) -> str:
    head = f"{d.severity.value}[{d.code.id}]"
    if color:
        head = f"{_RED if d.severity is Severity.ERROR else _YELLOW}{head}{_RESET}"
    lines = [f"{head}: {d.message}", f" --> {location(d.span)}", *_snippet(d.span)]
    for related in d.related:
        lines += [f"note: {related.message}", f" --> {related.span.path}:{related.span.line}:{related.span.col}"]
    if d.help:
        lines.append(f"help: {d.help}")
    lines.append("")  # a blank line between findings
    return "\n".join(lines)


def _snippet(span: Span) -> list[str]:
    if span.source_line is None or not span.line:
        return []
    number = str(span.line)
    pad = " " * len(number)
    # A tab would shift the line but not the caret, so both are drawn with spaces.
    text = span.source_line.replace("\t", " ")
    caret = " " * (span.col - 1) + "^" * max(1, span.width)
    return [f"{pad} |", f"{number} | {text}", f"{pad} | {caret}", f"{pad} |"]
