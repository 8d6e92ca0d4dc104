"""What a flowchart drawing shows, read back from the output (Word's DrawingML, the site's SVG) or from a layout
part, and the promises of its geometry: symbols never overlap, no arrow passes through a symbol, no two arrows run
on top of each other. The readers use what is drawn (preset geometry, fills, paths), not the writer's names."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from proccompile.render.flowchart.geometry import Part

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "svg": "http://www.w3.org/2000/svg",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
SYMBOLS = {"process", "decision", "start", "end", "connector", "document", "stage", "header"}
_PRESETS = {"flowChartProcess": "process", "flowChartDecision": "decision", "flowChartTerminator": "terminator",
            "flowChartDocument": "document", "flowChartOffpageConnector": "connector"}


@dataclass(frozen=True)
class Box:
    kind: str  # process, decision, terminator (start/end), connector, document, stage, header, lane, label
    x: int
    y: int
    w: int
    h: int
    text: str = ""
    link: str = ""


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[int, int], ...]
    arrow: bool
    dashed: bool


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    boxes: tuple[Box, ...]
    lines: tuple[Line, ...]
    title: str = ""

    def symbols(self) -> list[Box]:
        return [b for b in self.boxes if b.kind in SYMBOLS or b.kind == "terminator"]

    def texts(self) -> list[str]:
        return [b.text for b in self.boxes if b.text]


def from_part(part: Part) -> Drawing:
    boxes = tuple(Box("terminator" if s.kind in ("start", "end") else s.kind, s.x, s.y, s.w, s.h,
                      "".join(line.text for line in s.lines), s.link) for s in part.shapes)
    return Drawing(part.width, part.height, boxes, tuple(Line(w.points, w.arrow, w.dashed) for w in part.wires))


def docx_drawings(data: bytes) -> list[Drawing]:
    """Every group drawing in the document body, in order."""
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [_from_group(inline) for inline in document.iterfind(".//wp:inline", NS)
            if inline.find(".//wpg:wgp", NS) is not None]


def _from_group(inline: etree._Element) -> Drawing:
    extent = inline.find("wp:extent", NS)
    boxes, lines = [], []
    for shape in inline.iterfind(".//wps:wsp", NS):
        off, ext = shape.find("wps:spPr/a:xfrm/a:off", NS), shape.find("wps:spPr/a:xfrm/a:ext", NS)
        x, y, w, h = (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        path = shape.find("wps:spPr/a:custGeom//a:path", NS)
        line = shape.find("wps:spPr/a:ln", NS)
        if path is not None and path.find("a:close", NS) is None:
            points = tuple((x + int(pt.get("x")), y + int(pt.get("y"))) for pt in path.iterfind(".//a:pt", NS))
            lines.append(Line(points, line.find("a:tailEnd", NS) is not None, line.find("a:prstDash", NS) is not None))
            continue
        # a closed custom path is a decision's diamond: the preset would keep its text to its middle half
        preset = "flowChartDecision" if path is not None else shape.find("wps:spPr/a:prstGeom", NS).get("prst")
        text = "".join(t.text or "" for t in shape.iterfind(".//w:t", NS))
        fill = shape.find("wps:spPr/a:solidFill/a:srgbClr", NS)
        outlined = line.find("a:noFill", NS) is None
        kind = _PRESETS.get(preset) or (
            "label" if not outlined else "lane" if fill is None
            else {"D9D9D9": "header", "F2F2F2": "stage"}.get(fill.get("val"), "rect"))
        boxes.append(Box(kind, x, y, w, h, text))
    title = inline.find("wp:docPr", NS).get("name")
    return Drawing(int(extent.get("cx")), int(extent.get("cy")), tuple(boxes), tuple(lines), title)


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def svg_drawings(html: str, unit: int = 360) -> list[Drawing]:
    """Every flowchart SVG of a page, its coordinates back in EMU."""
    page = etree.fromstring(html.encode("utf-8"), etree.HTMLParser())
    return [_from_svg(svg, unit) for svg in page.iterfind(".//svg") if "flowchart" in (svg.get("class") or "")]


def _from_svg(svg: etree._Element, unit: int) -> Drawing:
    def n(value: str | None) -> int:
        return round(float(value or 0) * unit)

    _, _, width, height = (n(v) for v in svg.get("viewbox").split())
    boxes, lines = [], []
    for el in svg.iter():
        kind = el.get("class") or ""
        link = next((a.get("href") for a in el.iterancestors("a")), "") or ""
        text = "".join("".join(t.itertext()) for t in el.itersiblings("text"))
        if el.tag == "rect":
            boxes.append(Box("terminator" if kind in ("start", "end") else kind, n(el.get("x")), n(el.get("y")),
                             n(el.get("width")), n(el.get("height")), text, link))
        elif el.tag in ("polygon", "path") and kind in ("decision", "connector", "document"):
            values = [n(v) for v in _NUMBER.findall(el.get("points") or el.get("d") or "")]
            xs, ys = values[0::2], values[1::2]
            if kind == "document":  # the path's last curve control point dips below the symbol
                ys = [y for y in ys if y <= max(ys[:3])]
            boxes.append(Box(kind, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys), text, link))
        elif el.tag == "path" and kind in ("arrow", "link"):
            values = [n(v) for v in _NUMBER.findall(el.get("d"))]
            lines.append(Line(tuple(zip(values[0::2], values[1::2], strict=True)), kind == "arrow", kind == "link"))
    return Drawing(width, height, tuple(boxes), tuple(lines))


# --- the promises ---------------------------------------------------------------------------------------------------

TOLERANCE = 400  # EMU (about 0.001 cm): SVG coordinates are rounded to 10 µm


def overlaps(drawing: Drawing) -> list[tuple[Box, Box]]:
    """Pairs of symbols (and outcome labels) whose insides overlap; touching edges do not count."""
    boxes = drawing.symbols() + [b for b in drawing.boxes if b.kind == "label"]
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.kind == "label" and b.kind == "label" and a == b:
                continue
            if min(a.x + a.w, b.x + b.w) - max(a.x, b.x) > TOLERANCE and \
                    min(a.y + a.h, b.y + b.h) - max(a.y, b.y) > TOLERANCE and _diamond_meets(a, b):
                found.append((a, b))
    return found


def _diamond_meets(a: Box, b: Box) -> bool:
    """Whether two boxes whose bounding boxes overlap really do: a label beside a diamond's corner does not."""
    if "decision" not in (a.kind, b.kind) or (a.kind == b.kind == "decision"):
        return True
    diamond, other = (a, b) if a.kind == "decision" else (b, a)
    cx, cy, hw, hh = diamond.x + diamond.w / 2, diamond.y + diamond.h / 2, diamond.w / 2, diamond.h / 2
    dx = max(other.x - cx, 0, cx - (other.x + other.w))
    dy = max(other.y - cy, 0, cy - (other.y + other.h))
    return dx / hw + dy / hh < 1 - 2 * TOLERANCE / min(hw, hh)


def crossings(drawing: Drawing) -> list[tuple[Line, Box]]:
    """Lines that pass through the inside of a symbol (a diamond's inside is the diamond, not its bounding box)."""
    found = []
    for line in drawing.lines:
        for a, b in zip(line.points, line.points[1:], strict=False):
            for box in drawing.symbols():
                if _through(a, b, box):
                    found.append((line, box))
    return found


def _through(a: tuple[int, int], b: tuple[int, int], box: Box) -> bool:
    (x1, y1), (x2, y2) = sorted([a, b])
    left, right = box.x + TOLERANCE, box.x + box.w - TOLERANCE
    top, bottom = box.y + TOLERANCE, box.y + box.h - TOLERANCE
    if max(x1, x2) <= left or min(x1, x2) >= right or max(y1, y2) <= top or min(y1, y2) >= bottom:
        return False
    if box.kind != "decision":
        return True
    cx, cy, hw, hh = box.x + box.w / 2, box.y + box.h / 2, box.w / 2, box.h / 2
    # the segment's point closest to the centre, then whether it lies inside the diamond
    dx = 0.0 if min(x1, x2) <= cx <= max(x1, x2) else min(abs(x1 - cx), abs(x2 - cx))
    dy = 0.0 if min(y1, y2) <= cy <= max(y1, y2) else min(abs(y1 - cy), abs(y2 - cy))
    return dx / hw + dy / hh < 1 - 2 * TOLERANCE / min(hw, hh)


def struck_labels(drawing: Drawing) -> list[tuple[Box, str]]:
    """Outcome labels that a line runs through: an arrow, a records link, or the border between two lanes."""
    found = []
    lanes = [b for b in drawing.boxes if b.kind == "lane"]
    first = min((b.x for b in lanes), default=0)
    for label in (b for b in drawing.boxes if b.kind == "label"):
        left, right = label.x + TOLERANCE, label.x + label.w - TOLERANCE
        top, bottom = label.y + TOLERANCE, label.y + label.h - TOLERANCE
        if any(left < b.x < right and b.y < bottom and top < b.y + b.h for b in lanes if b.x > first):
            found.append((label, "lane border"))
        for line in drawing.lines:
            for (x1, y1), (x2, y2) in zip(line.points, line.points[1:], strict=False):
                if min(x1, x2) < right and max(x1, x2) > left and min(y1, y2) < bottom and max(y1, y2) > top:
                    found.append((label, "records link" if line.dashed else "arrow"))
    return found


def shared_runs(drawing: Drawing) -> list[tuple[Line, Line]]:
    """Pairs of arrows that run along the same stretch of line (they would be read as one)."""
    segments = []
    for k, line in enumerate(drawing.lines):
        if line.arrow:
            segments += [(k, a, b) for a, b in zip(line.points, line.points[1:], strict=False)]
    found = []
    for i, (k, a, b) in enumerate(segments):
        for m, c, d in segments[i + 1:]:
            if m != k and _collinear_overlap(a, b, c, d):
                found.append((drawing.lines[k], drawing.lines[m]))
    return found


def _collinear_overlap(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int], d: tuple[int, int]) -> bool:
    if a[0] == b[0] == c[0] == d[0]:
        lo, hi = max(min(a[1], b[1]), min(c[1], d[1])), min(max(a[1], b[1]), max(c[1], d[1]))
        return hi - lo > TOLERANCE
    if a[1] == b[1] == c[1] == d[1]:
        lo, hi = max(min(a[0], b[0]), min(c[0], d[0])), min(max(a[0], b[0]), max(c[0], d[0]))
        return hi - lo > TOLERANCE
    return False


def orthogonal(drawing: Drawing) -> bool:
    return all(a[0] == b[0] or a[1] == b[1] for line in drawing.lines
               for a, b in zip(line.points, line.points[1:], strict=False))


def assert_clean(drawing: Drawing) -> None:
    assert not overlaps(drawing), overlaps(drawing)[:3]
    assert not crossings(drawing), crossings(drawing)[:3]
    assert not shared_runs(drawing), shared_runs(drawing)[:3]
    assert orthogonal(drawing)
    inside = [b for b in drawing.boxes if b.x < -TOLERANCE or b.y < -TOLERANCE
              or b.x + b.w > drawing.width + TOLERANCE or b.y + b.h > drawing.height + TOLERANCE]
    assert not inside, inside[:3]
