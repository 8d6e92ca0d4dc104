"""A steps chapter's flowcharts in the document: at the chapter's start, under each subsection heading, or as the
last attachment (`flowcharts.placement`), for every chaptered type with steps."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.model.flow import steps_chapters
from proccompile.render.blocks import PART, PARTS, Block, Flowchart, Para
from proccompile.render.chapters.context import ChapterContext
from proccompile.render.flowchart.plan import Placed, planned_charts
from proccompile.views.wording import Texts

Placement = dict[tuple[str, int | None], Placed]


def charts_of(ctx: ChapterContext, chapter: str) -> Placement:
    """The charts of the steps chapter ``chapter`` by place (``process``, ``section`` with its index, ``attachment``),
    planned once per document."""
    if chapter not in ctx.charts:
        ctx.charts[chapter] = {(c.where, c.section): c for c in planned_charts(ctx.corpus, ctx.document, ctx.texts,
                                                                               chapter)}
    return ctx.charts[chapter]


def attachment_charts(ctx: ChapterContext) -> list[Placed]:
    """The charts the attachments chapter prints, one entry per steps chapter that has them."""
    found = (charts_of(ctx, spec.id).get(("attachment", None)) for spec in steps_chapters(ctx.document))
    return [placed for placed in found if placed is not None]


def with_charts(ctx: ChapterContext, placed: Placed | None, lead: Para) -> Iterator[Block]:
    """``lead`` (a heading), with the charts placed under it when there are any."""
    if placed is None:
        yield lead
        return
    # A block per chart, so that a redline marks only the charts that changed.
    for k, chart in enumerate(placed.charts):
        captions = ((ctx.texts.render("flowchart_caption", title=chart.title, part=1, parts=1),
                     _caption_with_marks(ctx.texts, chart.title)),)
        yield Flowchart((chart,), captions, placed.landscape, (lead,) if k == 0 else ())


# Stand-ins while the caption template runs: numbers no title holds, replaced by the markers the builder fills.
_PART_SENTINEL, _PARTS_SENTINEL = 987654321, 987654322


def _caption_with_marks(texts: Texts, title: str) -> str:
    text = texts.render("flowchart_caption", title=title, part=_PART_SENTINEL, parts=_PARTS_SENTINEL)
    return text.replace(str(_PART_SENTINEL), PART).replace(str(_PARTS_SENTINEL), PARTS)
