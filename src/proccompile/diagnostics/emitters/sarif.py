"""The sarif format: a SARIF 2.1.0 log, which code-scanning services show as annotations on the right lines."""

from __future__ import annotations

import importlib.metadata
import json
from functools import cache
from typing import Any
from urllib.parse import quote

from proccompile import __version__
from proccompile.diagnostics.codes import Code, Severity
from proccompile.diagnostics.docs import explain
from proccompile.diagnostics.emitters.common import fingerprinted
from proccompile.diagnostics.model import Diagnostic, Report, Span
from proccompile.diagnostics.printable import json_surrogates

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Paths are project-relative; a consumer resolves them against the checkout it analysed.
SRCROOT = "%SRCROOT%"
# The key of the fingerprint in `partialFingerprints`; a new scheme gets a new version.
FINGERPRINT = "proccompile/v1"


def emit(report: Report, *, color: bool = False) -> str:
    findings = list(fingerprinted(report))
    rules = sorted({d.code.id: d.code for d, _ in findings}.values(), key=lambda c: c.id)
    index = {code.id: i for i, code in enumerate(rules)}
    artifacts = sorted({*report.paths, *(d.span.path for d, _ in findings)})
    artifact_index = {path: i for i, path in enumerate(artifacts)}
    driver: dict[str, Any] = {"name": "proccompile", "version": __version__}
    if (home := information_uri()) is not None:
        driver["informationUri"] = home
    driver["rules"] = [_rule(code) for code in rules]
    run = {
        "tool": {"driver": driver},
        # Line and column count characters, as the other formats do, not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The project root that was checked."}}},
        "artifacts": [{"location": _artifact(path)} for path in artifacts],
        "results": [_result(d, index[d.code.id], artifact_index[d.span.path], fingerprint)
                    for d, fingerprint in findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_surrogates(json.dumps(log, ensure_ascii=False, indent=2))


@cache
def information_uri() -> str | None:
    """The project's home page from the installed package's metadata; None when it names none (never guessed)."""
    try:
        metadata = importlib.metadata.metadata("proccompile")
    except importlib.metadata.PackageNotFoundError:
        return None
    entries: list[str] = [str(entry) for entry in metadata.get_all("Project-URL") or []]
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "source", "repository") and url.strip():
            return url.strip()
    home = str(metadata["Home-page"] or "") if "Home-page" in metadata else ""
    return home.strip() or None


def _rule(code: Code) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": code.id,
        "name": code.slug,
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": code.why},
        "defaultConfiguration": {"level": _level(code.severity)},
        # What a code-scanning page shows for the rule: the summary, why it matters and how to fix it.
        "help": {"text": f"{explain(code)}\n\n{_reference(code)}", "markdown": _help_markdown(code)},
    }
    return rule


def _help_markdown(code: Code) -> str:
    parts = [f"**{code.id} {code.slug}**: {code.summary}.", f"*Why it matters:* {code.why}"]
    if code.help:
        parts.append(f"*Fix:* {code.help}.")
    return "\n\n".join([*parts, _reference(code)])


def _reference(code: Code) -> str:
    return f"More: `proccompile explain {code.id}`, and docs/diagnostics.md#{code.id.lower()} in proccompile."


def _result(d: Diagnostic, rule_index: int, artifact_index: int, fingerprint: str) -> dict[str, Any]:
    message = d.message + (f"\nhelp: {d.help}" if d.help else "")
    result: dict[str, Any] = {
        "ruleId": d.code.id,
        "ruleIndex": rule_index,
        "level": _level(d.severity),
        "message": {"text": message},
        "locations": [_location(d.span, artifact_index)],
        # Code-scanning services match a finding across runs by it; it leaves the line out.
        "partialFingerprints": {FINGERPRINT: fingerprint},
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
    location: dict[str, Any] = {"uri": uri(path), "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def uri(path: str) -> str:
    """A project-relative POSIX path as an RFC 3986 relative reference: everything but unreserved characters
    and `/` percent-encoded as UTF-8 (a space, `%`, `<`, a line break or a CJK name alike)."""
    return quote(path, safe="/", errors="surrogatepass")


def _level(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.INFO: "note"}.get(severity, "warning")
