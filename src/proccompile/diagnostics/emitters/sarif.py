"""The sarif format: a SARIF 2.1.0 log, which code-scanning services show as annotations on the right lines."""

from __future__ import annotations

import json
from typing import Any

from proccompile import __version__
from proccompile.diagnostics.codes import Code, Severity
from proccompile.diagnostics.model import Diagnostic, Report, Span

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Paths are project-relative; a consumer resolves them against the checkout it analysed.
SRCROOT = "%SRCROOT%"


def emit(report: Report, *, color: bool = False) -> str:
    findings = list(report.diagnostics)
    rules = sorted({d.code.id: d.code for d in findings}.values(), key=lambda c: c.id)
    index = {code.id: i for i, code in enumerate(rules)}
    artifacts = sorted({*report.paths, *(d.span.path for d in findings)})
    run = {
        "tool": {"driver": {
            "name": "proccompile",
            "version": __version__,
            "rules": [_rule(code) for code in rules],
        }},
        # Line and column count characters, as the other formats do, not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The project root that was checked."}}},
        "artifacts": [{"location": _artifact(path)} for path in artifacts],
        "results": [_result(d, index[d.code.id], artifacts.index(d.span.path)) for d in findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2)


def _rule(code: Code) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": code.id,
        "name": code.slug,
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": code.why},
        "defaultConfiguration": {"level": _level(code.severity)},
    }
    if code.help:
        rule["help"] = {"text": code.help}
    return rule


def _result(d: Diagnostic, rule_index: int, artifact_index: int) -> dict[str, Any]:
    message = d.message + (f"\nhelp: {d.help}" if d.help else "")
    result: dict[str, Any] = {
        "ruleId": d.code.id,
        "ruleIndex": rule_index,
        "level": _level(d.severity),
        "message": {"text": message},
        "locations": [_location(d.span, artifact_index)],
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": i, **_location(r.span), "message": {"text": r.message}} for i, r in enumerate(d.related)
        ]
    return result


def _location(span: Span, artifact_index: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(span.path, artifact_index)}
    end = span.end
    if span.line and end:
        physical["region"] = {"startLine": span.line, "startColumn": max(1, span.col),
                              "endLine": end[0], "endColumn": max(1, end[1])}
    return {"physicalLocation": physical}


def _artifact(path: str, index: int | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"uri": path, "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"
