"""The github format: GitHub Actions workflow commands, which annotate the pull request diff."""

from __future__ import annotations

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import with_summary
from proccompile.diagnostics.model import Diagnostic, Report
from proccompile.diagnostics.printable import printable


def emit(report: Report, *, color: bool = False) -> str:
    return with_summary((_command(d) for d in report.diagnostics), report)


def _command(d: Diagnostic) -> str:
    level = {Severity.ERROR: "error", Severity.INFO: "notice"}.get(d.severity, "warning")
    where = f"file={_escape_property(d.span.path)}"
    if d.span.line:
        where += f",line={d.span.line},col={d.span.col}"
    message = d.message + (f" (help: {d.help})" if d.help else "")
    return f"::{level} {where},title={_escape_property(f'{d.code.id} {d.code.slug}')}::{_escape_data(message)}"


def _escape_property(text: str) -> str:
    # A property ends at `,` and the properties at `::`, so both are encoded as the runner decodes them.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape_data(text: str) -> str:
    # The runner reads one command per line and decodes %25, %0D and %0A, so a line break in a key cannot
    # end the command; `%` is encoded first so that text such as `%0A` in a key stays text. Other control
    # characters are written as visible escapes: an ESC would colour the log, a lone surrogate stop it.
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
