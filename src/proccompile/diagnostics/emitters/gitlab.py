"""The gitlab format: a GitLab Code Quality report, which merge requests show beside the changed lines."""

from __future__ import annotations

import json
from typing import Any

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import fingerprinted
from proccompile.diagnostics.model import Diagnostic, Report
from proccompile.diagnostics.printable import json_surrogates


def emit(report: Report, *, color: bool = False) -> str:
    issues = [_issue(d, fingerprint) for d, fingerprint in fingerprinted(report)]
    return json_surrogates(json.dumps(issues, ensure_ascii=False, indent=2))


def _issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": f"{d.code.id} {d.code.slug}",
        "description": d.message + (f" (help: {d.help})" if d.help else ""),
        "severity": {Severity.ERROR: "major", Severity.INFO: "info"}.get(d.severity, "minor"),
        "fingerprint": fingerprint,
        "location": {"path": d.span.path, "lines": {"begin": max(1, d.span.line)}},
    }
