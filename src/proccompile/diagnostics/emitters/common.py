"""Text shared by the emitters: locations, plurals and the closing summary line."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.counts import counted
from proccompile.diagnostics.model import Diagnostic, Report, Span
from proccompile.diagnostics.printable import printable


def location(span: Span) -> str:
    """``path:line:col`` (or the path alone), safe to print: a file name cannot break the line."""
    path = printable(span.path)
    return f"{path}:{span.line}:{span.col}" if span.line else path


def plural(n: int, word: str) -> str:
    return counted(n, word)


def summary(report: Report) -> str:
    bag = report.diagnostics
    errors, warnings, notes = bag.count(Severity.ERROR), bag.count(Severity.WARNING), bag.count(Severity.INFO)
    if not errors and not warnings:
        passed = f"All checks passed ({plural(report.files, 'file')})"
        return passed + (f"; {plural(notes, 'note')}." if notes else ".")
    with_findings = len({d.span.path for d in bag})
    counts = [plural(n, word) for n, word in ((errors, "error"), (warnings, "warning"), (notes, "note")) if n]
    return f"Found {' and '.join(counts)} in {plural(with_findings, 'file')}."


def with_summary(lines: Iterable[str], report: Report) -> str:
    """One finding per line (or block), then the summary: the shape of every text format."""
    return "\n".join([*lines, summary(report)])


def fingerprinted(report: Report) -> Iterator[tuple[Diagnostic, str]]:
    """Each finding with a stable fingerprint: code, path and message, not the line, so a finding keeps its
    identity when lines above it move; the occurrence number keeps two identical findings in a file apart."""
    seen: Counter[str] = Counter()
    for d in report.diagnostics:
        key = f"{d.code.id}\0{d.span.path}\0{d.message}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
        yield d, digest
