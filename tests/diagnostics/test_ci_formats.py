"""The CI formats: SARIF validates against the official 2.1.0 schema, JUnit and GitLab keep their promises."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from proccompile.diagnostics import Diagnostics, Report, Severity, Span
from proccompile.diagnostics.emitters import emit
from tests.diagnostics.test_emitters import QP01, report  # noqa: F401 - the shared fixture
from tests.helpers import run_cli

# The OASIS SARIF 2.1.0 schema (errata 01), vendored so the test runs offline; see tests/data/README.md.
SARIF_SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
CASES = Path(__file__).parents[1] / "cases"


def _validate_sarif(text: str) -> dict[str, object]:
    log = json.loads(text)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    return log


def test_sarif_validates_against_the_schema(report: Report) -> None:  # noqa: F811
    log = _validate_sarif(emit("sarif", report))
    run = log["runs"][0]  # type: ignore[index]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("PC104", "error"), ("PC406", "error"), ("PC203", "error"), ("PC304", "error"), ("PC308", "warning"),
    ]
    # Every result points at its rule and its artifact by index, as viewers that resolve them expect.
    rules = run["tool"]["driver"]["rules"]
    artifacts = [a["location"]["uri"] for a in run["artifacts"]]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        location = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifacts[location["index"]] == location["uri"]
    whole_file = results[0]["locations"][0]["physicalLocation"]
    assert "region" not in whole_file  # PC104 concerns the whole file: no line to point at
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 10, "endLine": 13, "endColumn": 8,
    }
    assert results[3]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "proccompile.yaml"


def test_sarif_of_a_clean_run_validates() -> None:
    log = _validate_sarif(emit("sarif", Report(Diagnostics(), ("proccompile.yaml",))))
    assert log["runs"][0]["results"] == []  # type: ignore[index]


@pytest.mark.parametrize("case", sorted(p.name for p in (CASES / "invalid").iterdir()))
def test_sarif_of_every_case_validates(case: str, tmp_path: Path) -> None:
    # A case runs `check`, or the `build` its command.txt names (render-time codes), here with SARIF output.
    command = CASES / "invalid" / case / "command.txt"
    args = command.read_text("utf-8").split() if command.exists() else ["check", "--format", "concise", "."]
    if "concise" not in args and "full" not in args:  # `register` reports its findings (PC331) in one format
        pytest.skip("the case's command has no findings format to choose")
    args = [str(tmp_path / "out") if a == "{out}" else "sarif" if a in ("concise", "full") else a for a in args]
    code, output = run_cli(args, CASES / "invalid" / case)
    log = _validate_sarif(output)
    assert code in (0, 1, 2)
    assert case.split("-")[0] in {r["ruleId"] for r in log["runs"][0]["results"]}  # type: ignore[index]


def test_junit_has_a_case_per_file_failed_at_most_once(report: Report) -> None:  # noqa: F811
    root = ET.fromstring(emit("junit", report))
    suite = root.find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert sorted(cases) == sorted(report.paths)
    # Two files have errors: two failed test cases, whatever the number of findings in them.
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "0")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "0")
    [failure] = cases[QP01].findall("failure")
    assert failure.get("type") == "PC406"
    assert [line.split(": ")[1].split()[0] for line in (failure.text or "").splitlines() if ": PC" in line] == [
        "PC406", "PC203", "PC304"]
    assert "(and 2 more findings)" in (failure.get("message") or "")
    assert "PC308" in (cases[QP01].findtext("system-out") or "")  # a warning is shown, not failed
    assert list(cases["proccompile.yaml"]) == []


def test_junit_fails_a_file_with_only_warnings_under_strict() -> None:
    bag = Diagnostics()
    bag.add("PC308", "No step produces record `QR-01-02`", Span(QP01, 3, 1))
    lenient = ET.fromstring(emit("junit", Report(bag, (QP01,))))
    strict = ET.fromstring(emit("junit", Report(bag, (QP01,), strict=True)))
    assert lenient.get("failures") == "0" and not list(lenient.iter("failure"))
    assert strict.get("failures") == "1" and [f.get("type") for f in strict.iter("failure")] == ["PC308"]


def test_check_strict_counts_warnings_as_junit_failures(tmp_path: Path) -> None:
    case = CASES / "invalid" / "PC308-record-not-produced"
    _, plain = run_cli(["check", "--format", "junit", "."], case)
    code, strict = run_cli(["check", "--format", "junit", "--strict", "."], case)
    assert ET.fromstring(plain).get("failures") == "0"
    assert (code, ET.fromstring(strict).get("failures")) == (1, "1")


def test_gitlab_fingerprints_survive_moved_lines() -> None:
    def one(line: int) -> list[dict[str, object]]:
        bag = Diagnostics()
        for _ in range(2):  # the same finding twice in one file
            bag.add("PC304", "Department `x` (step owner) is not defined in proccompile.yaml",
                    Span(QP01, line, 3, "  owner: x", 1))
        bag.add("PC304", "Department `x` (step owner) is not defined in proccompile.yaml",
                Span(QP01, line + 5, 3, "  owner: x", 1))
        return json.loads(emit("gitlab", Report(bag, (QP01,))))  # type: ignore[no-any-return]

    before, after = one(10), one(20)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert len({i["fingerprint"] for i in before}) == 2  # the duplicate collapses; the other stays apart
    assert after[0]["location"] == {"path": QP01, "lines": {"begin": 20}}
    assert {i["severity"] for i in before} == {"major"}


def test_gitlab_marks_warnings_minor() -> None:
    bag = Diagnostics(overrides={"PC304": Severity.WARNING})
    bag.add("PC304", "Department `x` is not defined", Span(QP01))
    [issue] = json.loads(emit("gitlab", Report(bag, (QP01,))))
    assert issue["severity"] == "minor" and issue["location"]["lines"]["begin"] == 1


def test_sarif_rules_all_carry_help_and_results_fingerprints() -> None:
    # One finding of every code: each rule a code-scanning page shows has its help.
    from proccompile.diagnostics import CODES

    bag = Diagnostics()
    for i, code in enumerate(CODES):
        bag.add(code, f"finding {i}", Span(QP01, i + 1, 1))
    log = _validate_sarif(emit("sarif", Report(bag, (QP01,))))
    run = log["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == len(CODES)
    for rule in rules:
        assert rule["help"]["text"].startswith(f"{rule['id']} ({rule['name']})")
        assert f"docs/diagnostics.md#{rule['id'].lower()}" in rule["help"]["markdown"]
    fingerprints = [r["partialFingerprints"]["proccompile/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(CODES)


def test_sarif_fingerprints_match_gitlab_and_leave_the_line_out(report: Report) -> None:  # noqa: F811
    sarif_prints = [r["partialFingerprints"]["proccompile/v1"]
                    for r in json.loads(emit("sarif", report))["runs"][0]["results"]]
    assert sarif_prints == [i["fingerprint"] for i in json.loads(emit("gitlab", report))]


def test_sarif_names_a_home_page_only_from_the_package_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import email.message

    from proccompile.diagnostics.emitters import sarif

    clean = Report(Diagnostics(), ("proccompile.yaml",))
    metadata = email.message.Message()
    monkeypatch.setattr(sarif.importlib.metadata, "metadata", lambda name: metadata)
    sarif.information_uri.cache_clear()
    try:
        assert "informationUri" not in json.loads(emit("sarif", clean))["runs"][0]["tool"]["driver"]
        metadata["Project-URL"] = "Homepage, https://example.org/proccompile"
        sarif.information_uri.cache_clear()
        log = _validate_sarif(emit("sarif", clean))
        assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/proccompile"  # type: ignore[index]
    finally:
        sarif.information_uri.cache_clear()
