"""Which paragraphs are items of Word's own lists, bulleted or numbered (the bullet or number is not in their text)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_VAL = qn("w:val")
_NUM_PR = f"{qn('w:pPr')}/{qn('w:numPr')}"
_NUM_ID, _ILVL = qn("w:numId"), qn("w:ilvl")


def _val(element: etree._Element | None) -> str:
    return str(element.get(_VAL, "")) if element is not None else ""


def xpath_string(element: etree._Element, path: str) -> str:
    """The string value of ``path`` (w: prefixed) below ``element``; '' when there is nothing there."""
    # python-docx elements override xpath() with their own namespaces; lxml's own works on any element.
    return str(etree._Element.xpath(element, f"string({path})", namespaces=_NS))


@dataclass(frozen=True)
class ListStyles:
    formats: dict[tuple[str, str], str]
    """(numId, ilvl) → the level's number format (bullet, decimal, lowerLetter …)."""
    style_lists: dict[str, tuple[str, str]]
    """Style id → (numId, ilvl) the style numbers its paragraphs with, through `basedOn`."""

    @classmethod
    def of(cls, document: Document) -> ListStyles:
        return cls(_formats(document), _style_lists(document))

    def kind(self, p: etree._Element, style_id: str) -> str:
        """`bullet` or `number` for an item of a Word list (its bullet or number is not in its text), else ''."""
        numbering = p.find(_NUM_PR)
        num_id = level = ""
        if numbering is not None:
            num_id = _val(numbering.find(_NUM_ID))
            level = _val(numbering.find(_ILVL))
        if not num_id:
            num_id, styled_level = self.style_lists.get(style_id, ("", "0"))
            level = level or styled_level
        found = self.formats.get((num_id, level or "0"), "")
        return "" if found in ("", "none") else "bullet" if found == "bullet" else "number"


def _formats(document: Document) -> dict[tuple[str, str], str]:
    try:
        numbering = document.part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for definition in numbering.iterchildren(qn("w:abstractNum")):
        abstract[str(definition.get(qn("w:abstractNumId")))] = {
            str(lvl.get(qn("w:ilvl"))): xpath_string(lvl, "w:numFmt/@w:val") or "decimal"
            for lvl in definition.iterchildren(qn("w:lvl"))}
    found: dict[tuple[str, str], str] = {}
    for num in numbering.iterchildren(qn("w:num")):
        levels = abstract.get(xpath_string(num, "w:abstractNumId/@w:val"), {})
        found |= {(str(num.get(qn("w:numId"))), level): fmt for level, fmt in levels.items()}
    return found


def _style_lists(document: Document) -> dict[str, tuple[str, str]]:
    own: dict[str, tuple[str, str]] = {}
    based: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        style_id = str(style.get(qn("w:styleId")))
        num_id = xpath_string(style, "w:pPr/w:numPr/w:numId/@w:val")
        if num_id:
            own[style_id] = (num_id, xpath_string(style, "w:pPr/w:numPr/w:ilvl/@w:val") or "0")
        parent = xpath_string(style, "w:basedOn/@w:val")
        if parent:
            based[style_id] = parent
    resolved = {}
    for style_id in {*own, *based}:
        seen, current = set(), style_id
        while current not in own and current in based and current not in seen:  # bounded: no style twice
            seen.add(current)
            current = based[current]
        if current in own:
            resolved[style_id] = own[current]
    return resolved
