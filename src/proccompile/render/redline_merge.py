"""Merge two laid-out versions into one view with the differences marked, matching parts by what they are.

Paragraphs and table rows are matched by their content with the printed numbers taken out (5.4.3,
3.6, b)), so removing one step is one deleted row and the later rows, renumbered, show only their new
number. Parts that changed are paired with the most similar part on the other side. Inside a pair,
text is compared word by word; a replaced number or word is shown whole, and never so that the
deleted and inserted text read as one (\"2\" struck through before \"1\" reads as 21 on paper). A
flowchart that changed at all is shown whole, the old drawing deleted and the new one inserted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

from proccompile.render.blocks import Block, Cell, DocView, Flowchart, Para, Table

INS, DEL, END = "\ue011", "\ue012", "\ue013"
# A word: a run of Latin letters, digits and the punctuation inside dates, codes and versions, or one other
# character (a CJK character is a word of its own).
_WORD = re.compile(r"[A-Za-z0-9_./:\-]+|\s+|.", re.DOTALL)
# Printed numbering that changes when something before it is added or removed.
_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[a-z]{1,3}\))[\s\u3000]*")
_CJK_DIGITS = frozenset("〇零一二两三四五六七八九十百千万")
# Pairing inside a changed run compares every part with every other; beyond this the run is shown as deleted
# and inserted whole, which is correct, only less precise.
_MAX_PAIRINGS = 40_000
_SIMILAR = 0.5
T = TypeVar("T")


def merge_views(old: DocView, new: DocView) -> DocView:
    """``new`` with everything that differs from ``old`` marked as inserted or deleted."""
    return replace(new, blocks=list(_merge_blocks(old.blocks, new.blocks)))


def align(old: Sequence[T], new: Sequence[T], key: Callable[[T], object],
          similar: Callable[[T, T], bool]) -> Iterator[tuple[T | None, T | None]]:
    """(old, new) pairs in order: equal keys matched, changed parts paired with a similar one, the rest alone."""
    matcher = difflib.SequenceMatcher(a=[key(x) for x in old], b=[key(x) for x in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(old[a0:a1], new[b0:b1], strict=True)
        else:
            yield from _paired(old[a0:a1], new[b0:b1], similar)


def _paired(old: Sequence[T], new: Sequence[T], similar: Callable[[T, T], bool]) -> Iterator[tuple[T | None, T | None]]:
    """The most pairs of similar parts that keep both orders (a longest common subsequence over similarity)."""
    if not old or not new or len(old) * len(new) > _MAX_PAIRINGS:
        yield from ((x, None) for x in old)
        yield from ((None, y) for y in new)
        return
    rows, cols = len(old), len(new)
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + 1 if similar(old[i], new[j]) else 0)
    i = j = 0
    while i < rows and j < cols:
        if similar(old[i], new[j]) and best[i][j] == best[i + 1][j + 1] + 1:
            yield old[i], new[j]
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            yield old[i], None
            i += 1
        else:
            yield None, new[j]
            j += 1
    yield from ((x, None) for x in old[i:])
    yield from ((None, y) for y in new[j:])


def unnumbered(text: str) -> str:
    return _NUMBER.sub("", text, count=1)


def _block_key(block: Block) -> object:
    if isinstance(block, Para):
        return ("p", block.style, unnumbered(block.lead), unnumbered(block.text))
    if isinstance(block, Table):
        return ("t", tuple(_row_key(row) for row in block.rows))
    if isinstance(block, Flowchart):
        return ("chart", tuple(unnumbered(p.text) for p in block.lead), block.charts)
    return ("break",)


def _row_key(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(unnumbered(cell.text) for cell in row)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


def _blocks_similar(a: Block, b: Block) -> bool:
    if isinstance(a, Para) and isinstance(b, Para):
        if a.style != b.style:
            return False
        lead = unnumbered(a.lead)
        return bool(lead and lead == unnumbered(b.lead)) or _ratio(unnumbered(a.text), unnumbered(b.text)) >= _SIMILAR
    if isinstance(a, Table) and isinstance(b, Table):
        return len(a.widths) == len(b.widths) and bool({_row_key(r) for r in a.rows} & {_row_key(r) for r in b.rows})
    # A changed flowchart is shown whole: the old drawing deleted, the new one inserted.
    return type(a) is type(b) and not isinstance(a, Flowchart)


def _rows_similar(a: tuple[Cell, ...], b: tuple[Cell, ...]) -> bool:
    """Rows of one table with the same label in their first cell (日期, a version), or mostly the same text."""
    if len(a) != len(b):
        return False
    first = unnumbered(a[0].text) if a else ""
    return bool(first and first == unnumbered(b[0].text)) or \
        _ratio(" ".join(_row_key(a)), " ".join(_row_key(b))) >= _SIMILAR


def _merge_blocks(old: Sequence[Block], new: Sequence[Block]) -> Iterator[Block]:
    for a, b in align(old, new, _block_key, _blocks_similar):
        if a is None:
            yield _whole(b, INS)  # type: ignore[arg-type]
        elif b is None:
            yield _whole(a, DEL)
        elif isinstance(a, Para) and isinstance(b, Para):
            yield replace(b, lead=inline(a.lead, b.lead), text=inline(a.text, b.text))
        elif isinstance(a, Table) and isinstance(b, Table):
            yield replace(b, rows=tuple(_merge_rows(a.rows, b.rows)))
        else:
            yield b


def _merge_rows(old: Sequence[tuple[Cell, ...]], new: Sequence[tuple[Cell, ...]]) -> Iterator[tuple[Cell, ...]]:
    for a, b in align(old, new, _row_key, _rows_similar):
        if a is None:
            yield tuple(replace(c, text=_wrap(c.text, INS)) for c in b or ())
        elif b is None:
            yield tuple(replace(c, text=_wrap(c.text, DEL)) for c in a)
        else:
            yield tuple(replace(c, text=inline(o.text, c.text)) for o, c in zip(a, b, strict=True))


def _whole(block: Block, mark: str) -> Block:
    if isinstance(block, Para):
        return replace(block, lead=_wrap(block.lead, mark), text=_wrap(block.text, mark))
    if isinstance(block, Table):
        return replace(block, rows=tuple(tuple(replace(c, text=_wrap(c.text, mark)) for c in row)
                                         for row in block.rows))
    if isinstance(block, Flowchart):
        return replace(block, lead=tuple(replace(p, text=_wrap(p.text, mark)) for p in block.lead), marks=(mark, END))
    return block


def _wrap(text: str, mark: str) -> str:
    return f"{mark}{text}{END}" if text else ""


def inline(old: str, new: str) -> str:
    """``new`` with the words deleted from ``old`` and inserted into it marked.

    A replaced word is shown whole. When the deleted text would end in a digit or letter that runs straight
    into the inserted one (\"2\" then \"1\"), the change takes in the words after it (or before it) up to
    a space or punctuation, so the two stay apart on paper; failing that, the deleted text ends in a space.
    """
    if old == new:
        return new
    a, b = _WORD.findall(old), _WORD.findall(new)
    regions = [[a0, a1, b0, b1] for tag, a0, a1, b0, b1 in
               difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if tag != "equal"]
    i = 0
    while i < len(regions):
        i = _separate(regions, i, a, b) + 1
    out, b_at = [], 0
    for a0, a1, b0, b1 in regions:
        out.append("".join(b[b_at:b0]))  # unchanged words between changes
        deleted, inserted = "".join(a[a0:a1]), "".join(b[b0:b1])
        if _glued(deleted, inserted):
            deleted += " "  # the whole text is one word on each side: a space keeps them apart
        out.append(_wrap(deleted, DEL) + _wrap(inserted, INS))
        b_at = b1
    out.append("".join(b[b_at:]))
    return "".join(out)


def _separate(regions: list[list[int]], i: int, a: list[str], b: list[str]) -> int:
    """Grow change ``i`` over its neighbours until its deleted text no longer runs into its inserted text;
    returns its index (changes it swallowed before it are gone)."""
    for _ in range(len(a) + len(b)):  # every step takes in a word: bounded by the text
        r = regions[i]
        if not _glued("".join(a[r[0]:r[1]]), "".join(b[r[2]:r[3]])):
            break
        following = regions[i + 1] if i + 1 < len(regions) else None
        preceding = regions[i - 1] if i > 0 else None
        if r[1] < len(a) and r[3] < len(b):
            if following is not None and following[0] == r[1] and following[2] == r[3]:
                r[1], r[3] = following[1], following[3]
                del regions[i + 1]
            else:  # the next word is the same on both sides
                r[1], r[3] = r[1] + 1, r[3] + 1
        elif r[0] > 0 and r[2] > 0:
            if preceding is not None and preceding[1] == r[0] and preceding[3] == r[2]:
                r[0], r[2] = preceding[0], preceding[2]
                del regions[i - 1]
                i -= 1
            else:
                r[0], r[2] = r[0] - 1, r[2] - 1
        else:
            break
    return i


def _glued(left: str, right: str) -> bool:
    """Whether ``left`` printed straight before ``right`` would read as one word or number."""
    if not left or not right:
        return False
    x, y = left[-1], right[0]
    return (x.isascii() and x.isalnum() and y.isascii() and y.isalnum()) or (x in _CJK_DIGITS and y in _CJK_DIGITS)
