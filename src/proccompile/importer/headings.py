"""Numbered headings of a procedure (1 目的, 2 范围 … 5.1 售后服务) and which section each one opens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from proccompile.importer.docx_reader import Block, Para
from proccompile.importer.lookup import Lookup, squeeze

# Titles seen in legacy procedures besides the project's own labels; the first-level number may be
# Arabic (1, 1.) or Chinese (一、).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "purpose": ("目的", "Purpose"),
    "scope": ("范围", "适用范围", "Scope"),
    "terms": ("术语和定义", "术语", "定义", "术语与定义", "Terms and Definitions", "Terms", "Definitions"),
    "responsibilities": ("职责", "职责与权限", "职责和权限", "Responsibilities"),
    "process": ("工作程序", "程序", "工作流程", "程序内容", "管理程序", "控制程序", "Procedure", "Process"),
    "commitments": ("服务承诺", "承诺", "Service Commitments"),
    "related": ("相关文件", "引用文件", "支持性文件", "相关文件和标准", "Related Documents"),
    "attachments": ("附件", "附录", "Attachments"),
    "records": ("记录", "质量记录", "相关记录", "Records"),
}
_LEVEL1 = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]?\s*(\S.{0,30})$")
_SUBNUMBER = re.compile(r"^\d+\s*[.．]\s*\d")
_LEVEL2 = re.compile(r"^(\d{1,2})\s*[.．]\s*(\d{1,2})\s*[.．]?\s+(\S.*)$|^(\d{1,2})[.．](\d{1,2})[.．]?\s*(\D.*)$")


@dataclass
class Section:
    key: str | None
    """purpose, scope … records; None for a section the model has no place for."""
    heading: Para
    blocks: list[Block]


def section_key(title: str, lookup: Lookup) -> str | None:
    flat = squeeze(title).lower().rstrip(":：")
    for key, names in SYNONYMS.items():
        if flat in {squeeze(n).lower() for n in (*names, lookup.label(key))}:
            return key
    return None


def level1(para: Para, lookup: Lookup) -> tuple[str | None, bool] | None:
    """(section key, known) when ``para`` is a first-level numbered heading, else None."""
    match = _LEVEL1.match(para.text)
    if not match or _SUBNUMBER.match(para.text) or match.group(2)[:1].isdigit():
        return None
    key = section_key(match.group(2), lookup)
    if key is not None:
        return key, True
    # An unknown numbered title counts as a heading only when styled as one, not a numbered sentence.
    return (None, False) if para.is_heading and len(match.group(2)) <= 20 else None


def level2(text: str) -> tuple[str, str] | None:
    """(number, title) of a second-level heading such as 5.1 售后服务 or 4.1 销售部."""
    match = _LEVEL2.match(text)
    if not match:
        return None
    if match.group(1):
        return f"{match.group(1)}.{match.group(2)}", match.group(3).strip()
    return f"{match.group(4)}.{match.group(5)}", match.group(6).strip()


def split_sections(body: list[Block], lookup: Lookup) -> tuple[list[Block], list[Section]]:
    """The blocks before the first numbered section (the cover), and the sections in order."""
    cover: list[Block] = []
    sections: list[Section] = []
    for block in body:
        found = level1(block, lookup) if isinstance(block, Para) else None
        if found is not None and isinstance(block, Para):
            sections.append(Section(found[0], block, []))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            cover.append(block)
    return cover, sections
