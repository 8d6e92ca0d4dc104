"""The site's flowcharts: each procedure's charts as inline SVG figures, at the places the project's placement says."""

from __future__ import annotations

from markupsafe import Markup, escape

from proccompile.model import Corpus
from proccompile.model.procedure import Procedure
from proccompile.render.flowchart.layout import Frame, layout
from proccompile.render.flowchart.plan import LANDSCAPE, PORTRAIT, planned_charts
from proccompile.render.flowchart.svg import part_svg
from proccompile.views.wording import Texts


class SiteCharts:
    """Figures by procedure code and place; ``figures(code, where, section)`` is what a template prints."""

    def __init__(self, corpus: Corpus, texts: Texts) -> None:
        self.corpus, self.texts = corpus, texts
        self._done: dict[str, dict[tuple[str, int | None], Markup]] = {}

    def figures(self, p: Procedure, where: str, section: int | None = None) -> Markup:
        if p.code not in self._done:
            self._done[p.code] = self._render(p)
        return self._done[p.code].get((where, section), Markup(""))

    def _render(self, p: Procedure) -> dict[tuple[str, int | None], Markup]:
        out: dict[tuple[str, int | None], Markup] = {}
        count = 0
        for placed in planned_charts(self.corpus, p, self.texts):
            figures = []
            width = (LANDSCAPE if placed.landscape else PORTRAIT)[0]
            for chart in placed.charts:
                count += 1
                caption = self.texts.render("flowchart_caption", title=chart.title, part=1, parts=1)
                # One part: a page scrolls, so the chart is never cut.
                (part,) = layout(chart, Frame(width))
                svg = part_svg(part, f"flowchart-{count}", caption, chart.description)
                figures.append(Markup('<figure class="flowchart"><figcaption>{}</figcaption>\n{}\n</figure>')
                               .format(escape(caption), svg))
            out[(placed.where, placed.section)] = Markup("\n").join(figures)
        return out
