"""Chapter numbers of a document exactly as the Word output prints them; one helper for render, audit and where."""

from __future__ import annotations

from dataclasses import dataclass, field

from proccompile.model.document import ChapterKind, ChapterSpec, ControlledDocument

# Chapters whose entries are numbered under the chapter (3.1, 3.2 …); the entries of the tabular kinds
# are table rows instead, and a steps chapter numbers subsections and steps (5.1, 5.1.1).
ITEMISED: frozenset[ChapterKind] = frozenset({"terms", "responsibilities", "related", "list", "operations"})
TABULAR: frozenset[ChapterKind] = frozenset({"commitments", "records", "attachments", "table"})

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class PlannedChapter:
    spec: ChapterSpec
    number: int


@dataclass(frozen=True)
class Numbering:
    """Printed numbers of one document: chapters 1…n and what is numbered inside them."""

    sections: dict[str, int]
    """Chapter id → printed number, for the chapters printed."""
    specs: dict[str, ChapterSpec] = field(default_factory=dict)
    """Chapter id → its spec, for the chapters printed."""

    def section(self, key: str) -> str:
        return str(self.sections[key])

    def item(self, chapter: str, i: int) -> str:
        """The number of entry ``i`` (0-based) of an itemised chapter: 3.1, 3.2 …"""
        return f"{self.sections[chapter]}.{i + 1}"

    def sub(self, chapter: str, i: int, j: int) -> str:
        """The number of step ``j`` of subsection ``i`` of a steps chapter: 5.1.3."""
        return f"{self.sections[chapter]}.{i + 1}.{j + 1}"

    # The procedure's chapters by name, as render, audit and the site templates call them.
    def term(self, i: int) -> str:
        return self.item("terms", i)

    def responsibility(self, i: int) -> str:
        return self.item("responsibilities", i)

    def subsection(self, i: int) -> str:
        return self.item("process", i)

    def step(self, i: int, j: int) -> str:
        return self.sub("process", i, j)

    def related(self, i: int) -> str:
        return self.item("related", i)

    def cite(self, loc: Loc) -> tuple[str, int | None]:
        """The printed number a YAML path falls under, and the table row (1-based) for tabular chapters.

        ("process", 0, "steps", 2, "owner") → ("5.1.3", None); ("records", 1, "keeper") → ("9", 2) when
        the procedure has commitments. Paths outside the numbered body (code, owner …) give ("", None).
        """
        head = loc[0] if loc else ""
        index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        spec = next((s for s in self.specs.values() if s.key == head), None)
        if spec is None:
            return "", None
        chapter = spec.id
        if spec.kind == "steps" and index is not None:
            if len(loc) > 3 and loc[2] == "steps" and isinstance(loc[3], int):
                return self.sub(chapter, index, loc[3]), None
            return self.item(chapter, index), None
        if spec.kind in ITEMISED and index is not None:
            return self.item(chapter, index), None
        if spec.kind in TABULAR:
            return self.section(chapter), None if index is None else index + 1
        return self.section(chapter), None


def chapter_plan(document: ControlledDocument, chapters: tuple[ChapterSpec, ...]) -> list[PlannedChapter]:
    """The chapters of ``document`` in printed order with their numbers: a chapter that is left out when empty
    (`when_empty: omit`) and is empty moves every later chapter up by one."""
    printed = [spec for spec in chapters if spec.when_empty != "omit" or getattr(document, spec.key, None)]
    return [PlannedChapter(spec, number) for number, spec in enumerate(printed, 1)]


def numbering(document: ControlledDocument, chapters: tuple[ChapterSpec, ...] | None = None) -> Numbering:
    """The printed numbers of ``document`` with ``chapters`` (its type's, as the project orders them; by default
    its model's standard order)."""
    plan = chapter_plan(document, type(document).CHAPTERS if chapters is None else chapters)
    return Numbering({p.spec.id: p.number for p in plan}, {p.spec.id: p.spec for p in plan})
