"""Did-you-mean suggestions for unknown names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Names longer than this are not typos of a field or an id; comparing them would only cost time.
_LONGEST = 200


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` is most likely a slip for: one that differs only in case first, then the most
    similar one; None when nothing is close. Any text is accepted (brackets, control characters, surrogates)."""
    name = str(name)
    names = sorted(set(candidates))
    if not name or not names or len(name) > _LONGEST:
        return None
    folded = [n for n in names if n.casefold() == name.casefold() and n != name]
    if folded:
        return folded[0]
    # Compared case-folded, so `Quality_Dept` is as near to `quality-dept` as `quality_dept` is.
    by_folded = {n.casefold(): n for n in reversed(names)}
    matches = difflib.get_close_matches(name.casefold(), sorted(by_folded), n=1, cutoff=0.6)
    return by_folded[matches[0]] if matches and by_folded[matches[0]] != name else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A ``help`` sentence naming the closest candidate, or None when nothing is close."""
    match = closest(name, candidates)
    return f"Did you mean `{match}`?" if match is not None else None


def one_of(candidates: Iterable[str], limit: int = 8) -> str:
    """A short list of valid names for a help line."""
    names = sorted(set(candidates))
    shown = ", ".join(f"`{n}`" for n in names[:limit])
    return shown + (f" (and {len(names) - limit} more)" if len(names) > limit else "")
