"""Richer steps: support departments, anchored time limits, step tables; durations in weeks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from proccompile.model.display import time_limit_text
from proccompile.model.procedure import Step, StepTable
from proccompile.model.types import Duration


def _step(**extra: object) -> Step:
    return Step.model_validate({"text": "Do it.", "owner": "quality", **extra})


@pytest.mark.parametrize(("extra", "zh", "en"), [
    ({"time_limit": "2w"}, "2周", "2 weeks"),
    ({"time_limit": "1w"}, "1周", "1 week"),
    ({"time_limit": "24h", "anchor": "收到投诉"}, "收到投诉后 24 小时", "24 h after 收到投诉"),
    ({"time_limit": "2w", "anchor": "the audit", "before": True}, "the audit前 2周", "2 weeks before the audit"),
    ({}, "", ""),
])
def test_time_limits_read_with_their_anchor(extra: dict[str, object], zh: str, en: str) -> None:
    step = _step(**extra)
    assert (time_limit_text(step, "zh"), time_limit_text(step, "en")) == (zh, en)


def test_one_of_a_unit_is_singular_in_english() -> None:
    assert [Duration(1, u).display("en") for u in ("d", "wd", "mo", "y")] == ["1 day", "1 working day", "1 month",
                                                                             "1 year"]
    assert Duration(3, "d").display("en") == "3 days"


@pytest.mark.parametrize("extra", [{"anchor": "the audit"}, {"before": True}, {"time_limit": "2w", "before": True}])
def test_an_anchor_qualifies_a_time_limit(extra: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _step(**extra)


def test_a_step_table_row_has_a_cell_per_column() -> None:
    StepTable(columns=["a", "b"], rows=[["1", "2"]])
    with pytest.raises(ValidationError, match="row 1 has 1 cell but the table has 2 columns"):
        StepTable(columns=["a", "b"], rows=[["1"]])


def test_support_departments_are_references() -> None:
    from proccompile.model.procedure import Procedure
    from proccompile.model.refs import department_refs

    data = {"code": "P", "title": "t", "version": "A/0", "status": "draft", "owner": "quality", "purpose": "p",
            "scope": "s", "responsibilities": [{"department": "quality", "duties": ["d"]}],
            "process": [{"title": "x", "steps": [{"text": "t", "owner": "quality", "support": ["sales"]}]}],
            "revisions": [{"version": "A/0", "date": "2024-01-01", "change": "c", "author": "a"}]}
    refs = [(r.target, r.loc, r.role) for r in department_refs(Procedure.model_validate(data))]
    assert ("sales", ("process", 0, "steps", 0, "support", 0), "step support") in refs
