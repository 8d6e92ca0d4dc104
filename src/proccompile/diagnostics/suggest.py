"""Did-you-mean suggestions for unknown names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A ``help`` sentence naming the closest candidate, or None when nothing is close."""
    matches = difflib.get_close_matches(str(name), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"Did you mean `{matches[0]}`?" if matches else None


def one_of(candidates: Iterable[str], limit: int = 8) -> str:
    """A short list of valid names for a help line."""
    names = sorted(set(candidates))
    shown = ", ".join(f"`{n}`" for n in names[:limit])
    return shown + (f" (and {len(names) - limit} more)" if len(names) > limit else "")
