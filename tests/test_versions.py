"""The version scheme: parsing, order and which versions may follow which."""

from __future__ import annotations

import pytest

from proccompile.model.config import VersionScheme
from proccompile.model.versions import VersionNumber, format_version, parse_version, successors

LETTER = VersionScheme(style="letter", max_amendment=4)
NUMERIC = VersionScheme(style="numeric", max_amendment=9)


@pytest.mark.parametrize(("text", "expected"), [("A/0", (0, 0)), ("B/4", (1, 4)), ("A/5", None), ("a/0", None),
                                                 ("A0", None), ("1.0", None)])
def test_letter_versions(text: str, expected: tuple[int, int] | None) -> None:
    parsed = parse_version(text, LETTER)
    assert (None if parsed is None else (parsed.edition, parsed.amendment)) == expected


def test_numeric_versions_round_trip() -> None:
    assert format_version(parse_version("2.9", NUMERIC), NUMERIC) == "2.9"
    assert parse_version("2.10", NUMERIC) is None


@pytest.mark.parametrize(("current", "allowed"), [("A/0", ["A/1", "B/0"]), ("A/4", ["B/0"]), ("Z/3", ["Z/4"]),
                                                   ("Z/4", [])])
def test_successors(current: str, allowed: list[str]) -> None:
    assert [format_version(v, LETTER) for v in successors(parse_version(current, LETTER), LETTER)] == allowed


def test_order_is_edition_then_amendment() -> None:
    assert VersionNumber(0, 4) < VersionNumber(1, 0) < VersionNumber(1, 1)
