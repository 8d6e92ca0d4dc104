"""Every registered output format rendered from the same findings and compared with its snapshot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics, Related, Report, Severity, Span
from proccompile.diagnostics.emitters import EMITTERS, FORMATS, emit
from tests.helpers import compare_or_update

SNAPSHOTS = Path(__file__).parent / "snapshots"
QP01 = "procedures/QP-01.yaml"


@pytest.fixture
def report() -> Report:
    # PC406 is raised to an error and PC311 silenced, as a project's `severity:` section would.
    bag = Diagnostics(overrides={"PC406": Severity.ERROR, "PC311": Severity.IGNORE})
    bag.add(
        "PC304", "Department `qualty` (step owner) is not defined in proccompile.yaml",
        Span(QP01, 31, 16, "        owner: qualty", 6),
        help="Did you mean `quality`?",
        related=(
            Related(Span("proccompile.yaml", 4, 3, "  quality: Quality Department", 7), "departments are defined here"),
        ),
    )
    bag.add("PC308", "No step produces record `QR-01-02`", Span(QP01, 36, 11, "  - form: QR-01-02", 8))
    bag.add("PC104", "The file is not UTF-8 (byte 0xb2 at offset 17)", Span("forms/QR-01-09.yaml"))
    bag.add(
        "PC203", "Value `50%` is not a number,\nexpected: a share such as 0.5",
        Span(QP01, 12, 10, "  share: >-", 2, end_line=13, end_col=8),
    )
    bag.add("PC406", "`Li Wei` both prepared and approved the document", Span(QP01, 8, 13, "  approved: Li Wei", 6))
    bag.add("PC311", "No procedure references form `QR-01-03`", Span("forms/QR-01-03.yaml", 1, 7, "code: QR-01-03", 8))
    return Report(bag, ("proccompile.yaml", QP01, "forms/QR-01-03.yaml", "forms/QR-01-09.yaml"))


@pytest.mark.parametrize("fmt", EMITTERS)
def test_emitter_matches_snapshot(fmt: str, report: Report, update_golden: bool) -> None:
    # The trailing newline is the one click.echo adds when the command prints the report.
    compare_or_update(SNAPSHOTS / f"{fmt}.txt", emit(fmt, report) + "\n", update_golden)


@pytest.mark.parametrize("fmt", EMITTERS)
def test_emitter_accepts_a_clean_report(fmt: str) -> None:
    assert emit(fmt, Report(Diagnostics(), ("proccompile.yaml",)))


def test_formats_are_the_registry_in_order() -> None:
    assert FORMATS == tuple(EMITTERS) == ("full", "concise", "json", "github", "gitlab", "sarif", "junit")


def test_unknown_format_names_the_known_ones(report: Report) -> None:
    with pytest.raises(ValueError, match="full, concise, json, github, gitlab, sarif, junit"):
        emit("checkstyle", report)


def test_json_carries_every_diagnostic_with_its_end(report: Report) -> None:
    data = json.loads(emit("json", report))
    assert [(d["code"], d["path"], d["line"], d["col"], d["end_line"], d["end_col"]) for d in data["diagnostics"]] == [
        ("PC104", "forms/QR-01-09.yaml", 0, 0, None, None),
        ("PC406", QP01, 8, 13, 8, 19),
        ("PC203", QP01, 12, 10, 13, 8),
        ("PC304", QP01, 31, 16, 31, 22),
        ("PC308", QP01, 36, 11, 36, 19),
    ]
    assert data["summary"] == {"errors": 4, "warnings": 1, "files": 4}


def test_color_only_tints_the_full_heading(report: Report) -> None:
    colored = emit("full", report, color=True)
    assert "\x1b[1;31merror[PC304]\x1b[0m" in colored
    assert "\x1b[1;33mwarning[PC308]\x1b[0m" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == emit("full", report)
