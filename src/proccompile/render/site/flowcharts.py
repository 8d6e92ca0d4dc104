"""The site's flowcharts: each document's charts as inline SVG figures, at the places the project's placement says,
for every steps chapter of every chaptered type."""

from __future__ import annotations

from markupsafe import Markup, escape

from proccompile.model import Corpus
from proccompile.model.document import ControlledDocument
from proccompile.model.flow import steps_chapters
from proccompile.render.flowchart.layout import Frame, layout
from proccompile.render.flowchart.plan import LANDSCAPE, PORTRAIT, planned_charts
from proccompile.render.flowchart.svg import part_svg
from proccompile.views.wording import Texts


class SiteCharts:
    """Figures by document, steps chapter and place; ``figures(document, where, section, chapter)`` is what a
    template prints, ``attachments(document)`` the charts its attachments chapter lists."""

    def __init__(self, corpus: Corpus, texts: Texts) -> None:
        self.corpus, self.texts = corpus, texts
        self._done: dict[tuple[str, str], dict[tuple[str, int | None], Markup]] = {}
        self._count: dict[str, int] = {}

    def figures(self, p: ControlledDocument, where: str, section: int | None = None,
                chapter: str = "process") -> Markup:
        if (p.code, chapter) not in self._done:
            self._done[(p.code, chapter)] = self._render(p, chapter)
        return self._done[(p.code, chapter)].get((where, section), Markup(""))

    def attachments(self, p: ControlledDocument) -> list[Markup]:
        """The charts placed as attachments, one group per steps chapter that has them."""
        found = (self.figures(p, "attachment", None, spec.id) for spec in steps_chapters(p))
        return [figure for figure in found if figure]

    def _render(self, p: ControlledDocument, chapter: str) -> dict[tuple[str, int | None], Markup]:
        out: dict[tuple[str, int | None], Markup] = {}
        for placed in planned_charts(self.corpus, p, self.texts, chapter):
            figures = []
            width = (LANDSCAPE if placed.landscape else PORTRAIT)[0]
            for chart in placed.charts:
                # Numbered across the page's charts: each SVG's ids stay unique on the page.
                count = self._count[p.code] = self._count.get(p.code, 0) + 1
                caption = self.texts.render("flowchart_caption", title=chart.title, part=1, parts=1)
                # One part: a page scrolls, so the chart is never cut.
                (part,) = layout(chart, Frame(width))
                svg = part_svg(part, f"flowchart-{count}", caption, chart.description)
                figures.append(Markup('<figure class="flowchart"><figcaption>{}</figcaption>\n{}\n</figure>')
                               .format(escape(caption), svg))
            out[(placed.where, placed.section)] = Markup("\n").join(figures)
        return out
