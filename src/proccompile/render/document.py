"""Turn a DocView into .docx bytes: page setup, header table with stamp and watermark, footer, body blocks."""

from __future__ import annotations

import io
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import replace
from typing import Literal

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.section import Section, _Footer, _Header
from docx.shared import Emu
from lxml import etree

from proccompile.model.form_page import FORM_TOP_CM, PAPER_TWIPS
from proccompile.model.text_width import fit_columns, natural_ems, unbreakable_ems
from proccompile.render import ooxml as kit
from proccompile.render.blocks import (
    SECTION_END,
    Cell,
    DocView,
    Flowchart,
    Image,
    Logo,
    NewSection,
    PageBreak,
    PageView,
    Para,
    Table,
)
from proccompile.render.flowchart.word import Page, Sections, finish_sections, flowchart_elements
from proccompile.render.package import STREAM_MARK, set_core_properties, to_bytes
from proccompile.render.reference_document import Base
from proccompile.render.styles import W_NS, Face

EMU_PER_TWIP = 635
_EM = 210  # twips: one em of the 10.5-pt table text
_CELL_PADDING = 170 + 60  # left and right cell margins, and a little slack for the renderer's own metrics
_BOLD = 1.08  # headings are set in bold sans
# Header table columns: company | title | label | value, as fractions of the text width.
_HEADER_SPLIT = (0.25, 0.37, 0.14, 0.24)
_COMPANY_CELL = 960  # twips: company name line plus the stamp
_LOGO_HEIGHT = 680  # twips (1.2 cm): a logo fills most of the header's height
_LOGO_PADDING = 200  # twips: the logo cell's margins and a little air
# In a document whose tables hold more cells than this, each table is built and serialised a batch of rows
# at a time while the package is written, so a large document (a 2,000-row checklist and its 160 turtle
# pages) never stands as one lxml tree, which was most of its memory. Smaller documents are built whole.
_STREAM_CELLS = 2000
_BATCH_CELLS = 1000


def build_docx(view: DocView, base: Base) -> bytes:
    document = deepcopy(_opened(base.data))
    section = document.sections[0]
    if view.page.paper != "A4":  # the base is always A4 portrait
        width, height = PAPER_TWIPS[view.page.paper]
        section.page_width, section.page_height = Emu(width * EMU_PER_TWIP), Emu(height * EMU_PER_TWIP)
    if view.page.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if base.source == "default" and view.kind == "form":
        # A three-row header (forms) needs less room than the four-row one the default margins are set for.
        section.top_margin = _emu(FORM_TOP_CM)
    width = _text_width(section)
    styles = base.style_ids
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    cells = sum(len(block.rows) * len(block.widths) for block in view.blocks if isinstance(block, Table))
    streams: list[Iterator[bytes]] | None = [] if cells > _STREAM_CELLS else None
    pages = [view.page, *(block.page for block in view.blocks if isinstance(block, NewSection))]
    if len(pages) > 1:
        _restart_numbering(sect_pr)
    sections = Sections()
    for element in _blocks(view, styles, _page(section), document, streams, sect_pr, base.sans, sections):
        sect_pr.addprevious(element)
    if len(pages) > 1:  # the last section's end, for its page count (blocks.section_pages)
        sect_pr.addprevious(_bookmarked(_tiny_paragraph(""), len(pages) - 1))
    for part, page in zip(document.sections, pages, strict=True):
        _header(part, page, styles, width, base.sans, document)
        _footer(part, page, styles, width)
    turned = replace(view.page, landscape=True)

    def landscape_furniture(landscape: Section, text_width: int) -> None:
        _header(landscape, turned, styles, text_width, base.sans, document)
        _footer(landscape, turned, styles, text_width)

    # After the headers above: the flowcharts' landscape sections get their section properties only now.
    finish_sections(document, sections, landscape_furniture)
    set_core_properties(document, view.core)
    return to_bytes(document, streams or ())


def _emu(cm: float) -> Emu:
    return Emu(round(cm * 567) * EMU_PER_TWIP)  # whole twips, as Word stores them


_OPENED: dict[bytes, DocxDocument] = {}


def _opened(data: bytes) -> DocxDocument:
    """The base document parsed once per process; each output starts from a deep copy (half the cost of
    parsing the package again), and the parsed original is never changed."""
    if data not in _OPENED:
        _OPENED.clear()  # one base per build: never hold more than one
        _OPENED[data] = docx.Document(io.BytesIO(data))
    return _OPENED[data]


def _text_width(section: Section) -> int:
    """Twips between the margins; the base document always sets page size and margins."""
    page, left, right = section.page_width, section.left_margin, section.right_margin
    assert page is not None and left is not None and right is not None
    return (page - left - right) // EMU_PER_TWIP


def _restart_numbering(sect_pr: etree._Element) -> None:
    """Page numbers of the section count from 1 (each record of a book of forms has its own)."""
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    numbering = parse_xml(f'<w:pgNumType xmlns:w="{W_NS}" w:start="1"/>')
    # sectPr children are ordered: pgNumType comes after pgSz, pgMar, paperSrc, pgBorders and lnNumType.
    after = [sect_pr.find(qn(f"w:{tag}")) for tag in ("lnNumType", "pgBorders", "paperSrc", "pgMar", "pgSz")]
    anchor = next((e for e in after if e is not None), None)
    if anchor is not None:
        anchor.addnext(numbering)
    else:
        sect_pr.insert(0, numbering)


def _tiny_paragraph(inner: str) -> etree._Element:
    """An empty paragraph 1 pt high, so that it never takes a page of its own."""
    return parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
                     f'w:lineRule="exact"/>{inner}<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def _bookmarked(paragraph: etree._Element, index: int) -> etree._Element:
    """``paragraph`` with the bookmark that ends section ``index``, named as blocks.section_pages expects."""
    paragraph.append(parse_xml(f'<w:bookmarkStart xmlns:w="{W_NS}" w:id="{9000 + index}" '
                               f'w:name="{SECTION_END}{index}"/>'))
    paragraph.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{W_NS}" w:id="{9000 + index}"/>'))
    return paragraph


def _section_end(sect_pr: etree._Element, index: int) -> etree._Element:
    """The paragraph that ends section ``index``: a copy of the page setup with its own numbering, bookmarked for
    the section's page count."""
    copy = deepcopy(sect_pr)
    for ref in (*copy.findall(qn("w:headerReference")), *copy.findall(qn("w:footerReference"))):
        copy.remove(ref)
    return _bookmarked(_tiny_paragraph(etree.tostring(copy, encoding="unicode")), index)


def _page(section: Section) -> Page:
    values = (section.page_width, section.page_height, section.left_margin, section.right_margin,
              section.top_margin, section.bottom_margin)
    assert all(v is not None for v in values)  # the base document always sets page size and margins
    return Page(*(int(v or 0) // EMU_PER_TWIP for v in values))


def _blocks(view: DocView, styles: dict[str, str], page: Page, document: DocxDocument,
            streams: list[Iterator[bytes]] | None, sect_pr: etree._Element, sans: Face,
            sections: Sections) -> Iterator[etree._Element]:
    """The body's elements; with ``streams``, each table is a comment that its serialised stream replaces."""
    bold = kit.rpr_xml(bold=True)
    width = page.width - page.left - page.right
    page_break = False
    ended = 0
    previous = None
    for block in view.blocks:
        continues = isinstance(previous, Flowchart) and previous.landscape
        previous = block
        if isinstance(block, PageBreak):
            page_break = True
            continue
        if isinstance(block, NewSection):
            yield _section_end(sect_pr, ended)  # a section starts on a new page: no page break is needed
            ended += 1
            page_break = False
            continue
        if isinstance(block, Flowchart):
            yield from flowchart_elements(block, styles, page, view.page.landscape, sections, page_break, sans,
                                          continues)
            page_break = False
            continue
        if isinstance(block, Image):
            yield _picture(document, block, width, styles)
            continue
        if isinstance(block, Para):
            yield kit.paragraph(styles.get(block.style), block.text, lead=block.lead, lead_props=bold,
                                align=block.align, keep_next=block.keep_next, page_break_before=page_break,
                                space_before=block.space_before, right_tab=width if "\t" in block.text else None,
                                widow_control=block.widow_control)
            page_break = False
            continue
        if page_break:  # a table cannot carry pageBreakBefore; an empty paragraph does
            yield kit.paragraph(styles.get("normal"), page_break_before=True)
            page_break = False
        if block.caption:
            yield kit.paragraph(styles.get("heading2"), block.caption, keep_next=True, align="center")
        yield _table(block, fitted_widths(block, width), styles, streams, sans)


def _table(block: Table, widths: list[int], styles: dict[str, str],
           streams: list[Iterator[bytes]] | None, sans: Face) -> etree._Element:
    heights = {i: round(h * 567) for i, h in block.heights}
    row_height = round(block.row_height * 567) if block.row_height else None
    props = _sized(block.text_size, block.heading_size, sans)
    count = len(block.rows)
    # Rows whose paragraphs keep with the next: all but the last of a block kept together, and the last rows.
    keep = sorted({*(range(block.header_rows, count - 1) if block.keep_together else ()),
                   *range(count - block.keep_last, count), *block.keep_rows})
    if streams is None:
        return kit.table(widths, block.rows, styles, header_rows=block.header_rows, split_rows=block.split_rows,
                         row_height=row_height, heights=heights, cell_props=props, cell_margin=block.cell_margin,
                         keep=keep)

    def serialised() -> Iterator[bytes]:
        # The builders' XML text goes straight into the part: no tree is built for a streamed table.
        def rows(first: int, last: int, header_rows: int) -> str:
            return kit.rows_xml(widths, block.rows[first:last], styles, header_rows=header_rows,
                                split_rows=block.split_rows, row_height=row_height, cell_props=props,
                                heights={i - first: h for i, h in heights.items() if first <= i < last},
                                keep=[i - first for i in keep if first <= i < last])

        head = block.header_rows
        yield (kit.table_start_xml(widths, styles, block.cell_margin) + rows(0, head, head)).encode()
        batch = max(1, _BATCH_CELLS // len(widths))
        for first in range(head, len(block.rows), batch):
            # header_rows=0: rows past the heading repeat nothing and keep together, as they would in one table.
            yield rows(first, first + batch, 0).encode()
        yield kit.TABLE_END.encode()

    streams.append(serialised())
    return etree.Comment(f"{STREAM_MARK}{len(streams) - 1}")


def _sized(size: int | None, heading: int | None, sans: Face) -> dict[str, str]:
    if size is None and heading is None:
        return {"bold": kit.rpr_xml(bold=True, font=sans)}
    props = {"text": kit.rpr_xml(size=size), "heading": kit.rpr_xml(size=heading or size),
             "bold": kit.rpr_xml(bold=True, font=sans, size=size)}
    return {key: value for key, value in props.items() if value}


def _picture(document: DocxDocument, image: Image, width: int, styles: dict[str, str]) -> etree._Element:
    """python-docx embeds the picture (one media part per distinct image, named by its hash)."""
    natural = DocxImage.from_blob(image.data).width  # EMU at the picture's own resolution
    paragraph = document.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(image.data), width=Emu(min(natural, width * EMU_PER_TWIP)))
    element = paragraph._p
    element.insert(0, kit.paragraph(styles.get("normal"), align="center", keep_next=image.keep_next)
                   .find(qn("w:pPr")))
    return element


def fitted_widths(block: Table, width: int) -> list[int]:
    """Column widths in twips: sized to the cells' text (see ``fit_columns``), then rounded to add up to ``width``.
    Text is measured in ems of the table's own text size (10.5 pt unless ``text_size`` says otherwise)."""
    if block.fit == "fixed":
        return _scale(block.widths, width)
    em = _EM * block.text_size / 21 if block.text_size else _EM
    n = len(block.widths)
    minimum, natural = [0.0] * n, [0.0] * n
    for row in (*block.rows, *block.measure_with):
        column = 0
        for cell in row:
            if cell.span == 1 and column < n:
                bold = _BOLD if cell.heading else 1.0
                minimum[column] = max(minimum[column], unbreakable_ems(cell.text) * bold)
                natural[column] = max(natural[column], natural_ems(cell.text) * bold)
            column += cell.span
    pad = _CELL_PADDING / em
    usable = width / em
    ems = fit_columns([m + pad if m else 0.0 for m in minimum], [a + pad for a in natural], block.widths,
                      usable, by_content=block.fit == "content")
    return _scale(tuple(ems), width)


def _scale(relative: tuple[float, ...], width: int) -> list[int]:
    total = sum(relative)
    widths = [round(w / total * width) for w in relative]
    widths[-1] += width - sum(widths)  # rounding never leaves the table narrower or wider than the text
    return widths


def _header(section: Section, page: PageView, styles: dict[str, str], width: int, sans: Face,
            document: DocxDocument) -> None:
    hdr = _emptied(section.header)
    n = max(1, len(page.rows))
    rows = []
    logo = 1 if page.logo is not None else 0
    for i in range(n):
        merge: Literal["restart", "continue"] = "restart" if i == 0 else "continue"
        label, value = page.rows[i] if page.rows else ("", "")
        spanning = [Cell(text if i == 0 else "", merge=merge if n > 1 else None, align="center")
                    for text in ("", page.company, page.title)[1 - logo:]]
        rows.append((*spanning, Cell(label, shade=True, align="center"), Cell(value, align="center")))
    small = {"text": kit.rpr_xml(size=18)}
    widths = _scale(_HEADER_SPLIT, width)
    if page.logo is not None:
        # The logo takes a column of its own at the left, as wide as it prints; the header keeps its height.
        logo_width = _logo_size(page.logo, widths[0] // 2)[0] // EMU_PER_TWIP + _LOGO_PADDING
        widths = [logo_width, *_scale(_HEADER_SPLIT[:2], widths[0] + widths[1] - logo_width), *widths[2:]]
    # Rows share the height the company cell needs (name and stamp), at least one line each.
    tbl = kit.table(widths, rows, styles, row_height=max(360, -(-_COMPANY_CELL // n)), cell_props=small)
    first = tbl.findall(qn("w:tr"))[0].findall(qn("w:tc"))
    if page.logo is not None:
        cell = first[0]
        cell.remove(cell.find(qn("w:p")))
        cell.append(_logo(section, page.logo, widths[0] - _LOGO_PADDING, styles, document))
    _restyle(first[logo], kit.rpr(bold=True, font=sans, size=21))
    _restyle(first[logo + 1], kit.rpr(font=sans, size=28))
    first[logo].append(kit.paragraph(styles.get("table_text"), page.stamp, align="center", space_before=3,
                                     props=kit.rpr_xml(bold=True, font=sans, size=24, color=kit.STAMP_COLOR,
                                                       border=kit.STAMP_COLOR)))
    hdr.append(tbl)
    # Word wants a header to end with a paragraph; a 2-pt one, which also anchors the watermark.
    tail = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{styles.get("header", "Header")}"/>'
                     '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                     '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>')
    if page.watermark:
        tail.append(kit.watermark_run(page.watermark, *_watermark_size(page.watermark, page.landscape), font=sans[1]))
    hdr.append(tail)


def _logo_size(logo: Logo, most: int) -> tuple[int, int]:
    """Printed width and height (EMU): _LOGO_HEIGHT high, or ``most`` twips wide for a wide logo."""
    height = float(_LOGO_HEIGHT * EMU_PER_TWIP)
    width = height * logo.width_px / logo.height_px
    if width > most * EMU_PER_TWIP:
        width, height = float(most * EMU_PER_TWIP), most * EMU_PER_TWIP * logo.height_px / logo.width_px
    return round(width), round(height)


def _logo(section: Section, logo: Logo, room: int, styles: dict[str, str], document: DocxDocument) -> etree._Element:
    """A centred paragraph holding the logo, in a cell ``room`` twips wide inside its margins."""
    width, height = _logo_size(logo, room)
    header_part = section.header.part
    extension = {"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif"}[logo.content_type]
    # Our own part, named once per document: python-docx would parse the picture again to add it.
    part = Part(PackURI(f"/word/media/logo.{extension}"), logo.content_type, logo.data, header_part.package)
    rid = header_part.relate_to(part, RT.IMAGE)
    # Drawing ids are unique in a document: the header's picture takes the next one after the body's.
    inline = CT_Inline.new_pic_inline(document.part.next_id, rid, logo.name, Emu(width), Emu(height))
    paragraph = kit.paragraph(styles.get("table_text"), align="center")
    run = parse_xml(f'<w:r xmlns:w="{W_NS}"><w:drawing/></w:r>')
    run[0].append(inline)
    paragraph.append(run)
    return paragraph


def _emptied(part: _Header | _Footer) -> etree._Element:
    """The header or footer element of this section alone, with the base document's content removed."""
    part.is_linked_to_previous = False
    element = part._element
    for child in list(element):
        element.remove(child)
    return element


def _restyle(tc: etree._Element, props: etree._Element | None) -> None:
    for r in tc.iter(qn("w:r")):
        old = r.find(qn("w:rPr"))
        if old is not None:
            r.remove(old)
        if props is not None:
            r.insert(0, deepcopy(props))


def _watermark_size(text: str, landscape: bool) -> tuple[int, int]:
    # fitshape stretches the text to the box, so the box follows the text's natural proportions.
    em = sum(1.0 if ord(c) > 0x2E80 else 0.62 for c in text) or 1.0
    height = 150.0
    max_width = 620.0 if landscape else 430.0
    width = min(max_width, em * height)
    return round(width), round(width / em)


def _footer(section: Section, page: PageView, styles: dict[str, str], width: int) -> None:
    ftr = _emptied(section.footer)
    text = "\t".join(page.footer[:2])
    p = kit.paragraph(styles.get("footer"), text, right_tab=width)
    # A rule above the footer separates it from the body, as in most house styles.
    border = parse_xml(f'<w:pBdr xmlns:w="{W_NS}"><w:top w:val="single" w:sz="4" w:space="4" w:color="000000"/>'
                       "</w:pBdr>")
    ppr = p.find(qn("w:pPr"))
    tabs = ppr.find(qn("w:tabs"))
    (tabs.addprevious if tabs is not None else ppr.append)(border)
    ftr.append(p)
