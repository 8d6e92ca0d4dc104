"""The form model's new parts: rows, fixed content, groups, signers, and the order a file writes them in."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from proccompile.lifecycle.semantic import Change, semantic_diff
from proccompile.model.fingerprint import fingerprint, locked_content
from proccompile.model.form import Form, Signers

BASE = {"code": "F", "title": "t", "version": "A/0", "owner": "quality"}


def _form(**body: object) -> Form:
    return Form.model_validate({**BASE, **body})


@pytest.mark.parametrize(("field", "message"), [
    ({"label": "Signed", "type": "signature", "value": "J. Smith"}, "never printed"),
    ({"label": "Done", "type": "checkbox", "value": "yes"}, "ticked by hand"),
    ({"label": "Level", "type": "choice", "options": ["1", "2"], "value": "3"}, "not one of the options"),
])
def test_a_value_is_refused_where_it_would_invent_or_contradict(field: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _form(fields=[field])


@pytest.mark.parametrize(("table", "message"), [
    ({"columns": [{"label": "A"}], "rows": 5, "blank_rows": 2}, "give the total in rows"),
    ({"columns": [{"label": "A"}], "rows": [{"cells": ["x", "y"]}]}, "2 cells but the table has 1"),
    ({"columns": [{"label": "No."}], "rows": ["A1"], "numbered": True}, "second column"),
    ({"columns": [{"label": "A"}], "rows": ["x"] * 150, "blank_rows": 60}, "at most 200 rows"),
    ({"columns": [{"label": "A", "group": ["a", "b", "c"]}]}, "one or two headings"),
])
def test_tables_that_cannot_print_as_written_are_refused(table: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _form(table=table)


def test_rows_list_labels_cells_and_blank_rows() -> None:
    table = _form(table={"columns": [{"label": "A"}, {"label": "B"}, {"label": "C"}],
                         "rows": ["A1", {"cells": ["A2", None, "x"]}], "blank_rows": 3}).table
    assert table is not None
    assert table.listed == [("A1",), ("A2", None, "x")] and table.blank_count == 3
    plain = _form(table={"columns": [{"label": "A"}], "rows": 7}).table
    assert plain is not None and plain.listed == [] and plain.blank_count == 7


def test_signers_are_roles_alone_or_roles_with_boxes() -> None:
    short = dict(_form(signers=["检验员", "审核"]).printed())["signers"]
    assert short == Signers(roles=["检验员", "审核"])
    assert short.boxes == ["name", "signature", "date"] and short.layout == "rows"
    with pytest.raises(ValidationError, match="printed once"):
        _form(signers={"roles": ["A"], "boxes": ["date", "date"]})


def test_parts_keep_the_order_the_file_writes_them_in() -> None:
    written = _form(signoffs=["A"], text="T", table={"columns": [{"label": "x"}]}, fields=[{"label": "F"}],
                    sections=[{"tables": [{"columns": [{"label": "y"}]}], "fields": [{"label": "G"}]}])
    assert [key for key, _ in written.printed()] == ["signoffs", "text", "table", "fields", "sections"]
    assert [key for key, _ in written.sections[0].printed()] == ["tables", "fields"]
    assert written.all_tables()[0].columns[0].label == "x"


def test_the_order_is_content_a_release_locks_and_a_diff_shows() -> None:
    usual = {**BASE, "fields": [{"label": "F"}], "table": {"columns": [{"label": "x"}]}, "signoffs": ["A"]}
    moved = {**BASE, "table": {"columns": [{"label": "x"}]}, "fields": [{"label": "F"}], "signoffs": ["A"]}
    assert fingerprint(usual) != fingerprint(moved)
    # Documents written in the order that always printed keep the fingerprints they had.
    assert "(printed order)" not in locked_content(usual) and "(printed order)" in locked_content(moved)
    changes = semantic_diff(Form.model_validate(usual), Form.model_validate(moved))
    assert changes == [Change("changed", "", "print order", "fields, table, signoffs", "table, fields, signoffs")]
