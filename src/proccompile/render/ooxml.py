"""Low-level OOXML builders: runs with East-Asian fonts, PAGE fields, tables, shading, stamp and watermark."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from lxml import etree

from proccompile.render.blocks import NUMPAGES, PAGE, Cell
from proccompile.render.styles import SANS, W_NS

# A non-breaking hyphen (U+2011) is written as Word's own w:noBreakHyphen: fonts rarely draw the character.
_SPLIT = re.compile(f"({re.escape(PAGE)}|{re.escape(NUMPAGES)}|\ue000PAGEREF:[A-Za-z0-9_]+\ue000|\n|\t|\u2011)")
_FIELDS = {PAGE: "PAGE", NUMPAGES: "NUMPAGES"}
SHADE = "D9D9D9"
STAMP_COLOR = "C00000"
_W = f"xmlns:w={quoteattr(W_NS)}"


def _attr(value: str) -> str:
    return quoteattr(value)


def _element(xml: str) -> etree._Element:
    """Parse one builder's XML (prefixed names, no declarations) into python-docx's element classes."""
    # Building the text and parsing it once is about eight times faster than an lxml call per element,
    # which for tables of hundreds of cells was half of each document's time.
    match = _ROOT_TAG.match(xml)
    assert match is not None, xml[:40]
    return parse_xml(f"{xml[:match.end()]} {_W}{xml[match.end():]}")


_ROOT_TAG = re.compile(r"<[\w:]+")
# A parser reads a raw CR in text as a line end; as a reference it stays the character it was.
_CONTROL = {"\r": "&#13;"}


def rpr_xml(*, bold: bool = False, font: tuple[str, str] | None = None, size: int | None = None,
            color: str | None = None, border: str | None = None) -> str:
    """Run properties in schema order; empty when there is nothing to set."""
    if not (bold or font or size or color or border):
        return ""
    parts = ["<w:rPr>"]
    if font:
        # Explicit names on all four slots: w:eastAsia is what CJK text uses (tech.md §1.1).
        latin = _attr(font[0])
        parts.append(f"<w:rFonts w:ascii={latin} w:hAnsi={latin} w:cs={latin} w:eastAsia={_attr(font[1])}/>")
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f"<w:color w:val={_attr(color)}/>")
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if border:
        parts.append(f'<w:bdr w:val="single" w:sz="8" w:space="0" w:color={_attr(border)}/>')
    parts.append("</w:rPr>")
    return "".join(parts)


def rpr(*, bold: bool = False, font: tuple[str, str] | None = None, size: int | None = None,
        color: str | None = None, border: str | None = None) -> etree._Element | None:
    """Run properties as an element; None when there is nothing to set."""
    xml = rpr_xml(bold=bold, font=font, size=size, color=color, border=border)
    return _element(xml) if xml else None


def runs_xml(text: str, props: str = "") -> str:
    """``text`` as runs: newlines become breaks, tabs tabs, PAGE/NUMPAGES markers live fields."""
    parts = []
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece in _FIELDS:
            parts.append(_field_xml(_FIELDS[piece], props))
        elif piece.startswith("\ue000PAGEREF:"):  # the page of a bookmark (blocks.section_pages)
            parts.append(_field_xml(f"PAGEREF {piece[9:-1]} \\h", props))
        elif piece == "\n":
            parts.append(f"<w:r>{props}<w:br/></w:r>")
        elif piece == "\t":
            parts.append(f"<w:r>{props}<w:tab/></w:r>")
        elif piece == "\u2011":
            parts.append(f"<w:r>{props}<w:noBreakHyphen/></w:r>")
        else:
            parts.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(piece, _CONTROL)}</w:t></w:r>')
    return "".join(parts)


def _field_xml(instr: str, props: str) -> str:
    # Complex field begin/instr/separate/result/end: renderers lay out PAGE and NUMPAGES live, so no
    # updateFields prompt is needed; the cached "1" only shows in clients that do not paginate.
    return (f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{props}<w:t>1</w:t></w:r>"
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>')


def paragraph_xml(style_id: str | None, text: str = "", *, lead: str = "", align: str | None = None,
                  keep_next: bool = False, page_break_before: bool = False, space_before: int | None = None,
                  right_tab: int | None = None, props: str = "", lead_props: str = "",
                  widow_control: bool = False) -> str:
    paragraph_props = []
    if style_id:
        paragraph_props.append(f"<w:pStyle w:val={_attr(style_id)}/>")
    if keep_next:
        paragraph_props.append("<w:keepNext/>")
    if page_break_before:
        paragraph_props.append("<w:pageBreakBefore/>")
    if widow_control:
        paragraph_props.append("<w:widowControl/>")
    if right_tab is not None:
        paragraph_props.append(f'<w:tabs><w:tab w:val="right" w:pos="{right_tab}"/></w:tabs>')
    if space_before is not None:
        paragraph_props.append(f'<w:spacing w:before="{space_before * 20}"/>')
    if align:
        paragraph_props.append(f"<w:jc w:val={_attr(align)}/>")
    runs = (runs_xml(lead, lead_props) if lead else "") + runs_xml(text, props)
    return f"<w:p>{_wrapped('w:pPr', paragraph_props)}{runs}</w:p>"


def _wrapped(tag: str, children: list[str]) -> str:
    # An empty element written as lxml writes it (<w:pPr/>), so text streamed into a part reads the same.
    return f"<{tag}>{''.join(children)}</{tag}>" if children else f"<{tag}/>"


def paragraph(style_id: str | None, text: str = "", *, lead: str = "", align: str | None = None,
              keep_next: bool = False, page_break_before: bool = False, space_before: int | None = None,
              right_tab: int | None = None, props: str = "", lead_props: str = "",
              widow_control: bool = False) -> etree._Element:
    return _element(paragraph_xml(style_id, text, lead=lead, align=align, keep_next=keep_next,
                                  page_break_before=page_break_before, space_before=space_before,
                                  right_tab=right_tab, props=props, lead_props=lead_props,
                                  widow_control=widow_control))


def table(widths: Sequence[int], rows: Sequence[Sequence[Cell]], styles: dict[str, str], *,
          header_rows: int = 0, row_height: int | None = None, cell_props: dict[str, str] | None = None,
          heights: dict[int, int] | None = None, split_rows: bool = False, cell_margin: int | None = None,
          keep: Sequence[int] = ()) -> etree._Element:
    """A fixed-layout table; ``widths`` in twips. Identical row objects are written once and repeated.

    ``keep``: indexes of rows kept on the page of the row after them (their paragraphs keep with the next).
    """
    rows_text = rows_xml(widths, rows, styles, header_rows=header_rows, row_height=row_height,
                         cell_props=cell_props, heights=heights, split_rows=split_rows, keep=keep)
    return _element(f"{table_start_xml(widths, styles, cell_margin)}{rows_text}{TABLE_END}")


TABLE_END = "</w:tbl>"


def table_start_xml(widths: Sequence[int], styles: dict[str, str], cell_margin: int | None = None) -> str:
    """A table's properties and grid: what comes before its rows."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    margins = (f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" '
               'w:type="dxa"/></w:tblCellMar>') if cell_margin is not None else ""
    return (f"<w:tbl><w:tblPr><w:tblStyle w:val={_attr(styles['table_grid'])}/>"
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            f"{margins}"
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def rows_xml(widths: Sequence[int], rows: Sequence[Sequence[Cell]], styles: dict[str, str], *,
             header_rows: int = 0, row_height: int | None = None, cell_props: dict[str, str] | None = None,
             heights: dict[int, int] | None = None, split_rows: bool = False, keep: Sequence[int] = ()) -> str:
    """The rows of a table (see ``table``); ``heights`` and ``keep`` by index into ``rows``."""
    parts: list[str] = []
    built: dict[int, str] = {}
    props = cell_props or {}
    kept = set(keep)
    for index, row in enumerate(rows):
        height = (heights or {}).get(index, row_height)
        keep_next = index in kept
        if id(row) in built and height == row_height and not keep_next:
            parts.append(built[id(row)])
            continue
        row_props = []
        if index >= header_rows and not split_rows:
            row_props.append("<w:cantSplit/>")
        if height:
            row_props.append(f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>')
        if index < header_rows:
            row_props.append("<w:tblHeader/>")  # repeat on every page
        tr = ["<w:tr>", _wrapped("w:trPr", row_props)]
        column = 0
        for cell in row:
            tr.append(_cell_xml(cell, sum(widths[column:column + cell.span]), styles, props, keep_next))
            column += cell.span
        tr.append("</w:tr>")
        xml = "".join(tr)
        parts.append(xml)
        if height == row_height and not keep_next:
            built[id(row)] = xml
    return "".join(parts)


def _cell_xml(cell: Cell, width: int, styles: dict[str, str], props: dict[str, str], keep_next: bool = False) -> str:
    # tcPr children are ordered (tcW, gridSpan, vMerge, tcBorders, shd, …, vAlign).
    parts = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.span > 1:
        parts.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.merge:
        parts.append(f'<w:vMerge w:val="{cell.merge}"/>')
    if cell.shade or cell.heading:
        parts.append(_SHADED)
    parts.append(f'<w:vAlign w:val="{"top" if cell.top else "center"}"/></w:tcPr>')
    style = styles["table_heading"] if cell.heading else styles["table_text"]
    align = cell.align or ("center" if cell.heading else None)
    text_props = props.get("heading" if cell.heading else "text", "")
    if cell.bold and (not text_props or "bold" in props):
        text_props = props.get("bold", _BOLD_SANS)
    parts.append(paragraph_xml(style, cell.text, align=align, props=text_props, keep_next=keep_next))
    parts.append("</w:tc>")
    return "".join(parts)


_SHADED = f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>'
_BOLD_SANS = rpr_xml(bold=True, font=SANS)


def watermark_run(text: str, width_pt: int, height_pt: int, font: str = SANS[1]) -> etree._Element:
    """Word's own diagonal WordArt watermark (VML) for a header paragraph (tech.md §1.4), set in ``font``."""
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width_pt}pt;height:{height_pt}pt;"
             "rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
             "mso-position-vertical:center;mso-position-vertical-relative:margin")
    font = f"font-family:&quot;{escape(font)}&quot;;font-size:1pt"
    return parse_xml(
        f'<w:r {_W} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>{_SHAPETYPE}'
        f'<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" style="{style}" '
        f'o:allowincell="f" fillcolor="#BFBFBF" stroked="f"><v:fill opacity=".5"/>'
        f'<v:textpath style="{font}" string={quoteattr(text)}/><w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape></w:pict></w:r>")


# The WordArt "plain text" shape type exactly as Word writes it for a watermark.
_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{e}"/>' for e in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
        "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
    '</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
)
