"""Where printed form text may break: measured widths, unbreakable pieces, and lines broken at those pieces.

A form's headings, labels and options are broken by the layout itself (explicit line breaks) at the
places listed here, and every line is measured to fit its cell, so a renderer never has to break a word,
a code, a clause number or a short Chinese term (批次/生产日|期, Measureme|nt, ☐Sub-|supplier).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Advance widths (thousandths of an em) of printable ASCII, space to tilde, taken from the metric-compatible
# Liberation fonts (Times New Roman, Arial): the wider of serif and sans for each character, regular and bold.
_REGULAR = (
    "278,333,408,556,556,889,778,191,333,333,500,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,"
    "584,584,584,556,1015,722,667,722,722,667,611,778,722,333,500,722,611,889,722,778,667,778,722,667,611,722,722,"
    "944,722,722,611,333,278,333,469,556,333,556,556,500,556,556,333,556,556,278,278,500,278,833,556,556,556,556,333,"
    "500,278,556,500,722,500,500,500,480,260,480,584")
_BOLD = (
    "278,333,555,556,556,1000,833,278,333,333,500,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,"
    "333,584,584,584,611,975,722,722,722,722,667,611,778,778,389,556,778,667,944,722,778,667,778,722,667,667,722,"
    "722,1000,722,722,667,333,278,333,584,556,333,556,611,556,611,556,333,611,611,278,333,556,278,889,611,611,611,"
    "611,444,556,333,611,556,778,556,556,500,394,280,394,584")
_ASCII = {False: [int(w) / 1000 for w in _REGULAR.split(",")], True: [int(w) / 1000 for w in _BOLD.split(",")]}
NBSP = "\u00a0"
# A hyphen that never breaks; the builder writes it as Word's own non-breaking hyphen (w:noBreakHyphen).
NB_HYPHEN = "\u2011"


@cache
def _char_ems(char: str, bold: bool) -> float:
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII[bold][code - 32]
    if char in (NBSP, NB_HYPHEN):
        return _ASCII[bold][0 if char == NBSP else 13]
    if unicodedata.combining(char):  # a mark drawn over the character before it (X̄)
        return 0.0
    # Wide, full-width and ambiguous characters (☐, ±, “”) take a full em in the CJK fonts that draw them.
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 1.0
    return 0.6


@lru_cache(maxsize=65536)
def printed_ems(text: str, *, bold: bool = False) -> float:
    """Width of the longest line of ``text`` in ems of its font size."""
    return max((sum(_char_ems(c, bold) for c in line) for line in text.split("\n")), default=0.0)


_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# Break opportunities: after a space (not a no-break space); after a slash between words (not inside a code
# such as Q/JL081301, whose slash sits between capitals and digits); after a full-width enumeration comma or
# colon (an ASCII one is followed by a space, or sits inside a code: ISO 9001:2015); before an opening
# bracket, and after a closing one before Chinese text.
_BREAK = re.compile(
    rf"(?<=[ \t\u3000])(?=[^ \t\u3000])"
    rf"|(?<=[{_WIDE}a-z][/／])(?=[{_WIDE}a-z])"
    rf"|(?<=[、，；：])(?=[^\s、，；：)）\]】》])"
    rf"|(?<=\S)(?=[（(【\[《])"
    rf"|(?<=[）)】\]》])(?=[{_WIDE}])"
)
# A run of Chinese characters longer than this (in characters) is a phrase, not a term; it is cut into
# pieces of two characters (most terms are two or four), so that a narrow column can still hold it.
_LONG_RUN = 6
_CJK_RUN = re.compile(rf"[{_WIDE}]{{{_LONG_RUN + 1},}}")


def pieces(text: str) -> list[str]:
    """The pieces of one line of ``text`` that must never be split across lines, in order.

    Spaces stay at the end of the piece they follow; joining the pieces gives the line back.
    """
    return list(_pieces(text))


@lru_cache(maxsize=16384)
def _pieces(text: str) -> tuple[str, ...]:
    out: list[str] = []
    start = 0
    for match in _BREAK.finditer(text):
        if match.start() > start:
            out.append(text[start:match.start()])
            start = match.start()
    out.append(text[start:])
    return tuple(chunk for piece in out if piece for chunk in _split_long_run(piece))


def _split_long_run(piece: str) -> list[str]:
    found = _CJK_RUN.search(piece)
    if found is None:
        return [piece]
    run = found.group()
    chunks = [run[i:i + 2] for i in range(0, len(run), 2)]
    if len(chunks[-1]) == 1:  # an odd character joins the chunk before it
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    chunks[0] = piece[:found.start()] + chunks[0]
    chunks[-1] += piece[found.end():]
    return chunks


def widest_piece_ems(text: str, *, bold: bool = False) -> float:
    """The widest unbreakable piece of ``text``: the least width that prints it without breaking a piece."""
    return max((printed_ems(p.rstrip(), bold=bold) for line in text.split("\n") for p in _pieces(line)), default=0.0)


def break_lines(text: str, width_ems: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width_ems``, only between pieces (a piece wider than the
    width stands on a line of its own); explicit newlines are kept."""
    return list(_break_lines(text, width_ems, bold))


@lru_cache(maxsize=65536)  # the layout measures the same labels and notes at a few widths, form after form
def _break_lines(text: str, width_ems: float, bold: bool) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for piece in _pieces(paragraph):
            if current and printed_ems((current + piece).rstrip(), bold=bold) > width_ems:
                lines.append(current.rstrip())
                current = piece
            else:
                current += piece
        lines.append(current.rstrip())
    return tuple(lines)


# A code (Q/JL081301-C, QF-01-02, GB/T 19001-2016) in running text: its hyphens must not break.
_CODE = re.compile(r"[A-Za-z0-9/.]*\d[A-Za-z0-9/.]*(?:-[A-Za-z0-9/.]+)+"
                   r"|[A-Za-z/.]+(?:-[A-Za-z0-9/.]*\d[A-Za-z0-9/.]*)+")


def unbroken_codes(text: str) -> str:
    """``text`` with the hyphens inside codes made non-breaking; other hyphens stay as they are."""
    return _CODE.sub(lambda m: m.group().replace("-", NB_HYPHEN), text)


def unbroken(text: str) -> str:
    """``text`` with its spaces and hyphens made non-breaking, for an item that must stay on one line."""
    return text.replace(" ", NBSP).replace("-", NB_HYPHEN)
