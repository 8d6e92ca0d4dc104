"""Text shared by the emitters: locations, plurals and the closing summary line."""

from __future__ import annotations

from collections.abc import Iterable

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.model import Report, Span


def location(span: Span) -> str:
    return f"{span.path}:{span.line}:{span.col}" if span.line else span.path


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(report: Report) -> str:
    bag = report.diagnostics
    errors, warnings = bag.count(Severity.ERROR), bag.count(Severity.WARNING)
    if not errors and not warnings:
        return f"All checks passed ({plural(report.files, 'file')})."
    with_findings = len({d.span.path for d in bag})
    counts = [plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return f"Found {' and '.join(counts)} in {plural(with_findings, 'file')}."


def with_summary(lines: Iterable[str], report: Report) -> str:
    """One finding per line (or block), then the summary: the shape of every text format."""
    return "\n".join([*lines, summary(report)])
