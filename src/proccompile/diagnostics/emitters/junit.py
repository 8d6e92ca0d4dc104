"""The junit format: JUnit XML with one test case per checked file, failed once when the file has errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from proccompile.diagnostics.emitters.common import location, plural
from proccompile.diagnostics.model import Diagnostic, Report
from proccompile.diagnostics.printable import printable

SUITE = "proccompile check"


def emit(report: Report, *, color: bool = False) -> str:
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        by_path[d.span.path].append(d)
    paths = sorted({*report.paths, *by_path})
    # A test case is a file; it fails (once) when a finding in it fails the run: an error, or a warning
    # under --strict. Other warnings do not fail a run, so they go to the case's output, where CI test
    # reports show them. `errors` is for a test that could not run, and every file was checked.
    failing = sum(1 for path in paths if any(report.fails(d) for d in by_path.get(path, [])))
    counts = {"tests": str(len(paths)), "failures": str(failing), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE, **counts})
    for path in paths:
        # Every text is made printable first: XML 1.0 cannot hold ESC, BEL or a lone surrogate at all,
        # escaped or not, and the report is read by people in a CI page.
        name = printable(path)
        case = ET.SubElement(suite, "testcase", {"classname": "proccompile", "name": name, "file": name})
        findings = by_path.get(path, [])
        failed = [d for d in findings if report.fails(d)]
        if failed:
            first = failed[0]
            more = f" (and {plural(len(failed) - 1, 'more finding')})" if len(failed) > 1 else ""
            failure = ET.SubElement(case, "failure", {
                "type": first.code.id,
                "message": f"{first.code.id} {printable(first.message)}{more}",
            })
            failure.text = "\n".join(_text(d) for d in failed)
        passed = [d for d in findings if not report.fails(d)]
        if passed:
            ET.SubElement(case, "system-out").text = "\n".join(f"{d.severity.value}: {_text(d)}" for d in passed)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _text(d: Diagnostic) -> str:
    return f"{location(d.span)}: {d.code.id} {printable(d.message)}" + (
        f"\nhelp: {printable(d.help)}" if d.help else "")
