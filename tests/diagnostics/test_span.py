"""Where a span ends: given explicitly, or derived from the width of the token it points at."""

from __future__ import annotations

import pytest

from proccompile.diagnostics import Span


def test_end_defaults_to_the_token_width() -> None:
    assert Span("a.yaml", 31, 16, "        owner: qualty", 6).end == (31, 22)


def test_end_of_a_span_without_width_covers_one_character() -> None:
    assert Span("a.yaml", 3, 5).end == (3, 6)


def test_explicit_end_wins() -> None:
    assert Span("a.yaml", 12, 9, None, 2, end_line=13, end_col=8).end == (13, 8)


def test_a_whole_file_span_has_no_end() -> None:
    assert Span("a.yaml").end is None


def test_end_line_and_end_col_come_together() -> None:
    with pytest.raises(ValueError):
        Span("a.yaml", 1, 1, end_line=2)
