"""What every chapter renderer reads: the corpus, the document, its numbers and the wording."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any

from proccompile.model import Corpus
from proccompile.model.display import actors_name, department_name
from proccompile.model.document import ChapterSpec, ControlledDocument
from proccompile.model.numbering import Numbering
from proccompile.render.blocks import Cell, Para
from proccompile.views.wording import Texts

if TYPE_CHECKING:
    from proccompile.render.chapters.flowcharts import Placement


@dataclass
class ChapterContext:
    corpus: Corpus
    document: ControlledDocument
    texts: Texts
    numbers: Numbering
    charts: dict[str, Placement] = field(default_factory=dict)
    """The flowcharts of each steps chapter by place, once planned (see ``chapters/flowcharts.py``)."""

    @property
    def language(self) -> str:
        return self.corpus.config.language

    @property
    def label(self) -> Callable[[str], str]:
        return self.texts.label

    @property
    def empty(self) -> str:
        return self.texts.label("empty_cell")

    def none(self) -> Para:
        return Para(self.label("none_text"), style="body")

    def dept(self, dept_id: str) -> str:
        return department_name(self.corpus, dept_id)

    def actors(self, actor_ids: tuple[str, ...] | list[str]) -> str:
        return actors_name(self.corpus, actor_ids)

    def cell_actors(self, actor_ids: tuple[str, ...] | list[str]) -> str:
        """Actors in a table cell: a role's department on a line of its own."""
        return self.join([department_name(self.corpus, a, break_before="\n") for a in actor_ids])

    def join(self, names: list[str]) -> str:
        return ("、" if self.language == "zh" else ", ").join(names)

    def heading(self, chapter: str, content: Any) -> Para:
        """The heading of the chapter ``chapter`` of this document (for a kind that prints its own)."""
        from proccompile.render.chapters import chapter_title

        spec: ChapterSpec | None = self.corpus.doctype(self.document.KIND).chapter(chapter)
        title = chapter_title(self.label, spec, content) if spec is not None else self.label(chapter)
        number = self.numbers.sections.get(chapter)
        return Para(title if number is None else f"{number} {title}", style="heading1")

    def heading_row(self, keys: tuple[str, ...]) -> tuple[Cell, ...]:
        return tuple(Cell(self.label(k), heading=True) for k in keys)


def letter(index: int) -> str:
    # a) … z), then aa), ab) …: GB/T 1.1 list items are lettered.
    return ascii_lowercase[index] if index < 26 else letter(index // 26 - 1) + ascii_lowercase[index % 26]
