"""Numbering patterns from the config: compiled with a match timeout, refused when they backtrack catastrophically."""

from __future__ import annotations

import regex

# How long one code may take to match; real patterns take microseconds.
MATCH_SECONDS = 0.1
# Long runs of one character followed by a mismatch make a backtracking pattern such as (a|aa)+ explode;
# the runs follow the pattern's literal start (Q/FL in ^Q/FL…) so the repetition is reached.
_RUNS = tuple(ch * 40 + tail for ch in "1aAZ/.-_ 中" for tail in ("!", "\n"))
_PROBE_SECONDS = 0.05
_META = set("()[]{}?*+|.^$\\")


def compile_pattern(text: str) -> regex.Pattern[str]:
    """The compiled pattern; ValueError when it is invalid or backtracks catastrophically on a probe."""
    try:
        pattern = regex.compile(text)
    except regex.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    prefix = _literal_prefix(text)
    for probe in (*_RUNS, *(prefix + run for run in _RUNS if prefix)):
        try:
            pattern.fullmatch(probe, timeout=_PROBE_SECONDS)
        except TimeoutError:
            shown = probe.rstrip("\n!")[: len(prefix) + 6] + "…"
            raise ValueError(f"takes too long to reject a code such as `{shown}`; it backtracks catastrophically "
                             "(nested repetition such as (a|aa)+ or (\\d+)+); simplify it") from None
    return pattern


def full_match(pattern: str, code: str) -> bool | None:
    """Whether ``code`` matches ``pattern`` in full; None when matching took longer than the time limit."""
    try:
        return regex.fullmatch(pattern, code, timeout=MATCH_SECONDS) is not None
    except TimeoutError:
        return None


def _literal_prefix(text: str) -> str:
    """The fixed characters a pattern starts with: `Q/FL` for ^Q/FL\\d…, `Q.` for ^Q\\.…"""
    out, i = [], 1 if text.startswith("^") else 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            out.append(text[i + 1])
            i += 2
            continue
        if ch in _META:
            break
        out.append(ch)
        i += 1
    # A quantifier right after the last literal makes it optional or repeated; leave it to the runs.
    return "".join(out[:-1] if i < len(text) and text[i] in "?*+{" else out)
