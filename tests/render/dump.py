"""A reviewable text dump of a .docx for golden tests: parsed content, not zip bytes.

One line per paragraph as ``[styleId|jc|break] text`` (bold runs in **…**, tabs as ` ⇥ `, line
breaks as ` ⏎ `, fields as {PAGE}); tables as ``| a | b |`` rows (``H|`` marks repeated header rows,
``^`` a vertically merged cell, ``<n>`` a cell spanning n columns, ``░`` a shaded cell); then the
header and footer parts with the watermark text, the page setup and the core properties.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V = "urn:schemas-microsoft-com:vml"
NS = {"w": W, "v": V, "r": R, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def dump_docx(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    document = etree.fromstring(archive.read("word/document.xml"))
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = ["== body"]
    body = document.find(_w("body"))
    for child in body:
        out += _block(child)
    sect = body.find(_w("sectPr"))
    for ref in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
        kind = etree.QName(ref).localname.replace("Reference", "")
        part = etree.fromstring(archive.read("word/" + targets[ref.get(f"{{{R}}}id")]))
        out.append(f"== {kind} ({ref.get(_w('type'))})")
        for child in part:
            out += _block(child)
        for path in part.iterfind(".//v:textpath[@string]", NS):
            out.append(f"<watermark {path.get('string')!r}>")
    size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
    out.append("== page")
    out.append(f"size {size.get(_w('w'))}x{size.get(_w('h'))} {size.get(_w('orient')) or 'portrait'}")
    out.append("margins " + " ".join(f"{k}={margins.get(_w(k))}" for k in
                                      ("top", "bottom", "left", "right", "header", "footer")))
    core = etree.fromstring(archive.read("docProps/core.xml"))
    out.append("== core")
    for el in core:
        out.append(f"{etree.QName(el).localname}: {el.text or ''}")
    return "\n".join(out) + "\n"


def _block(el: etree._Element) -> list[str]:
    if el.tag == _w("p") and el.find(".//wps:wsp", NS) is not None:
        return _drawing(el)
    if el.tag == _w("p"):
        return [_paragraph(el)]
    if el.tag == _w("tbl"):
        return _table(el)
    return []


def _drawing(p: etree._Element) -> list[str]:
    """A flowchart: its size and description, then each shape's kind and text in drawing order (the geometry is
    held to its promises by tests/render/flowchart, not frozen here)."""
    inline = p.find(".//wp:inline", NS)
    extent, doc_pr = inline.find("wp:extent", NS), inline.find("wp:docPr", NS)
    size = f"{int(extent.get('cx')) / 360000:.1f}x{int(extent.get('cy')) / 360000:.1f}cm"
    breaks = " break" if p.find(f"{_w('pPr')}/{_w('pageBreakBefore')}") is not None else ""
    out = [f"<drawing{breaks} {size} {doc_pr.get('name')!r}: {doc_pr.get('descr')}>"]
    arrows = 0
    for shape in inline.iterfind(".//wps:wsp", NS):
        preset = shape.find("wps:spPr/a:prstGeom", NS)
        closed = shape.find("wps:spPr/a:custGeom//a:close", NS) is not None  # a decision's diamond
        if preset is None and not closed:
            arrows += 1
            continue
        text = " / ".join("".join(t.text or "" for t in q.iter(_w("t"))) for q in shape.iter(_w("p")))
        if text:
            out.append(f"  {'diamond' if closed else preset.get('prst')}: {text}")
    out.append(f"  lines: {arrows}")
    return out


def _paragraph(p: etree._Element) -> str:
    ppr = p.find(_w("pPr"))
    marks = []
    if ppr is not None:
        style, jc = ppr.find(_w("pStyle")), ppr.find(_w("jc"))
        marks.append(style.get(_w("val")) if style is not None else "")
        if jc is not None:
            marks.append(jc.get(_w("val")))
        if ppr.find(_w("pageBreakBefore")) is not None:
            marks.append("break")
    return f"[{'|'.join(marks)}] {_text(p)}".rstrip()


def _text(p: etree._Element) -> str:
    pieces: list[str] = []
    field = False
    for r in p.iter(_w("r")):
        bold = r.find(f"{_w('rPr')}/{_w('b')}") is not None
        text = ""
        for child in r:
            if child.tag == _w("t") and not field:
                text += child.text or ""
            elif child.tag == _w("tab"):
                text += " ⇥ "
            elif child.tag == _w("br"):
                text += " ⏎ "
            elif child.tag == _w("instrText"):
                pieces.append("{" + (child.text or "").strip() + "}")
            elif child.tag == _w("fldChar"):
                field = child.get(_w("fldCharType")) == "begin" or (
                    field and child.get(_w("fldCharType")) != "end")
        if text:
            pieces.append(f"**{text}**" if bold else text)
    return "".join(pieces).replace("****", "")


def _table(tbl: etree._Element) -> list[str]:
    widths = [c.get(_w("w")) for c in tbl.find(_w("tblGrid"))]
    rows = [f"<table grid {'/'.join(widths)}>"]
    for tr in tbl.findall(_w("tr")):
        header = tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None
        cells = []
        for tc in tr.findall(_w("tc")):
            pr = tc.find(_w("tcPr"))
            merge, span = pr.find(_w("vMerge")), pr.find(_w("gridSpan"))
            if merge is not None and merge.get(_w("val")) != "restart":
                cells.append("^")
                continue
            text = " / ".join(filter(None, (_text(p) for p in tc.findall(_w("p")))))
            if pr.find(_w("shd")) is not None:
                text = "░" + text
            if span is not None:
                text += f" <{span.get(_w('val'))}>"
            cells.append(text)
        rows.append(("H" if header else "") + "| " + " | ".join(cells) + " |")
    return rows
