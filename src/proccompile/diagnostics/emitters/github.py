"""The github format: GitHub Actions workflow commands, which annotate the pull request diff."""

from __future__ import annotations

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import with_summary
from proccompile.diagnostics.model import Diagnostic, Report


def emit(report: Report, *, color: bool = False) -> str:
    return with_summary((_command(d) for d in report.diagnostics), report)


def _command(d: Diagnostic) -> str:
    level = "error" if d.severity is Severity.ERROR else "warning"
    where = f"file={_escape_property(d.span.path)}"
    if d.span.line:
        where += f",line={d.span.line},col={d.span.col}"
    message = d.message + (f" (help: {d.help})" if d.help else "")
    return f"::{level} {where},title={_escape_property(f'{d.code.id} {d.code.slug}')}::{_escape_data(message)}"


def _escape_property(text: str) -> str:
    # A file name with a newline would otherwise start a new workflow command (`::stop-commands::`).
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape_data(text: str) -> str:
    # A raw newline would end the command; `,` and `:` only need escaping in properties, not here.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
