"""Version numbers in the project's scheme (A/0 letter style or 1.0 numeric) and their order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from proccompile.model.config import VersionScheme

_LETTER = re.compile(r"^([A-Z])/(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,3})\.(\d{1,2})$")


@dataclass(frozen=True, order=True, slots=True)
class VersionNumber:
    """Edition and amendment: A/3 is (0, 3); 2.1 is (2, 1)."""

    edition: int
    amendment: int


def parse_version(text: str, scheme: VersionScheme) -> VersionNumber | None:
    """The version's parts, or None when it does not follow ``scheme``."""
    match = (_LETTER if scheme.style == "letter" else _NUMERIC).match(text)
    if not match:
        return None
    edition = ord(match.group(1)) - ord("A") if scheme.style == "letter" else int(match.group(1))
    amendment = int(match.group(2))
    return VersionNumber(edition, amendment) if amendment <= scheme.max_amendment else None


def format_version(number: VersionNumber, scheme: VersionScheme) -> str:
    if scheme.style == "letter":
        return f"{chr(ord('A') + number.edition)}/{number.amendment}"
    return f"{number.edition}.{number.amendment}"


def successors(number: VersionNumber, scheme: VersionScheme) -> list[VersionNumber]:
    """Versions that may follow ``number``: the next amendment (within the ceiling) or a new edition."""
    last_letter = scheme.style == "letter" and number.edition >= ord("Z") - ord("A")
    nexts = [] if last_letter else [VersionNumber(number.edition + 1, 0)]
    if number.amendment < scheme.max_amendment:
        nexts.insert(0, VersionNumber(number.edition, number.amendment + 1))
    return nexts


def scheme_example(scheme: VersionScheme) -> str:
    if scheme.style == "letter":
        return f"a capital letter, '/', and an amendment from 0 to {scheme.max_amendment}, e.g. A/0, B/1"
    return f"major.minor with minor from 0 to {scheme.max_amendment}, e.g. 1.0, 2.1"


def edition_label(text: str, scheme: VersionScheme) -> str:
    """The edition part used in printed form numbers: C for C/0, 2 for 2.1."""
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
