"""Every output format survives any text in a finding: no injected line, no raw control character, valid XML, JSON."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from proccompile.diagnostics import Diagnostics, Related, Report, Severity, Span
from proccompile.diagnostics.emitters import EMITTERS, emit
from proccompile.diagnostics.printable import printable

SARIF_SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
HOSTILE = "<img src=x onerror=alert(1)>\n::error::x\r::add-mask::y\x1b]0;x\x07</testcase>%0A\u202e\ud800[\x85\u2028"
HOSTILE_PATH = "procedures/a b\n::error file=x::y\x1b[31m%.yaml"
# What a terminal or a CI log must never receive raw: C0 and C1 controls (line feed only between lines),
# DEL, line separators, bidirectional overrides and lone surrogates.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
LINE_FORMATS = ("full", "concise", "github")
RFC3986_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$")


def hostile_report(text: str = HOSTILE, path: str = HOSTILE_PATH) -> Report:
    bag = Diagnostics()
    bag.add("PC201", f"Unknown field `{text}`", Span(path, 3, 2, f"x{text}: 1", 4), help=f"Did you mean `{text}`?",
            related=(Related(Span(path, 1, 1), f"see {text}"),))
    bag.add("PC308", f"No step produces record `{text}`", Span(path, 5, 1, text, 2))
    bag.add("PC104", f"The file {text} is not UTF-8", Span(path))
    return Report(bag, (path, "proccompile.yaml"))


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_no_finding_starts_a_line_or_reaches_the_terminal_raw(fmt: str) -> None:
    out = emit(fmt, hostile_report(), color=True)
    assert out.encode("utf-8")  # a lone surrogate would raise here, as it would when printed
    lines = out.splitlines()
    if fmt == "github":
        assert all(line.startswith(("::error file=", "::warning file=")) for line in lines[:-1])
    else:
        # GitHub runs a workflow command found at the start of any line, leading spaces trimmed.
        assert not [line for line in lines if line.lstrip().startswith("::")]
    assert lines[-1] == "Found 2 errors and 1 warning in 1 file."
    assert not RAW_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", out))  # only the colour codes we add


def test_github_escapes_per_the_workflow_command_rules() -> None:
    out = emit("github", hostile_report())
    first = out.splitlines()[1]  # the PC201 at line 3; the whole-file PC104 sorts first
    assert first.startswith("::error file=procedures/a b%0A%3A%3Aerror file=x%3A%3Ay\\x1b[31m%25.yaml,line=3,col=2,")
    assert "`<img src=x onerror=alert(1)>%0A::error::x%0D::add-mask::y\\x1b]0;x\\x07</testcase>%250A" in first


def test_concise_shows_escapes_where_the_text_had_control_characters() -> None:
    line = emit("concise", hostile_report()).splitlines()[0]
    assert line == ("procedures/a b\\n::error file=x::y\\x1b[31m%.yaml: PC104 The file <img src=x onerror=alert(1)>"
                    "\\n::error::x\\r::add-mask::y\\x1b]0;x\\x07</testcase>%0A\\u202e\\ud800[\\x85\\u2028 is not UTF-8")


def test_full_keeps_the_caret_under_the_token_after_escapes_and_wide_characters() -> None:
    bag = Diagnostics()
    bag.add("PC304", "Department `x` is not defined", Span("a.yaml", 2, 11, "  名称\x1b: 质量 x", 1))
    lines = emit("full", Report(bag, ("a.yaml",))).splitlines()
    source, caret = lines[3], lines[4]
    assert source == "2 |   名称\\x1b: 质量 x"
    # `  名称\x1b: 质量 ` takes 2 + 4 + 4 + 2 + 4 + 1 cells: the caret sits under the x.
    assert caret == "  | " + " " * 17 + "^"


def test_junit_is_well_formed_whatever_the_text() -> None:
    out = emit("junit", hostile_report())
    root = ET.fromstring(out.encode("utf-8"))
    [case] = [c for c in root.iter("testcase") if c.get("name") != "proccompile.yaml"]
    assert case.get("name") == printable(HOSTILE_PATH)
    failure = case.find("failure")
    assert failure is not None and "</testcase>" in (failure.text or "")  # shown as text, not markup
    assert root.get("failures") == "1"


def test_sarif_is_valid_and_its_uris_are_rfc3986() -> None:
    log = json.loads(emit("sarif", hostile_report()))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert all(RFC3986_REFERENCE.match(u) for u in uris), uris
    assert unquote(uris[1]) == HOSTILE_PATH
    # The text is kept as it was: JSON escapes control characters and the lone surrogate.
    assert run["results"][0]["message"]["text"].startswith("The file " + HOSTILE)


@pytest.mark.parametrize("fmt", ["json", "gitlab", "sarif"])
def test_json_formats_keep_the_text_and_encode_as_utf8(fmt: str) -> None:
    out = emit(fmt, hostile_report())
    out.encode("utf-8")
    # The text is kept as it was, surrogate and all: JSON escapes what it must.
    assert any(f"`{HOSTILE}`" in text for text in _strings(json.loads(out)))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@given(text=st.text(max_size=40), path=st.text(min_size=1, max_size=20))
def test_every_format_takes_any_text(text: str, path: str) -> None:
    report = hostile_report(text, path)
    for fmt in EMITTERS:
        out = emit(fmt, report)
        out.encode("utf-8")
        if fmt in LINE_FORMATS:
            assert len(out.splitlines()) == len(emit(fmt, hostile_report("x", "p")).splitlines())
            assert not RAW_CONTROL.search(out)
        elif fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        else:
            json.loads(out)


def test_warnings_in_a_hostile_report_keep_their_severity() -> None:
    data = json.loads(emit("json", hostile_report()))
    assert [d["severity"] for d in data["diagnostics"]].count(Severity.WARNING.value) == 1
