"""Version schemes written as patterns (Rev A, Issue 3, Issue 2.1) and display patterns holding the version."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from proccompile.model.config import VersionScheme
from proccompile.model.versions import (
    VersionNumber,
    edition_label,
    format_version,
    parse_version,
    scheme_example,
    successors,
)

REV = VersionScheme(style="pattern", pattern="Rev {letter}")
ISSUE = VersionScheme(style="pattern", pattern="Issue {n}.{amendment}", max_amendment=3)


@pytest.mark.parametrize(("scheme", "text", "number"), [
    (REV, "Rev A", VersionNumber(0, 0)), (REV, "Rev C", VersionNumber(2, 0)), (REV, "Rev a", None),
    (REV, "A/0", None), (ISSUE, "Issue 3.1", VersionNumber(3, 1)), (ISSUE, "Issue 3.4", None),
    (ISSUE, "Issue 0.1", None),
])
def test_versions_parse_by_the_pattern(scheme: VersionScheme, text: str, number: VersionNumber | None) -> None:
    assert parse_version(text, scheme) == number
    if number is not None:
        assert format_version(number, scheme) == text


def test_what_may_follow() -> None:
    assert [format_version(v, REV) for v in successors(VersionNumber(1, 0), REV)] == ["Rev C"]
    assert [format_version(v, ISSUE) for v in successors(VersionNumber(3, 1), ISSUE)] == ["Issue 3.2", "Issue 4.0"]
    assert [format_version(v, ISSUE) for v in successors(VersionNumber(3, 3), ISSUE)] == ["Issue 4.0"]


def test_the_edition_printed_in_form_numbers_and_the_help_example() -> None:
    assert edition_label("Rev B", REV) == "B" and edition_label("Issue 3.1", ISSUE) == "3"
    assert scheme_example(REV) == "`Rev {letter}`, e.g. Rev A, Rev B"


@pytest.mark.parametrize("config", [
    {"style": "pattern"}, {"style": "letter", "pattern": "Rev {letter}"}, {"style": "pattern", "pattern": "Rev"},
    {"style": "pattern", "pattern": "{letter}{n}"}, {"style": "pattern", "pattern": "Rev {x}"},
])
def test_a_pattern_needs_the_pattern_style_and_one_edition(config: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        VersionScheme.model_validate(config)


def test_a_number_that_holds_the_version_is_not_followed_by_it_again() -> None:
    from pathlib import Path

    from proccompile.diagnostics import Diagnostics
    from proccompile.pipeline import check_project
    from proccompile.render.form import form_view
    from proccompile.views.wording import Texts

    root = Path(__file__).parent.parent.parent / "examples" / "en"
    corpus = check_project(root).corpus
    view = form_view(corpus, corpus.form("QF-01-01"), Texts(root, "en", Diagnostics()), dt.date(2025, 1, 1))
    assert view.page.rows[0] == ("Form No.", "QF-01-01 Rev B")
    assert "Version" not in [label for label, _ in view.page.rows]
    assert view.page.footer[0].count("Rev B") == 1
