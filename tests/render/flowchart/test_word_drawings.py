"""The flowcharts in built Word files, read back from their DrawingML: every procedure of the shipped corpus, the
English example and the generated stress project has one; no symbol overlaps another, no arrow passes through a
symbol; every step is drawn once, in its owner's lane; wide charts get a landscape section; rebuilds are identical."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from proccompile.model.display import department_name
from proccompile.model.flow import flow_of
from proccompile.model.numbering import numbering
from proccompile.pipeline import check_project
from tests.helpers import run_cli
from tests.render.flowchart.drawn import NS, Drawing, assert_clean, docx_drawings, struck_labels
from tests.render.flowchart.stress import write_stress_project

ROOT = Path(__file__).parents[3]
_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)")


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("flowcharts")
    return {"shipped": ROOT, "english": ROOT / "examples" / "en",
            "stress": write_stress_project(base / "stress")}


@pytest.fixture(scope="module")
def built(projects: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Procedure .docx bytes by project and procedure code."""
    out: dict[str, dict[str, bytes]] = {}
    for name, root in projects.items():
        target = tmp_path_factory.mktemp("build") / name
        code, output = run_cli(["build", "-o", str(target), str(root)], ROOT)
        assert code == 0, output
        corpus = check_project(root).corpus
        files = {p.name: p.read_bytes() for p in (target / "procedures").glob("*.docx")}
        out[name] = {doc.model.code: next(data for file, data in files.items()
                                         if file.startswith(doc.model.code.replace("/", "-") + "_"))
                     for doc in corpus.procedures}
    return out


def _cases() -> list[tuple[str, str]]:
    return [(name, doc.model.code) for name, root in (("shipped", ROOT), ("english", ROOT / "examples" / "en"))
            for doc in check_project(root).corpus.procedures] + [("stress", "QP-01")]


@pytest.mark.parametrize(("project", "code"), _cases())
def test_every_procedure_has_a_clean_flowchart(built: dict[str, dict[str, bytes]], projects: dict[str, Path],
                                               project: str, code: str) -> None:
    drawings = docx_drawings(built[project][code])
    assert drawings, f"{code} has no flowchart"
    for drawing in drawings:
        assert_clean(drawing)
    corpus = check_project(projects[project]).corpus
    p = corpus.procedure(code).model
    numbers = numbering(p)
    steps = [numbers.step(i, j) for i, s in enumerate(p.process) for j in range(len(s.steps))]
    drawn = [_NUMBER.match(box.text).group(1) for d in drawings for box in d.boxes
             if box.kind in ("process", "decision") and _NUMBER.match(box.text)]
    assert sorted(drawn) == sorted(steps)  # every step once, nothing else numbered like a step
    # a text set on several lines reads back without the spaces it was broken at
    headings = {_bare(box.text) for d in drawings for box in d.boxes if box.kind == "header"}
    owners = {_bare(department_name(corpus, step.owner[0])) for s in p.process for step in s.steps}
    assert owners <= headings
    decisions = sum(1 for s in p.process for step in s.steps if step.decision)
    assert sum(1 for d in drawings for box in d.boxes if box.kind == "decision") == decisions
    outcomes = {_bare(o.label) for s in p.process for step in s.steps if step.decision for o in step.decision.outcomes}
    labels = {_bare(box.text) for d in drawings for box in d.boxes if box.kind == "label"}
    assert outcomes <= labels


@pytest.mark.parametrize(("project", "code"), [c for c in _cases() if c[0] != "stress"])
def test_no_outcome_label_is_struck_through(built: dict[str, dict[str, bytes]], project: str, code: str) -> None:
    """A line through a label reads as its text struck out: on the example charts every label is clear of the
    arrows, the records links and the borders between lanes (a crowded chart may have no such place left)."""
    assert [hit for drawing in docx_drawings(built[project][code]) for hit in struck_labels(drawing)] == []


def _bare(text: str) -> str:
    return "".join(text.split())


def test_steps_sit_in_their_owners_lanes(built: dict[str, dict[str, bytes]]) -> None:
    corpus = check_project(ROOT).corpus
    p = corpus.procedure("Q/FL2.0813").model
    owner = {numbering(p).step(i, j): department_name(corpus, step.owner[0])
             for i, s in enumerate(p.process) for j, step in enumerate(s.steps)}
    for drawing in docx_drawings(built["shipped"]["Q/FL2.0813"]):
        lanes = [b for b in drawing.boxes if b.kind == "header"]
        for box in drawing.boxes:
            match = _NUMBER.match(box.text) if box.kind in ("process", "decision") else None
            if match:
                centre = box.x + box.w / 2
                lane = next(h for h in lanes if h.x <= centre < h.x + h.w)
                assert _bare(lane.text) == _bare(owner[match.group(1)])


def test_arrows_follow_the_flow(built: dict[str, dict[str, bytes]]) -> None:
    """Each drawn arrow ends at a symbol; the 5.4 chart of Q/FL2.0813 has its decision arrows and its loop."""
    chart = next(d for d in docx_drawings(built["shipped"]["Q/FL2.0813"]) if any(
        b.text.startswith("5.4.6") for b in d.boxes))
    flow = flow_of(check_project(ROOT).corpus.procedure("Q/FL2.0813").model)
    inside = [link for link in flow.links if link.source[0] == 3]  # the links of subsection 5.4
    arrows = [line for line in chart.lines if line.arrow]
    assert len(arrows) == len(inside)
    for line in arrows:
        assert _at_symbol(chart, line.points[-1])
    loop = _arrow_between(chart, "5.4.6", "5.4.4")
    assert loop is not None and loop.points[-1][1] < loop.points[0][1]  # it runs back up


def _at_symbol(drawing: Drawing, point: tuple[int, int]) -> bool:
    x, y = point
    return any(b.x - 2 <= x <= b.x + b.w + 2 and b.y - 2 <= y <= b.y + b.h + 2 for b in drawing.symbols())


def _arrow_between(drawing: Drawing, source: str, target: str):  # type: ignore[no-untyped-def]
    def touching(box, point):  # type: ignore[no-untyped-def]
        return box.x - 2 <= point[0] <= box.x + box.w + 2 and box.y - 2 <= point[1] <= box.y + box.h + 2

    start = next(b for b in drawing.boxes if b.text.startswith(source))
    end = next(b for b in drawing.boxes if b.text.startswith(target))
    return next((line for line in drawing.lines if line.arrow and touching(start, line.points[0])
                 and touching(end, line.points[-1])), None)


def test_a_chart_too_wide_for_portrait_gets_a_landscape_section_of_its_own(built: dict[str, dict[str, bytes]]) -> None:
    data = built["stress"]["QP-01"]
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    sections = document.findall(".//w:sectPr", NS)
    orientations = [s.find("w:pgSz", NS).get(f"{{{NS['w']}}}orient") or "portrait" for s in sections]
    assert orientations == ["portrait", "landscape", "portrait"]
    headers = [s.find("w:headerReference", NS) for s in sections]
    assert all(h is not None for h in headers) and len({h.get(f"{{{NS['r']}}}id") for h in headers}) == 2
    # every part of the stress chart fits the landscape text area (25.2 × 15.4 cm) with its title
    for drawing in docx_drawings(data):
        assert drawing.width <= 25.2 * 360_000 and drawing.height <= 15.4 * 360_000


def test_long_charts_are_cut_into_parts_with_their_lane_headings(built: dict[str, dict[str, bytes]]) -> None:
    drawings = docx_drawings(built["stress"]["QP-01"])
    assert len(drawings) > 3  # three subsections, at least one of them longer than a page
    for drawing in drawings:
        assert len([b for b in drawing.boxes if b.kind == "header"]) >= 2
    charts: dict[str, list[str]] = {}
    for d in drawings:  # a chart's parts share its title, numbered (1/3), (2/3) …
        charts.setdefault(d.title.split("（")[0], []).extend(
            b.text for b in d.boxes if b.kind == "connector" and b.text.isalpha())
    assert any(charts.values())
    for letters in charts.values():
        assert all(letters.count(letter) == 2 for letter in letters)  # each page connector has its pair


def test_rebuilding_gives_identical_bytes(projects: dict[str, Path], tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for target in (first, second):
        assert run_cli(["build", "-o", str(target), str(projects["stress"])], ROOT)[0] == 0
    for path in first.rglob("*.docx"):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
