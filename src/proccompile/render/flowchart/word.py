"""Flowcharts in the Word body: captions and drawings part by part, and a landscape section around wide charts.

A landscape chart gets a section of its own: a one-point paragraph before it ends the portrait section, its last
drawing's paragraph ends the landscape one. Both get their section properties once the document's own header and
footer exist (``finish_sections``): the portrait one a copy of the body's, the landscape one a header and footer of
its own, built for the wider page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from lxml import etree

from proccompile.render import ooxml as kit
from proccompile.render.blocks import PART, PARTS, Flowchart
from proccompile.render.flowchart.drawingml import drawing_xml
from proccompile.render.flowchart.layout import layout
from proccompile.render.flowchart.plan import page_frame
from proccompile.render.styles import W_NS, Face

EMU_PER_TWIP = 635
_SECTION_END = (f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
_DRAWING_PARAGRAPH = (f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="60" w:after="120" w:line="240" '
                      'w:lineRule="auto"/><w:jc w:val="center"/></w:pPr></w:p>')


@dataclass(frozen=True)
class Page:
    """The document's page and margins, in twips."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    def text_area(self, turned: bool) -> tuple[int, int]:
        """Width and height between the margins, with the page turned when ``turned`` (margins stay put)."""
        width, height = (self.height, self.width) if turned else (self.width, self.height)
        return width - self.left - self.right, height - self.top - self.bottom


@dataclass
class Sections:
    """Paragraphs that end a section, given their section properties by ``finish_sections``."""

    portrait_ends: list[etree._Element] = field(default_factory=list)
    landscape_ends: list[etree._Element] = field(default_factory=list)
    next_drawing: int = 100  # docPr ids of the charts; pictures that python-docx adds count up from 1


def flowchart_elements(block: Flowchart, styles: dict[str, str], page: Page, landscape_page: bool,
                       sections: Sections, page_break: bool, font: Face,
                       continues: bool = False) -> Iterator[etree._Element]:
    """The lead paragraphs, then each chart's parts, each under its caption and each after the first on a new page.

    ``continues``: the block follows a landscape chart directly, whose landscape section it joins."""
    section_break = block.landscape and not landscape_page
    if section_break and continues and sections.landscape_ends:
        sections.landscape_ends.pop()  # the section ends after this chart instead
    elif section_break:
        end = parse_xml(_SECTION_END)
        sections.portrait_ends.append(end)
        yield end
        page_break = False  # the new section starts on a new page
    width, height = page.text_area(section_break)
    for k, lead in enumerate(block.lead):
        yield kit.paragraph(styles.get(lead.style), lead.text, lead=lead.lead, align=lead.align, keep_next=True,
                            page_break_before=page_break and k == 0, space_before=lead.space_before)
    page_break = page_break and not block.lead
    last: etree._Element | None = None
    for chart, (single, several) in zip(block.charts, block.captions, strict=True):
        frame = page_frame(block.landscape, width * EMU_PER_TWIP, height * EMU_PER_TWIP, heading=bool(block.lead))
        parts = layout(chart, frame)
        for number, part in enumerate(parts, 1):
            caption = single if len(parts) == 1 else several.replace(PART, str(number)).replace(PARTS, str(len(parts)))
            last = parse_xml(_DRAWING_PARAGRAPH.replace("<w:pPr>", "<w:pPr><w:pageBreakBefore/>")
                             if page_break or number > 1 else _DRAWING_PARAGRAPH)
            page_break = False
            before, after = block.marks
            if before:
                last.append(kit.paragraph(None, before).find(qn("w:r")))
            last.append(parse_xml(drawing_xml(part, sections.next_drawing, caption, chart.description, font)))
            if after:
                last.append(kit.paragraph(None, after).find(qn("w:r")))
            sections.next_drawing += 1
            yield last
    if section_break and last is not None:
        sections.landscape_ends.append(last)


def finish_sections(document: DocxDocument, sections: Sections,
                    header_and_footer: Callable[[Section, int], None]) -> None:
    """Give the marked paragraphs their section properties; ``header_and_footer`` fills a landscape section's own
    header and footer for its text width (twips)."""
    body = document.element.body.find(qn("w:sectPr"))
    for paragraph in sections.portrait_ends:
        paragraph.find(qn("w:pPr")).append(deepcopy(body))
    for paragraph in sections.landscape_ends:
        sect_pr = deepcopy(body)
        for tag in ("w:headerReference", "w:footerReference"):
            for ref in sect_pr.findall(qn(tag)):
                sect_pr.remove(ref)
        paragraph.find(qn("w:pPr")).append(sect_pr)
        section = Section(sect_pr, document.part)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        page, left, right = section.page_width, section.left_margin, section.right_margin
        assert page is not None and left is not None and right is not None
        header_and_footer(section, (page - left - right) // EMU_PER_TWIP)
