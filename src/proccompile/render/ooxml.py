"""Low-level OOXML builders: runs with East-Asian fonts, PAGE fields, tables, shading, stamp and watermark."""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from proccompile.render.blocks import NUMPAGES, PAGE, Cell
from proccompile.render.styles import SANS, W_NS

_SPLIT = re.compile(f"({re.escape(PAGE)}|{re.escape(NUMPAGES)}|\n|\t)")
_FIELDS = {PAGE: "PAGE", NUMPAGES: "NUMPAGES"}
SHADE = "D9D9D9"
STAMP_COLOR = "C00000"
_W = f"xmlns:w={quoteattr(W_NS)}"


_QNAMES: dict[str, str] = {}


def _q(tag: str) -> str:
    # qn() parses the prefix on every call; documents need tens of thousands of names.
    name = _QNAMES.get(tag)
    if name is None:
        name = _QNAMES[tag] = qn(tag)
    return name


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, _q(tag), {_q(f"w:{k}"): v for k, v in attrs.items()} if attrs else None)


def rpr(*, bold: bool = False, font: tuple[str, str] | None = None, size: int | None = None,
        color: str | None = None, border: str | None = None) -> etree._Element | None:
    """Run properties in schema order; None when there is nothing to set."""
    if not (bold or font or size or color or border):
        return None
    props = OxmlElement("w:rPr")
    if font:
        # Explicit names on all four slots: w:eastAsia is what CJK text uses (tech.md §1.1).
        _sub(props, "w:rFonts", ascii=font[0], hAnsi=font[0], cs=font[0], eastAsia=font[1])
    if bold:
        _sub(props, "w:b")
        _sub(props, "w:bCs")
    if color:
        _sub(props, "w:color", val=color)
    if size:
        _sub(props, "w:sz", val=str(size))
        _sub(props, "w:szCs", val=str(size))
    if border:
        _sub(props, "w:bdr", val="single", sz="8", space="0", color=border)
    return props


def add_runs(p: etree._Element, text: str, props: etree._Element | None = None) -> None:
    """Append ``text`` as runs: newlines become breaks, tabs tabs, PAGE/NUMPAGES markers live fields."""
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece in _FIELDS:
            _add_field(p, _FIELDS[piece], props)
            continue
        r = _sub(p, "w:r")
        if props is not None:
            r.append(deepcopy(props))
        if piece == "\n":
            _sub(r, "w:br")
        elif piece == "\t":
            _sub(r, "w:tab")
        else:
            t = _sub(r, "w:t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _add_field(p: etree._Element, instr: str, props: etree._Element | None) -> None:
    # Complex field begin/instr/separate/result/end: renderers lay out PAGE and NUMPAGES live, so no
    # updateFields prompt is needed; the cached "1" only shows in clients that do not paginate.
    for kind, text in (("begin", None), ("instr", f" {instr} "), ("separate", None), ("result", "1"),
                       ("end", None)):
        r = _sub(p, "w:r")
        if props is not None:
            r.append(deepcopy(props))
        if kind == "instr":
            el = _sub(r, "w:instrText")
            el.text = text
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif kind == "result":
            _sub(r, "w:t").text = text
        else:
            _sub(r, "w:fldChar", fldCharType=kind)


def paragraph(style_id: str | None, text: str = "", *, lead: str = "", align: str | None = None,
              keep_next: bool = False, page_break_before: bool = False, space_before: int | None = None,
              right_tab: int | None = None, props: etree._Element | None = None,
              lead_props: etree._Element | None = None) -> etree._Element:
    p = OxmlElement("w:p")
    ppr = _sub(p, "w:pPr")
    if style_id:
        _sub(ppr, "w:pStyle", val=style_id)
    if keep_next:
        _sub(ppr, "w:keepNext")
    if page_break_before:
        _sub(ppr, "w:pageBreakBefore")
    if right_tab is not None:
        _sub(_sub(ppr, "w:tabs"), "w:tab", val="right", pos=str(right_tab))
    if space_before is not None:
        _sub(ppr, "w:spacing", before=str(space_before * 20))
    if align:
        _sub(ppr, "w:jc", val=align)
    if lead:
        add_runs(p, lead, lead_props)
    add_runs(p, text, props)
    return p


def shade(tc_pr: etree._Element, fill: str = SHADE) -> None:
    # tcPr children are ordered (tcW, gridSpan, vMerge, tcBorders, shd, …, vAlign); shd goes before vAlign.
    shd = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    valign = tc_pr.find(qn("w:vAlign"))
    if valign is not None:
        valign.addprevious(shd)
    else:
        tc_pr.append(shd)


def table(widths: Sequence[int], rows: Sequence[Sequence[Cell]], styles: dict[str, str], *,
          header_rows: int = 0, row_height: int | None = None, cell_props: dict[str, etree._Element | None]
          | None = None, heights: dict[int, int] | None = None, split_rows: bool = False) -> etree._Element:
    """A fixed-layout table; ``widths`` in twips. Identical row objects are built once and copied."""
    tbl = OxmlElement("w:tbl")
    tbl_pr = _sub(tbl, "w:tblPr")
    _sub(tbl_pr, "w:tblStyle", val=styles["table_grid"])
    _sub(tbl_pr, "w:tblW", w=str(sum(widths)), type="dxa")
    _sub(tbl_pr, "w:jc", val="center")
    _sub(tbl_pr, "w:tblLayout", type="fixed")
    _sub(tbl_pr, "w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
         noHBand="1", noVBand="1")
    grid = _sub(tbl, "w:tblGrid")
    for width in widths:
        _sub(grid, "w:gridCol", w=str(width))
    built: dict[int, etree._Element] = {}
    props = cell_props or {}
    for index, row in enumerate(rows):
        height = (heights or {}).get(index, row_height)
        if id(row) in built and height == row_height:
            tbl.append(deepcopy(built[id(row)]))
            continue
        tr = _sub(tbl, "w:tr")
        tr_pr = _sub(tr, "w:trPr")
        if index >= header_rows and not split_rows:
            _sub(tr_pr, "w:cantSplit")
        if height:
            _sub(tr_pr, "w:trHeight", val=str(height), hRule="atLeast")
        if index < header_rows:
            _sub(tr_pr, "w:tblHeader")  # repeat on every page
        column = 0
        for cell in row:
            _cell(tr, cell, sum(widths[column:column + cell.span]), styles, props)
            column += cell.span
        if height == row_height:
            built[id(row)] = tr
    return tbl


def _cell(tr: etree._Element, cell: Cell, width: int, styles: dict[str, str],
          props: dict[str, etree._Element | None]) -> None:
    tc = _sub(tr, "w:tc")
    tc_pr = _sub(tc, "w:tcPr")
    _sub(tc_pr, "w:tcW", w=str(width), type="dxa")
    if cell.span > 1:
        _sub(tc_pr, "w:gridSpan", val=str(cell.span))
    if cell.merge:
        _sub(tc_pr, "w:vMerge", val=cell.merge)
    if cell.shade or cell.heading:
        shade(tc_pr)
    _sub(tc_pr, "w:vAlign", val="top" if cell.top else "center")
    style = styles["table_heading"] if cell.heading else styles["table_text"]
    align = cell.align or ("center" if cell.heading else None)
    text_props = props.get("heading" if cell.heading else "text")
    if cell.bold and (text_props is None or "bold" in props):
        text_props = props.get("bold", _BOLD_SANS)
    tc.append(paragraph(style, cell.text, align=align, props=text_props))


_BOLD_SANS = rpr(bold=True, font=SANS)


def watermark_run(text: str, width_pt: int, height_pt: int) -> etree._Element:
    """Word's own diagonal WordArt watermark (VML) for a header paragraph (tech.md §1.4)."""
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width_pt}pt;height:{height_pt}pt;"
             "rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
             "mso-position-vertical:center;mso-position-vertical-relative:margin")
    font = f"font-family:&quot;{SANS[1]}&quot;;font-size:1pt"
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
