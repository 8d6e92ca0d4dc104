"""A laid-out flowchart part as a native Word drawing: one inline group of editable DrawingML shapes.

Symbols are preset shapes (flowChartProcess, flowChartTerminator, flowChartDocument, flowChartOffpageConnector)
with their text in text boxes, lines explicitly broken as the layout wrapped them; a decision is a closed custom
path (a diamond) whose text rectangle is its whole box, since the preset keeps text to its middle half, narrower than
the diamond holds; arrows are open custom paths with an arrowhead. Word and LibreOffice draw them alike, and a user
can still edit them (tech.md §8). Output is XML text built from integers and escaped strings: deterministic.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from proccompile.render.flowchart.geometry import CM, LINE_SPACING, PT, Part, Run, Shape, TextLine, Wire

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
_DECLARED = " ".join(f"xmlns:{k}={quoteattr(v)}" for k, v in NAMESPACES.items() if k != "w")
_PRESETS = {"process": "flowChartProcess", "start": "flowChartTerminator",
            "end": "flowChartTerminator", "document": "flowChartDocument", "connector": "flowChartOffpageConnector"}
# Each preset's own text rectangle (l, t, r, b as fractions of 21600, from the DrawingML preset definitions):
# text insets are measured from it, so that the text lands where the layout put it.
TEXT_RECTS = {"start": (1018, 3163, 20582, 18437),
               "end": (1018, 3163, 20582, 18437), "document": (0, 0, 21600, 17322),
               "connector": (0, 0, 21600, 17322)}
_FILLS = {"header": "D9D9D9", "stage": "F2F2F2"}
_LINE = PT * 3 // 4  # 0.75 pt
TITLE_HEIGHT = round(0.75 * CM)  # the chart's title, drawn above its lanes as part of the drawing
_TITLE_SIZE = 21  # 10.5 pt


def drawing_xml(part: Part, drawing_id: int, title: str, description: str, font: tuple[str, str]) -> str:
    """A ``w:r`` holding the part as an inline drawing, its ``title`` drawn above the lanes; shape ids are
    ``drawing_id`` * 1000 + n (unique in the document as long as a part has fewer than 1000 shapes).

    The title is part of the drawing, as on a hand-drawn 流程图, rather than a caption paragraph: it stays with
    the chart whatever the page does, and a Word file read back by ``import`` holds no stray text."""
    ids = iter(range(drawing_id * 1000 + 1, drawing_id * 1000 + 1000_000))
    heading = Shape("label", 0, -TITLE_HEIGHT, part.width, TITLE_HEIGHT,
                    (TextLine((Run(title, True),), _TITLE_SIZE),), (0, 0, part.width, TITLE_HEIGHT))
    frame = [s for s in part.shapes if s.kind in ("lane", "header", "stage")]
    symbols = [s for s in part.shapes if s.kind not in ("lane", "header", "stage", "label")]
    labels = [s for s in part.shapes if s.kind == "label"]
    shapes = [_shape(heading, next(ids), font, TITLE_HEIGHT)]
    shapes += [_shape(s, next(ids), font, TITLE_HEIGHT) for s in frame]  # lanes first: later shapes lie on top
    shapes += [_wire(w, next(ids), TITLE_HEIGHT) for w in part.wires]
    shapes += [_shape(s, next(ids), font, TITLE_HEIGHT) for s in symbols + labels]
    size = f'cx="{part.width}" cy="{part.height + TITLE_HEIGHT}"'
    return (f'<w:r {_DECLARED} xmlns:w="{NAMESPACES["w"]}"><w:rPr><w:noProof/></w:rPr><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent {size}/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f"<wp:docPr id=\"{drawing_id}\" name={quoteattr(title)} descr={quoteattr(description)}/>"
            "<wp:cNvGraphicFramePr/><a:graphic>"
            f'<a:graphicData uri="{NAMESPACES["wpg"]}"><wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm>'
            f'<a:off x="0" y="0"/><a:ext {size}/><a:chOff x="0" y="0"/><a:chExt {size}/></a:xfrm></wpg:grpSpPr>'
            + "".join(shapes) + "</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def _shape(s: Shape, shape_id: int, font: tuple[str, str], dy: int) -> str:
    fill = ("<a:noFill/>" if s.kind in ("lane", "label")
            else f'<a:solidFill><a:srgbClr val="{_FILLS.get(s.kind, "FFFFFF")}"/></a:solidFill>')
    line = "<a:ln><a:noFill/></a:ln>" if s.kind == "label" else \
        f'<a:ln w="{_LINE}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'
    text = ""
    body = '<wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></wps:bodyPr>'
    if s.lines:
        text = f"<wps:txbx><w:txbxContent>{''.join(_paragraph(line, s.align, font) for line in s.lines)}" \
               "</w:txbxContent></wps:txbx>"
        left, top, right, bottom = _insets(s)
        body = (f'<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="{left}" tIns="{top}" rIns="{right}" '
                f'bIns="{bottom}" anchor="t" anchorCtr="0" upright="1"><a:noAutofit/></wps:bodyPr>')
    if s.kind == "decision":
        w, h = s.w, s.h
        corners = "".join(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>'
                          for x, y in ((w, h // 2), (w // 2, h), (0, h // 2)))
        geometry = ('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst>'
                    f'<a:path w="{w}" h="{h}"><a:moveTo><a:pt x="{w // 2}" y="0"/></a:moveTo>{corners}<a:close/>'
                    '</a:path></a:pathLst></a:custGeom>')
    else:
        geometry = f'<a:prstGeom prst="{_PRESETS.get(s.kind, "rect")}"><a:avLst/></a:prstGeom>'
    return (f'<wps:wsp><wps:cNvPr id="{shape_id}" name="{s.kind} {shape_id}"/><wps:cNvSpPr/><wps:spPr>'
            f'<a:xfrm><a:off x="{s.x}" y="{s.y + dy}"/><a:ext cx="{s.w}" cy="{s.h}"/></a:xfrm>'
            f'{geometry}{fill}{line}</wps:spPr>{text}{body}</wps:wsp>')


def _insets(s: Shape) -> tuple[int, int, int, int]:
    """Insets from the preset's text rectangle to the layout's text box (never negative)."""
    left, top, right, bottom = TEXT_RECTS.get(s.kind, (0, 0, 21600, 21600))
    rx, ry = s.w * left // 21600, s.h * top // 21600
    rw, rh = s.w * right // 21600 - rx, s.h * bottom // 21600 - ry
    bx, by, bw, bh = s.text_box
    return (max(0, bx - rx), max(0, by - ry), max(0, rx + rw - bx - bw), max(0, ry + rh - by - bh))


def _paragraph(line: TextLine, align: str, font: tuple[str, str]) -> str:
    # Exact line height, no grid snapping and no indents: each line takes exactly the room the layout gave it.
    twips = round(line.size / 2 * LINE_SPACING * 20)
    jc = {"center": "center", "left": "left", "right": "right"}[align]
    fonts = (f'<w:rFonts w:ascii={quoteattr(font[0])} w:hAnsi={quoteattr(font[0])} w:cs={quoteattr(font[0])} '
             f"w:eastAsia={quoteattr(font[1])}/>")
    runs = "".join(f"<w:r><w:rPr>{fonts}{'<w:b/><w:bCs/>' if r.bold else ''}"
                   f'<w:sz w:val="{line.size}"/><w:szCs w:val="{line.size}"/></w:rPr>'
                   f'<w:t xml:space="preserve">{escape(r.text)}</w:t></w:r>' for r in line.runs if r.text)
    return (f'<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{twips}" '
            f'w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>'
            f"{runs}</w:p>")


def _wire(wire: Wire, shape_id: int, dy: int) -> str:
    xs, ys = [x for x, _ in wire.points], [y + dy for _, y in wire.points]
    x0, y0 = min(xs), min(ys)
    w, h = max(1, max(xs) - x0), max(1, max(ys) - y0)
    path = "".join(f'<a:{"moveTo" if k == 0 else "lnTo"}><a:pt x="{x - x0}" y="{y + dy - y0}"/>'
                   f'</a:{"moveTo" if k == 0 else "lnTo"}>' for k, (x, y) in enumerate(wire.points))
    dash = '<a:prstDash val="dash"/>' if wire.dashed else ""
    head = '<a:tailEnd type="triangle" w="med" len="med"/>' if wire.arrow else ""
    return (f'<wps:wsp><wps:cNvPr id="{shape_id}" name="{"link" if wire.dashed else "arrow"} {shape_id}"/>'
            f'<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="{x0}" y="{y0}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst>'
            f'<a:path w="{w}" h="{h}" fill="none">{path}</a:path></a:pathLst></a:custGeom><a:noFill/>'
            f'<a:ln w="{_LINE}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{dash}{head}</a:ln>'
            "</wps:spPr><wps:bodyPr/></wps:wsp>")
