"""Which flowcharts a procedure gets and where: the project's placement, the page orientation, and whether one
chart shows the whole procedure or one chart each subsection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from proccompile.model import Corpus
from proccompile.model.document import ControlledDocument
from proccompile.render.flowchart.build import procedure_chart, with_description
from proccompile.render.flowchart.chart import Chart, per_stage
from proccompile.render.flowchart.geometry import CM
from proccompile.render.flowchart.layout import Frame, columns, layout
from proccompile.render.flowchart.symbols import words_fit
from proccompile.views.wording import Texts

# The packaged reference document's text area (A4, procedure margins), in EMU. Charts are planned on it: the
# orientation and whether a procedure's chart fits one page are decided here, once, for Word and the site alike.
PORTRAIT = (round(16.5 * CM), round(24.1 * CM))
LANDSCAPE = (round(25.2 * CM), round(15.4 * CM))
CAPTION = round(1.1 * CM)  # the title drawn above each part's lanes, with the paragraph's spacing
HEADING = round(1.3 * CM)  # a heading kept on the page of a chart's first part
SAFETY = round(0.8 * CM)  # renderers differ in line heights around the drawing
# Narrower lanes than this in portrait (more than 4 lanes beside the stage and records columns) turn a chart to
# landscape.
MIN_PORTRAIT_LANE = round(2.6 * CM)


@dataclass(frozen=True)
class Placed:
    """The charts printed at one place of a procedure: ``where`` and, for a subsection, its index."""

    where: Literal["process", "section", "attachment"]
    section: int | None
    charts: tuple[Chart, ...]
    landscape: bool


def page_frame(landscape: bool, width: int | None = None, height: int | None = None,
               heading: bool = False) -> Frame:
    """The frame of one drawing on a page of this text area (the packaged one unless given)."""
    page_width, page_height = LANDSCAPE if landscape else PORTRAIT
    rest = (height or page_height) - CAPTION - SAFETY
    return Frame(width or page_width, rest - HEADING if heading else rest, rest)


def needs_landscape(chart: Chart) -> bool:
    """Whether the chart is printed on a landscape page: its lanes would be too narrow in portrait, or a word of
    some box or diamond (a Latin word, a code, a number with its unit) would have to be broken there. A 《title》 too
    long for a portrait box is broken like Chinese text: turning every chart of a procedure for it would cost more
    pages than it saves."""
    cols = columns(chart, PORTRAIT[0])
    return min(cols.lane_w) < MIN_PORTRAIT_LANE or not all(words_fit(node, cols) for node in chart.nodes
                                                           if node.kind in ("process", "decision"))


def planned_charts(corpus: Corpus, p: ControlledDocument, texts: Texts, chapter: str = "process") -> list[Placed]:
    """Where the project's placement puts the charts of the steps chapter ``chapter`` of a document (a procedure's
    5 工作程序, or a steps chapter of a type the project defines), and which charts: the whole chapter, or one per
    subsection when the whole would not fit on one page (or the placement is ``section``). A document whose type
    has no attachments chapter prints an `attachment` chart at the start of the steps chapter instead."""
    placement = corpus.config.flowcharts.placement
    if placement == "none":
        return []
    if placement == "attachment" and not any(spec.kind == "attachments" for spec in type(p).CHAPTERS):
        placement = "process"
    whole = procedure_chart(corpus, p, texts, chapter)
    language = corpus.config.language

    def stages() -> list[Chart]:
        return [with_description(c, texts, language) for c in per_stage(whole, "{stage}", "{number}")]

    if placement == "section":
        return [Placed("section", i, (chart,), needs_landscape(chart)) for i, chart in enumerate(stages())]
    charts = [whole]
    if whole.staged and len(layout(whole, page_frame(needs_landscape(whole), heading=True))) > 1:
        charts = stages()
    return [Placed(placement, None, tuple(charts), any(needs_landscape(c) for c in charts))]
