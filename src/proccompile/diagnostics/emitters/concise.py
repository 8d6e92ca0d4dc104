"""The concise format: one line per finding, like ruff's; errors carry no severity tag."""

from __future__ import annotations

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import location, with_summary
from proccompile.diagnostics.model import Diagnostic, Report
from proccompile.diagnostics.printable import printable


def emit(report: Report, *, color: bool = False) -> str:
    return with_summary((_line(d) for d in report.diagnostics), report)


def _line(d: Diagnostic) -> str:
    # One finding is one line, whatever its text holds: a line break shows as \n and cannot start a line
    # of its own (in a CI log, `::error …` at a line's start is a command).
    tag = "" if d.severity is Severity.ERROR else f" [{d.severity.value}]"
    return f"{location(d.span)}: {d.code.id}{tag} {printable(d.message)}"
