"""Findings as data: spans, severities, diagnostics, the collection stages add to, and the report to emit."""

from proccompile.diagnostics.codes import CODES, Code, Severity
from proccompile.diagnostics.model import Diagnostic, Diagnostics, Related, Report, Span

__all__ = ["CODES", "Code", "Diagnostic", "Diagnostics", "Related", "Report", "Severity", "Span"]
