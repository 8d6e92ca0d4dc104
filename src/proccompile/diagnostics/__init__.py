"""Findings as data: spans, severities, diagnostics and the collection stages add to."""

from proccompile.diagnostics.codes import CODES, Code
from proccompile.diagnostics.model import Diagnostic, Diagnostics, Related, Severity, Span

__all__ = ["CODES", "Code", "Diagnostic", "Diagnostics", "Related", "Severity", "Span"]
