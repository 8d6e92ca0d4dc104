"""The packaged default styles (styles.xml): Chinese house typography with explicit East-Asian fonts."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Logical style keys used by the builders → the style *names* looked up in the base document.
# Names, not ids: Word in a Chinese locale saves `heading 1` with styleId "1", so ids are resolved
# per base document (see base.py) and a company reference.docx keeps working.
STYLE_NAMES = {
    "normal": "Normal",
    "title": "Title",
    "heading1": "heading 1",
    "heading2": "heading 2",
    "body": "Body Text",
    "header": "header",
    "footer": "footer",
    "table_text": "PC Table Text",
    "table_heading": "PC Table Heading",
    "note": "PC Note",
    "table_grid": "Table Grid",
}

# Body 宋体 五号 (10.5 pt), headings 黑体; Latin Times New Roman / Arial. Sizes are half-points.
SERIF = ("Times New Roman", "宋体")
SANS = ("Arial", "黑体")
Face = tuple[str, str]  # (Latin font, East-Asian font) of a run
# Per project language: (serif, sans). An English document names its Latin faces in every slot, so no
# Chinese font name (nor the zh-CN language) is anywhere in it; Word still falls back for any CJK text.
TYPEFACES: dict[str, tuple[Face, Face]] = {
    "zh": (SERIF, SANS),
    "en": (("Times New Roman", "Times New Roman"), ("Arial", "Arial")),
}
# The language of East-Asian text (w:lang w:eastAsia, w:themeFontLang).
EAST_ASIAN_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}


def fonts(latin: str, east_asia: str) -> str:
    # Explicit names only: any w:*Theme attribute would override them (tech.md §1.1).
    return (f"<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} "
            f"w:cs={quoteattr(latin)} w:eastAsia={quoteattr(east_asia)}/>")


def _rpr(font: tuple[str, str] | None = None, size: int | None = None, bold: bool = False) -> str:
    parts = [fonts(*font) if font else "", "<w:b/><w:bCs/>" if bold else "",
             "<w:color w:val=\"000000\"/>", f"<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>" if size else ""]
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def _para_style(style_id: str, name: str, *, based: str | None = None, nxt: str | None = None,
                ppr: str = "", rpr: str = "", default: bool = False, outline: int | None = None) -> str:
    attrs = ' w:default="1"' if default else ""
    body = f"<w:name w:val={quoteattr(name)}/>"
    body += f'<w:basedOn w:val="{based}"/>' if based else ""
    body += f'<w:next w:val="{nxt}"/>' if nxt else ""
    body += "<w:qFormat/>"
    if outline is not None:
        ppr = ppr.replace("</w:pPr>", f'<w:outlineLvl w:val="{outline}"/></w:pPr>')
    return f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}">{body}{ppr}{rpr}</w:style>'


def _ppr(*, keep_next: bool = False, before: int = 0, after: int = 0, line: int = 240,
         jc: str | None = None, first_line_chars: int | None = None, widow: bool = True) -> str:
    # Children in schema order: keepNext, widowControl, spacing, ind, jc.
    out = "<w:keepNext/>" if keep_next else ""
    out += "" if widow else '<w:widowControl w:val="0"/>'
    out += f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'
    if first_line_chars:
        out += f'<w:ind w:firstLineChars="{first_line_chars}" w:firstLine="{first_line_chars * 21 // 10}"/>'
    out += f'<w:jc w:val="{jc}"/>' if jc else ""
    return f"<w:pPr>{out}</w:pPr>"


def _table_style(style_id: str, name: str, borders: bool, default: bool = False) -> str:
    edges = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    flag = ' w:default="1"' if default else ""
    return (f'<w:style w:type="table"{flag} w:styleId="{style_id}">'
            f"<w:name w:val={quoteattr(name)}/>"
            + ("" if default else '<w:basedOn w:val="TableNormal"/>')
            + '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            + '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
            + (f"<w:tblBorders>{edges}</w:tblBorders>" if borders else "")
            + '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            + '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            + "</w:tblPr></w:style>")


def default_styles_xml(language: str = "zh") -> str:
    """styles.xml of the packaged default reference document, in the typefaces of ``language``."""
    serif, sans = TYPEFACES[language]
    doc_defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts(*serif)
        + '<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
        + f'<w:lang w:val="en-US" w:eastAsia="{EAST_ASIAN_LANGUAGE[language]}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        + '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        + "</w:pPrDefault></w:docDefaults>"
    )
    styles = [
        _para_style("Normal", "Normal", default=True, ppr=_ppr(line=300, jc="both", widow=False),
                    rpr=_rpr(serif, 21)),
        _para_style("Title", "Title", based="Normal", nxt="Normal",
                    ppr=_ppr(keep_next=True, before=240, after=240, line=240, jc="center"), rpr=_rpr(sans, 36)),
        _para_style("Heading1", "heading 1", based="Normal", nxt="BodyText", outline=0,
                    ppr=_ppr(keep_next=True, before=240, after=120, line=300), rpr=_rpr(sans, 24)),
        _para_style("Heading2", "heading 2", based="Normal", nxt="BodyText", outline=1,
                    ppr=_ppr(keep_next=True, before=120, after=60, line=300), rpr=_rpr(sans, 21)),
        _para_style("BodyText", "Body Text", based="Normal", ppr=_ppr(line=360, jc="both", first_line_chars=200)),
        _para_style("Header", "header", based="Normal", ppr=_ppr(jc="center"), rpr=_rpr(size=18)),
        _para_style("Footer", "footer", based="Normal", ppr=_ppr(), rpr=_rpr(size=18)),
        _para_style("PCTableText", "PC Table Text", based="Normal", ppr=_ppr(line=264, jc="left")),
        _para_style("PCTableHeading", "PC Table Heading", based="PCTableText",
                    ppr=_ppr(keep_next=True, line=264, jc="center"), rpr=_rpr(sans, 21)),
        _para_style("PCNote", "PC Note", based="Normal", ppr=_ppr(line=264, jc="left"), rpr=_rpr(size=18)),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        _table_style("TableNormal", "Normal Table", borders=False, default=True),
        _table_style("TableGrid", "Table Grid", borders=True),
    ]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
            + doc_defaults + "".join(styles) + "</w:styles>")


# Font table with the Windows names and GB2312 charset, so Word substitutes sensibly where 宋体/黑体 are missing.
_FONTS = (
    ("Times New Roman", "", "02020603050405020304", "00", "roman", "variable"),
    ("Arial", "", "020B0604020202020204", "00", "swiss", "variable"),
    ("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
    ("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"),
)


def font_table_xml(language: str = "zh") -> str:
    """fontTable.xml naming the fonts the default styles of ``language`` use, and no other."""
    used = {name for face in TYPEFACES[language] for name in face}
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">'
            + "".join(f'<w:font w:name="{name}">' + (f'<w:altName w:val="{alt}"/>' if alt else "")
                      + f'<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
                      f'<w:pitch w:val="{pitch}"/></w:font>'
                      for name, alt, panose, charset, family, pitch in _FONTS if name in used)
            + "</w:fonts>")


FONT_TABLE_XML = font_table_xml("zh")


_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def latin_theme(theme: bytes) -> bytes:
    """A theme part (Word's or Excel's) without its per-script fonts named in CJK (ＭＳ ゴシック, 宋体 …): a document
    in a Latin language does not use them, and they would be the only CJK text in its files."""
    root = etree.fromstring(theme)
    for font in list(root.iter(f"{{{_A_NS}}}font")):
        if not font.get("typeface", "").isascii():
            parent = font.getparent()
            assert parent is not None
            parent.remove(font)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
