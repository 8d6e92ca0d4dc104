r"""Numbering patterns from the config: the one engine every command matches codes with.

Patterns are compiled by the `regex` module and matched with a timeout, refused at config load when
they backtrack catastrophically, and `\d` means an ASCII digit: `QP-０１` or `QP-٠١` is not a code a
procedure can cite. A project that wants any script's digits writes `\p{Nd}`. The importer finds codes in
running text with ``numbering_regex(...).finditer(text, timeout=MATCH_SECONDS)``.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# How long one code may take to match; real patterns take microseconds.
MATCH_SECONDS = 0.1
# Long runs of one character followed by a mismatch make a backtracking pattern such as (a|aa)+ explode;
# the runs follow the pattern's literal start (Q/FL in ^Q/FL…) so the repetition is reached.
_RUNS = tuple(ch * 40 + tail for ch in "1aAZ/.-_ 中" for tail in ("!", "\n"))
_PROBE_SECONDS = 0.05
_META = set("()[]{}?*+|.^$\\")


def ascii_digits(text: str) -> str:
    r"""``text`` with `\d` and `\D` (also inside a class) standing for ASCII digits and non-digits only."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            pair = text[i:i + 2]
            out.append({"\\d": r"\p{PosixDigit}", "\\D": r"\P{PosixDigit}"}.get(pair, pair))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def numbering_regex(text: str) -> regex.Pattern[str]:
    r"""The compiled numbering pattern (`\d` ASCII); ValueError when it is not a valid regular expression.

    Match it with ``timeout=MATCH_SECONDS``: a pattern the config accepted can still be slow on a long code.
    """
    try:
        regex.compile(text)  # as written, so an error's position is where the user sees it
    except regex.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return regex.compile(ascii_digits(text))


def compile_pattern(text: str) -> regex.Pattern[str]:
    """The compiled pattern; ValueError when it is invalid or backtracks catastrophically on a probe."""
    pattern = numbering_regex(text)
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
        return numbering_regex(pattern).fullmatch(code, timeout=MATCH_SECONDS) is not None
    except (TimeoutError, ValueError):
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
