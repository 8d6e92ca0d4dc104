"""The gitlab format: a GitLab Code Quality report, which merge requests show beside the changed lines."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.model import Diagnostic, Report


def emit(report: Report, *, color: bool = False) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for d in report.diagnostics:
        # The fingerprint leaves the line out, so a finding keeps its identity when lines above it move;
        # the occurrence number keeps two identical findings in one file apart.
        key = f"{d.code.id}\0{d.span.path}\0{d.message}"
        seen[key] += 1
        issues.append(_issue(d, hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()))
    return json.dumps(issues, ensure_ascii=False, indent=2)


def _issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": f"{d.code.id} {d.code.slug}",
        "description": d.message + (f" (help: {d.help})" if d.help else ""),
        "severity": "major" if d.severity is Severity.ERROR else "minor",
        "fingerprint": fingerprint,
        "location": {"path": d.span.path, "lines": {"begin": max(1, d.span.line)}},
    }
