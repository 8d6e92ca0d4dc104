"""Counts in English output agree in number: 1 file, 2 files; 1 entry, 2 entries."""

from __future__ import annotations


def counted(n: int, word: str, words: str | None = None) -> str:
    """``n`` with ``word`` (singular) or ``words`` (plural; default ``word`` + s)."""
    return f"{n} {word}" if n == 1 else f"{n} {words if words is not None else word + 's'}"
