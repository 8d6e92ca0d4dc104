"""Findings as plain JSON values and back, so a build can replay the findings of the check it skipped."""

from __future__ import annotations

from typing import Any

from proccompile.diagnostics.codes import CODES, Severity
from proccompile.diagnostics.model import Diagnostic, Diagnostics, Related, Span


def to_records(bag: Diagnostics) -> list[dict[str, Any]]:
    """Every finding in ``bag`` in report order, as JSON-ready values."""
    return [{"code": d.code.id, "message": d.message, "severity": d.severity.value, "help": d.help,
             "span": _span(d.span), "related": [{"span": _span(r.span), "message": r.message} for r in d.related]}
            for d in bag]


def from_records(records: object) -> Diagnostics | None:
    """The findings ``to_records`` wrote; None when ``records`` is not exactly that (edited, or another format)."""
    if not isinstance(records, list):
        return None
    bag = Diagnostics()
    try:
        for record in records:
            related = tuple(Related(_restored_span(r["span"]), str(r["message"])) for r in record["related"])
            help_text = record["help"]
            bag.restore(Diagnostic(CODES[record["code"]], str(record["message"]), _restored_span(record["span"]),
                                   Severity(record["severity"]), None if help_text is None else str(help_text),
                                   related))
    except (KeyError, TypeError, ValueError):
        return None
    return bag


def _span(span: Span) -> dict[str, Any]:
    return {"path": span.path, "line": span.line, "col": span.col, "source_line": span.source_line,
            "width": span.width, "end_line": span.end_line, "end_col": span.end_col}


def _restored_span(record: dict[str, Any]) -> Span:
    source_line, end_line, end_col = record["source_line"], record["end_line"], record["end_col"]
    return Span(str(record["path"]), int(record["line"]), int(record["col"]),
                None if source_line is None else str(source_line), int(record["width"]),
                None if end_line is None else int(end_line), None if end_col is None else int(end_col))
