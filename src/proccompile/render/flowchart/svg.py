"""A laid-out flowchart part as inline SVG for the site: every text escaped here, boxes linked to their steps.

The markup is returned as ``markupsafe.Markup``: it is built from escaped text only, so a template prints it as is
whether or not autoescaping is on. Coordinates are the layout's, in units of 10 µm (EMU / 360): browsers cap font
sizes, so the EMU themselves would shrink the text.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from proccompile.render.flowchart.geometry import PT, Part, Shape, TextLine, Wire

UNIT = 360  # EMU per SVG user unit (10 µm)

_FILLS = {"header": "#d9d9d9", "stage": "#f2f2f2", "lane": "none", "label": "none"}
_ASCENT = 0.86  # baseline below the top of a line's em box, in ems
_STEPS = ("process", "decision")


def part_svg(part: Part, ident: str, title: str, description: str) -> Markup:
    """One SVG element; ``ident`` makes its ids unique on the page (title, description, arrowhead marker)."""
    marker = f"{ident}-arrow"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" viewBox="0 0 {_n(part.width)} '
           f'{_n(part.height)}" role="group" aria-labelledby="{ident}-title {ident}-desc">',
           f'<title id="{ident}-title">{escape(title)}</title>',
           f'<desc id="{ident}-desc">{escape(description)}</desc>',
           f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="#000"/></marker></defs>']
    frame = [s for s in part.shapes if s.kind in ("lane", "header", "stage")]
    symbols = [s for s in part.shapes if s.kind not in ("lane", "header", "stage", "label")]
    out += [_shape(s) for s in frame]
    out += [_wire(w, marker) for w in part.wires]
    out += [_shape(s) for s in symbols]
    out += [_shape(s) for s in part.shapes if s.kind == "label"]
    out.append("</svg>")
    return Markup("\n".join(out))


def _n(value: float) -> str:
    """A length in SVG units, as short as exact to 10 nm allows."""
    return f"{value / UNIT:.2f}".rstrip("0").rstrip(".")


def _shape(s: Shape) -> str:
    outline = _outline(s)
    text = _text(s)
    if s.kind == "header":
        # Lane names are the headings of the chart's columns for assistive technology.
        return f'<g role="heading" aria-level="4">{outline}{text}</g>'
    if s.kind in _STEPS and s.link:
        return f'<a href={quoteattr("#" + s.link)} class="step">{outline}{text}</a>'
    return outline + text


_STROKE = f'stroke-width="{_n(PT * 3 // 4)}"'


def _outline(s: Shape) -> str:
    fill = _FILLS.get(s.kind, "#fff")
    common = f'fill="{fill}" stroke="{"none" if s.kind == "label" else "#000"}" {_STROKE}'
    x, y, w, h = s.x, s.y, s.w, s.h
    if s.kind == "decision":
        diamond = ((x + w // 2, y), (x + w, y + h // 2), (x + w // 2, y + h), (x, y + h // 2))
        return f'<polygon class="{s.kind}" points="{_points(diamond)}" {common}/>'
    if s.kind in ("start", "end"):
        return (f'<rect class="{s.kind}" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                f'rx="{_n(h // 2)}" {common}/>')
    if s.kind == "document":
        wave = h // 10
        d = (f"M{_n(x)},{_n(y)} H{_n(x + w)} V{_n(y + h - wave)} C{_n(x + w * 3 // 4)},{_n(y + h - 3 * wave)} "
             f"{_n(x + w // 4)},{_n(y + h + wave)} {_n(x)},{_n(y + h - wave)} Z")
        return f'<path class="{s.kind}" d="{d}" {common}/>'
    if s.kind == "connector":
        tip = h // 4
        corners = ((x, y), (x + w, y), (x + w, y + h - tip), (x + w // 2, y + h), (x, y + h - tip))
        return f'<polygon class="{s.kind}" points="{_points(corners)}" {common}/>'
    return f'<rect class="{s.kind}" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" {common}/>'


def _points(points: tuple[tuple[int, int], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _text(s: Shape) -> str:
    if not s.lines:
        return ""
    bx, by, bw, _ = s.text_box
    anchor, x = {"center": ("middle", s.x + bx + bw // 2), "left": ("start", s.x + bx),
                 "right": ("end", s.x + bx + bw)}[s.align]
    out, y = [], s.y + by
    for line in s.lines:
        out.append(f'<text x="{_n(x)}" y="{_n(y + _baseline(line))}" font-size="{_n(line.size * PT // 2)}" '
                   f'text-anchor="{anchor}">{_runs(line)}</text>')
        y += line.height
    return "".join(out)


def _baseline(line: TextLine) -> int:
    size = line.size * PT // 2
    return round((line.height - size) / 2 + size * _ASCENT)


def _runs(line: TextLine) -> str:
    return "".join(f'<tspan font-weight="bold">{escape(r.text)}</tspan>' if r.bold else escape(r.text)
                   for r in line.runs)


def _wire(w: Wire, marker: str) -> str:
    d = "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in w.points)
    dash = f' stroke-dasharray="{_n(PT * 2)},{_n(PT * 2)}"' if w.dashed else ""
    end = f' marker-end="url(#{marker})"' if w.arrow else ""
    return f'<path class="{"link" if w.dashed else "arrow"}" d="{d}" fill="none" stroke="#000" {_STROKE}{dash}{end}/>'
