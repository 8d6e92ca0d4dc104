"""What one import produced: the draft's plain data, what could not be mapped, and the proposed departments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Unmapped:
    where: str
    """Where in the Word document: paragraph 12, table 3 row 2, the page header."""
    text: str
    reason: str


@dataclass
class Draft:
    data: dict[str, Any] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)

    def skip(self, where: str, text: str, reason: str) -> None:
        if text.strip():
            self.unmapped.append(Unmapped(where, text.strip(), reason))


@dataclass(frozen=True)
class Imported:
    name: str
    """The Word file as the user named it."""
    code: str | None
    data: dict[str, Any]
    unmapped: tuple[Unmapped, ...]
    proposed: dict[str, str]
    """Department names not in the config → the ids the draft uses for them."""
