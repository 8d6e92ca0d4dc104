"""Which legacy encoding a file that is not UTF-8 was probably saved in, judged from its bytes.

A wrong guess is worse than none: `iconv -f GBK` on a Windows-1252 file turns every accented letter into
a Chinese character. Each candidate must decode the whole file and give text that reads like its
language (Chinese characters for GBK and Big5, Latin letters standing alone among ASCII for
Windows-1252); when more than one fits, all are named, the likelier first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple


class Encoding(NamedTuple):
    name: str  # as printed: GBK/GB18030
    iconv: str  # as `iconv -f` takes it
    text: str  # what kind of text it holds


UTF16 = Encoding("UTF-16", "UTF-16", "any")
GBK = Encoding("GBK/GB18030", "GB18030", "Simplified Chinese")
BIG5 = Encoding("Big5", "BIG5", "Traditional Chinese")
CP1252 = Encoding("Windows-1252", "CP1252", "Western European")

_PLAUSIBLE = 0.9
_NON_ASCII = re.compile("[^\x00-\x7f]+")
# Punctuation and signs Western documents type in Windows-1252 besides letters.
_WESTERN_SIGNS = set("‘’“”„–—…•€°±×÷§©®™µ¼½¾¿¡«»·")


def guess_encodings(data: bytes) -> tuple[Encoding, ...]:
    """The encodings ``data`` plausibly is in, likeliest first; empty when none fits."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return (UTF16,)
    gbk = _decoded(data, "gb18030")
    if gbk is not None and _chinese(gbk) and _share(gbk, _in_gb2312) >= _PLAUSIBLE:
        return (GBK,)  # common Simplified Chinese throughout: nothing else reads that way
    found = []
    western = _decoded(data, "cp1252")
    if western is not None and _western(western):
        found.append(CP1252)
    if gbk is not None and _chinese(gbk):
        found.append(GBK)
    big5 = _decoded(data, "big5")
    if big5 is not None and _chinese(big5):
        found.append(BIG5)
    return tuple(found)


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _share(text: str, test: Callable[[str], bool]) -> float:
    chars = "".join(_NON_ASCII.findall(text))
    return sum(1 for ch in chars if test(ch)) / len(chars) if chars else 0.0


def _chinese(text: str) -> bool:
    return _share(text, _cjk) >= _PLAUSIBLE


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _western(text: str) -> bool:
    # Accented letters stand alone among ASCII letters (Procédure, Größe); Chinese read as Windows-1252
    # gives runs of two or more letters and signs for every character (质量部 → ÖÊÁ¿²¿).
    runs = _NON_ASCII.findall(text)
    return (_share(text, _latin) >= _PLAUSIBLE
            and sum(len(run) for run in runs) / len(runs) <= 1.5)


def _latin(ch: str) -> bool:
    return ch in _WESTERN_SIGNS or unicodedata.name(ch, "").startswith("LATIN ")
