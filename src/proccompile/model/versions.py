"""Version numbers in the project's scheme (A/0 letter, 1.0 numeric, or a pattern such as Rev A) and their order."""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

from proccompile.model.config import VersionScheme

_LETTER = re.compile(r"^([A-Z])/(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,3})\.(\d{1,2})$")


@dataclass(frozen=True, order=True, slots=True)
class VersionNumber:
    """Edition and amendment: A/3 is (0, 3); 2.1 is (2, 1)."""

    edition: int
    amendment: int


@functools.cache
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _, _ in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "letter":
            parts.append("(?P<letter>[A-Z])")
        elif name == "n":
            parts.append("(?P<n>[1-9][0-9]{0,2})")
        elif name == "amendment":
            parts.append("(?P<amendment>[0-9]{1,2})")
    return re.compile("^" + "".join(parts) + "$")


def _parse_pattern(text: str, scheme: VersionScheme) -> VersionNumber | None:
    assert scheme.pattern is not None
    match = _pattern_regex(scheme.pattern).match(text)
    if not match:
        return None
    found = match.groupdict()
    edition = ord(found["letter"]) - ord("A") if found.get("letter") else int(found["n"])
    amendment = int(found["amendment"]) if found.get("amendment") is not None else 0
    return VersionNumber(edition, amendment) if amendment <= scheme.max_amendment else None


def _amends(scheme: VersionScheme) -> bool:
    return scheme.style != "pattern" or "{amendment}" in (scheme.pattern or "")


def parse_version(text: str, scheme: VersionScheme) -> VersionNumber | None:
    """The version's parts, or None when it does not follow ``scheme``."""
    if scheme.style == "pattern":
        return _parse_pattern(text, scheme)
    match = (_LETTER if scheme.style == "letter" else _NUMERIC).match(text)
    if not match:
        return None
    edition = ord(match.group(1)) - ord("A") if scheme.style == "letter" else int(match.group(1))
    amendment = int(match.group(2))
    return VersionNumber(edition, amendment) if amendment <= scheme.max_amendment else None


def format_version(number: VersionNumber, scheme: VersionScheme) -> str:
    if scheme.style == "pattern":
        assert scheme.pattern is not None
        letter = chr(ord("A") + number.edition) if 0 <= number.edition < 26 else "?"
        return scheme.pattern.format(letter=letter, n=number.edition, amendment=number.amendment)
    if scheme.style == "letter":
        return f"{chr(ord('A') + number.edition)}/{number.amendment}"
    return f"{number.edition}.{number.amendment}"


def successors(number: VersionNumber, scheme: VersionScheme) -> list[VersionNumber]:
    """Versions that may follow ``number``: the next amendment (within the ceiling) or a new edition."""
    lettered = scheme.style == "letter" or "{letter}" in (scheme.pattern or "")
    last_letter = lettered and number.edition >= ord("Z") - ord("A")
    nexts = [] if last_letter else [VersionNumber(number.edition + 1, 0)]
    if _amends(scheme) and number.amendment < scheme.max_amendment:
        nexts.insert(0, VersionNumber(number.edition, number.amendment + 1))
    return nexts


def scheme_example(scheme: VersionScheme) -> str:
    if scheme.style == "pattern":
        first, second = (format_version(VersionNumber(e, 0), scheme) for e in ((0, 1) if "{letter}" in (
            scheme.pattern or "") else (1, 2)))
        return f"`{scheme.pattern}`, e.g. {first}, {second}"
    if scheme.style == "letter":
        return f"a capital letter, '/', and an amendment from 0 to {scheme.max_amendment}, e.g. A/0, B/1"
    return f"major.minor with minor from 0 to {scheme.max_amendment}, e.g. 1.0, 2.1"


def edition_label(text: str, scheme: VersionScheme) -> str:
    """The edition part used in printed form numbers: C for C/0, 2 for 2.1, B for Rev B, 3 for Issue 3."""
    if scheme.style == "pattern":
        number = parse_version(text, scheme)
        if number is None:
            return text
        lettered = "{letter}" in (scheme.pattern or "")
        return chr(ord("A") + number.edition) if lettered else str(number.edition)
    return text.split("/" if scheme.style == "letter" else ".")[0]


def next_version(number: VersionNumber, scheme: VersionScheme, *, major: bool = False) -> VersionNumber | None:
    """The version a release moves to: the next amendment, or a new edition when ``major`` or past the ceiling.

    None when there is none (after Z in the letter style).
    """
    allowed = successors(number, scheme)
    if not major and number.amendment < scheme.max_amendment:
        return allowed[0]
    edition = VersionNumber(number.edition + 1, 0)
    return edition if edition in allowed else None
