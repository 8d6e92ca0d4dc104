"""Section headings of a procedure (1 目的, 1.0 PURPOSE, 一、范围, Section 3 – Definitions …) and which
section of the model each one opens."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from proccompile.importer.docx_reader import Block, Para
from proccompile.importer.labels import SECTIONS, norm
from proccompile.importer.lookup import Lookup

_CN = "一二三四五六七八九十"
# First-level numbers: 1  1.  1.0  1、 一、 第一章  (1)  I.  Section 1 –  (the title follows).
LEVEL1 = re.compile(
    rf"^(?:(?:section|part|chapter|clause)\s+\d{{1,2}}\s*[:.–—-]?"
    rf"|第\s*[{_CN}\d]{{1,3}}\s*[章节部分条]"
    rf"|\d{{1,2}}(?:\s*[.．]\s*0)?\s*[.、．:)）]?"
    rf"|[（(]\s*[{_CN}\d]{{1,2}}\s*[)）]"
    rf"|[{_CN}]{{1,3}}\s*[、.．]"
    r"|[IVX]{1,4}\s*[.)])"
    r"\s*(?P<title>[^\d\s.．].{0,60})$", re.IGNORECASE)
_LEVEL2 = re.compile(r"^(\d{1,2})\s*[.．]\s*(\d{1,2})\s*[.．]?\s+(\S.*)$|^(\d{1,2})[.．](\d{1,2})[.．]?\s*(\D.*)$")
_TITLE_END = re.compile(r"[\s:：.．]+$")
KNOWN = {key: frozenset(norm(t) for t in titles) for key, titles in SECTIONS.items()}


@dataclass
class Section:
    key: str | None
    """purpose, scope … records, revisions; None for a section the model has no place for."""
    heading: Para
    blocks: list[Block]
    inline: str = ""
    """Text on the heading's own line after its title (`1 目的：规定……`)."""

    @property
    def title(self) -> str:
        match = LEVEL1.match(self.heading.text)
        return _TITLE_END.sub("", match.group("title")) if match else self.heading.text


def section_key(title: str, lookup: Lookup) -> str | None:
    flat = norm(_TITLE_END.sub("", title))
    for key, names in KNOWN.items():
        if flat in names or flat == lookup.flat_label(key):
            return key
    return None


def heading(para: Para, lookup: Lookup) -> tuple[str | None, str] | None:
    """(section key, text on the heading's own line after its title) when ``para`` opens a first-level
    section, else None; the key is None for a section the model has no place for.

    A known title counts when numbered in its text or set as a heading (Word's own list numbering leaves
    the number out of the text), and may carry its text on the same line (`1 目的：规定……`); an unknown
    one counts only when it is both numbered and set as a heading.
    """
    text = para.text
    if not text or level2(text) is not None:
        return None
    match = LEVEL1.match(text) if len(text) <= 70 else None
    title = match.group("title") if match else text
    # Set as a heading: numbered by Word, in a Heading style, in capitals or in bold.
    looks = para.numbered or para.is_heading or (title.isupper() and len(title) > 2) or para.lead.strip() == text
    key = section_key(title, lookup)
    if key is not None and (match or looks):
        return key, ""
    head, colon, rest = _split_title(text)
    numbered = LEVEL1.match(head.strip())
    if colon and rest.strip() and numbered and (key := section_key(numbered.group("title"), lookup)) is not None:
        return key, rest.strip()
    if match and looks and len(title) <= 40 and not title.rstrip().endswith(("。", ".")):
        return None, ""
    return None


def _split_title(text: str) -> tuple[str, str, str]:
    parts = re.split(r"([:：])", text, maxsplit=1)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else (text, "", "")


def hint(title: str, lookup: Lookup) -> str:
    """What an unrecognised heading might have meant, naming the sections the importer knows."""
    flat = norm(_TITLE_END.sub("", title))
    names = {norm(t): t for titles in SECTIONS.values() for t in titles}
    close = difflib.get_close_matches(flat, list(names), n=1, cutoff=0.75)
    if close:
        return f"section `{title}` is not one the importer reads; did you mean `{names[close[0]]}`?"
    known = ", ".join(lookup.label(k) for k in ("purpose", "scope", "terms", "responsibilities", "process",
                                                 "related", "attachments", "records"))
    return f"section `{title}` has no place in a procedure (sections read: {known})"


def level2(text: str) -> tuple[str, str] | None:
    """(number, title) of a second-level heading such as 5.1 售后服务 or 4.1 销售部."""
    match = _LEVEL2.match(text)
    if not match:
        return None
    if match.group(1):
        number, title = f"{match.group(1)}.{match.group(2)}", match.group(3).strip()
    else:
        number, title = f"{match.group(4)}.{match.group(5)}", match.group(6).strip()
    return None if number.endswith(".0") else (number, title)


def split_sections(body: list[Block], lookup: Lookup) -> tuple[list[Block], list[Section]]:
    """The blocks before the first section (the cover), and the sections in order."""
    cover: list[Block] = []
    sections: list[Section] = []
    for block in body:
        found = heading(block, lookup) if isinstance(block, Para) else None
        if found is not None and isinstance(block, Para):
            sections.append(Section(found[0], block, [], found[1]))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            cover.append(block)
    return cover, sections
