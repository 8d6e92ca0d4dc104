"""The site's flowcharts: inline SVG read back from each procedure page keeps the layout's promises, every step box
links to its step on the page, lane names are headings, and the chart has a title and a description."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from proccompile.model.numbering import numbering
from proccompile.pipeline import check_project
from tests.render.flowchart.drawn import assert_clean, svg_drawings

ROOT = Path(__file__).parents[2]
PROCEDURES = [doc.model for doc in check_project(ROOT).corpus.procedures]


@pytest.mark.parametrize("p", PROCEDURES, ids=lambda p: p.code)
def test_every_procedure_page_shows_its_flowchart(site: Path, p) -> None:  # type: ignore[no-untyped-def]
    html = (site / "procedures" / f"{p.code.replace('/', '-')}.html").read_text("utf-8")
    drawings = svg_drawings(html)
    assert drawings
    for drawing in drawings:
        assert_clean(drawing)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    links = [box.link for d in drawings for box in d.boxes if box.link]
    numbers = numbering(p)
    steps = {f"#s{numbers.step(i, j)}" for i, s in enumerate(p.process) for j in range(len(s.steps))}
    assert sorted(links) == sorted(steps)  # every step's box, once, and nothing else links
    assert all(link[1:] in ids for link in links)


def test_the_svg_is_accessible_and_escaped(site: Path) -> None:
    page = etree.fromstring((site / "procedures" / "Q-FL2.0813.html").read_bytes(), etree.HTMLParser())
    svgs = page.findall(".//svg")
    assert len(svgs) == 5  # one chart per subsection: the whole procedure is longer than a page
    headings = []
    for svg in svgs:
        labelled = svg.get("aria-labelledby").split()
        assert [svg.find(f".//*[@id='{ident}']").tag for ident in labelled] == ["title", "desc"]
        assert "的泳道流程图" in svg.find("desc").text
        headings.append([" ".join(g.itertext()).strip() for g in svg.iterfind(".//g[@role='heading']")])
    # The lanes of 5.1, in the order of 4 职责; 国贸部 shares 销售部's steps, named on their boxes (共同负责：国贸部).
    assert headings[0] == ["销售部", "技术中心"]
    assert "共同负责：国贸部" in " ".join(svgs[0].itertext())
    assert headings[3] == ["销售部", "质控部", "技术中心", "记录"]
    figure = svgs[3].getparent()
    assert figure.tag == "figure" and figure.find("figcaption").text == "5.4 质量问题处理流程图"


def test_text_in_the_svg_is_escaped(tmp_path: Path) -> None:
    from proccompile.render.flowchart.chart import Chart, Edge, Node
    from proccompile.render.flowchart.geometry import CM
    from proccompile.render.flowchart.layout import Frame, layout
    from proccompile.render.flowchart.svg import part_svg

    chart = Chart("<b>&", ("R&D <lab>",), ("",), (Node("process", 0, 0, 'a < b & "c"', number="5.1.1",
                                                         link='s5.1.1"><script>'),
                                                    Node("end", 0, 0, "</svg>")),
                  (Edge(0, 1, "<x>"),), "阶段", "记录", "<desc>")
    (part,) = layout(chart, Frame(round(16 * CM)))
    markup = str(part_svg(part, "f1", chart.title, chart.description))
    assert "<script>" not in markup and "<b>" not in markup and "<lab>" not in markup and "<x>" not in markup
    assert markup.count("</svg>") == 1 and "a &lt; b &amp;" in markup
    etree.fromstring(markup.encode("utf-8"))  # well-formed XML
