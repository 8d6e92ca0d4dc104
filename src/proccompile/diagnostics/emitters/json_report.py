"""The json format: every finding with its start and end position, and the counts, for tools."""

from __future__ import annotations

import json
from typing import Any

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.model import Diagnostic, Report
from proccompile.diagnostics.printable import json_surrogates


def emit(report: Report, *, color: bool = False) -> str:
    bag = report.diagnostics
    document = {
        "diagnostics": [_diagnostic(d) for d in bag],
        "summary": {
            "errors": bag.count(Severity.ERROR),
            "warnings": bag.count(Severity.WARNING),
            "files": report.files,
        },
    }
    return json_surrogates(json.dumps(document, ensure_ascii=False, indent=2))


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    end = d.span.end
    return {
        "code": d.code.id,
        "slug": d.code.slug,
        "severity": d.severity.value,
        "message": d.message,
        "path": d.span.path,
        "line": d.span.line,
        "col": d.span.col,
        "end_line": end[0] if end else None,
        "end_col": end[1] if end else None,
        "help": d.help,
        "related": [
            {"message": r.message, "path": r.span.path, "line": r.span.line, "col": r.span.col}
            for r in d.related
        ],
    }
