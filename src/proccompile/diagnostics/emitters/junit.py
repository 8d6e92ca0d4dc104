"""The junit format: JUnit XML with one test case per checked file and a failure per error in it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.emitters.common import location
from proccompile.diagnostics.model import Diagnostic, Report

SUITE = "proccompile check"


def emit(report: Report, *, color: bool = False) -> str:
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        by_path[d.span.path].append(d)
    paths = sorted({*report.paths, *by_path})
    # Warnings do not fail a run without --strict, so they are a failing test case's neighbours, not failures:
    # they are listed in the case's output, where CI test reports show them.
    failures = sum(1 for d in report.diagnostics if d.severity is Severity.ERROR)
    counts = {"tests": str(len(paths)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE, **counts})
    for path in paths:
        case = ET.SubElement(suite, "testcase", {"classname": "proccompile", "name": path, "file": path})
        warnings = []
        for d in by_path.get(path, []):
            text = _text(d)
            if d.severity is Severity.ERROR:
                failure = ET.SubElement(case, "failure", {"type": d.code.id, "message": f"{d.code.id} {d.message}"})
                failure.text = text
            else:
                warnings.append(f"warning: {text}")
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(warnings)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _text(d: Diagnostic) -> str:
    return f"{location(d.span)}: {d.code.id} {d.message}" + (f"\nhelp: {d.help}" if d.help else "")
