"""Findings recorded as JSON values (in a build's manifest) come back exactly as they were found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proccompile.diagnostics.records import from_records, to_records
from proccompile.pipeline import ConfigError, check_project

CASES = sorted((Path(__file__).parent.parent / "cases" / "invalid").iterdir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_case_s_findings_survive_the_round_trip_through_json(case: Path) -> None:
    try:
        bag = check_project(case).diagnostics
    except ConfigError:  # exit 2: a build never gets as far as recording findings
        pytest.skip("the config does not load")
    restored = from_records(json.loads(json.dumps(to_records(bag))))
    assert restored is not None
    assert list(restored) == list(bag)


@pytest.mark.parametrize("records", [None, {}, [1], [{"code": "PC101"}], [{"code": "PC999", "message": "m"}]])
def test_records_that_are_not_what_was_written_are_refused(records: object) -> None:
    assert from_records(records) is None
