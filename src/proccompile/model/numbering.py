"""Chapter numbers of a document exactly as the Word output prints them; one helper for render, audit and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from proccompile.model.chapters import FreeChapter
from proccompile.model.document import ChapterKind, ChapterSpec, ControlledDocument

# Chapters whose entries are numbered under the chapter (3.1, 3.2 …); the entries of the tabular kinds
# are table rows instead, and a steps chapter numbers subsections and steps (5.1, 5.1.1).
ITEMISED: frozenset[ChapterKind] = frozenset({"terms", "responsibilities", "related", "operations", "table"})
TABULAR: frozenset[ChapterKind] = frozenset({"commitments", "records", "attachments"})

if TYPE_CHECKING:
    from proccompile.model.corpus import Corpus

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class PlannedChapter:
    spec: ChapterSpec
    number: int | None
    """None for a chapter printed without a number."""


@dataclass(frozen=True)
class Numbering:
    """Printed numbers of one document: chapters 1…n and what is numbered inside them."""

    sections: dict[str, int]
    """Chapter id → printed number, for the numbered chapters printed."""
    specs: dict[str, ChapterSpec] = field(default_factory=dict)
    """Chapter id → its spec, for every chapter printed."""
    clauses: tuple[str, ...] = ()
    """The clause numbers a manual's clause chapters print, by entry."""

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
        spec = next((s for s in self.specs.values() if s.key == head and (s.index is None or s.index == index)),
                    None)
        if spec is None:
            return "", None
        chapter = spec.id
        if spec.kind == "clauses":
            return (self.clauses[index], None) if index is not None and index < len(self.clauses) else ("", None)
        if chapter not in self.sections:
            return "", None
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
    """The chapters of ``document`` in printed order with their numbers.

    The order is the document's `chapter_order` when it gives one, else ``chapters``' (the type's, as the
    project orders them); free chapters go `before` or `after` the chapter they name, or last. A chapter
    that is left out when empty (`when_empty: omit`) and is empty moves every later chapter up by one.
    """
    sequence = _ordered(chapters, getattr(document, "chapter_order", []))
    _place_free_chapters(sequence, getattr(document, "chapters", []))
    printed = [spec for spec in sequence if spec.when_empty != "omit" or chapter_content(document, spec)]
    plan, number = [], 0
    for spec in printed:
        if spec.numbered:
            number += 1
        plan.append(PlannedChapter(spec, number if spec.numbered else None))
    return plan


def chapter_content(document: ControlledDocument, spec: ChapterSpec) -> Any:
    """What a chapter prints: its field's value, or for a free chapter its entry under `chapters`."""
    if spec.index is not None:
        return getattr(document, spec.key)[spec.index]
    return getattr(document, spec.key, None)


def _ordered(chapters: tuple[ChapterSpec, ...], order: list[str]) -> list[ChapterSpec]:
    if not order:
        return list(chapters)
    by_id = {spec.id: spec for spec in chapters}
    listed = [by_id[chapter] for chapter in dict.fromkeys(order) if chapter in by_id]
    # check reports an order that misses a chapter (PC3xx); printing it last keeps its content.
    return [*listed, *(spec for spec in chapters if spec not in listed)]


def _place_free_chapters(sequence: list[ChapterSpec], free: list[FreeChapter]) -> None:
    """Insert each free chapter before or after the chapter it names, in file order; at the end otherwise."""
    last_after: dict[str, ChapterSpec] = {}
    for i, chapter in enumerate(free):
        spec = ChapterSpec(f"chapters[{i}]", "free", field="chapters", index=i, title=chapter.title)
        anchor = chapter.before or chapter.after
        ids = [s.id for s in sequence]
        if anchor is None or anchor not in ids or anchor.startswith("chapters["):
            sequence.append(spec)
        elif chapter.before is not None:
            sequence.insert(ids.index(anchor), spec)
        else:
            # After the anchor and after the free chapters already placed after it, in file order.
            previous = last_after.get(anchor)
            sequence.insert((ids.index(previous.id) if previous else ids.index(anchor)) + 1, spec)
            last_after[anchor] = spec


def numbering(document: ControlledDocument, chapters: tuple[ChapterSpec, ...] | None = None) -> Numbering:
    """The printed numbers of ``document`` with ``chapters`` (its type's, as the project orders them; by default
    its model's standard order)."""
    chapters = type(document).CHAPTERS if chapters is None else chapters
    plan = chapter_plan(document, chapters)
    clauses = tuple(c.clause for spec in chapters if spec.kind == "clauses" for c in getattr(document, spec.key))
    return Numbering({p.spec.id: p.number for p in plan if p.number is not None},
                     {p.spec.id: p.spec for p in plan}, clauses)


def numbering_in(corpus: Corpus, document: ControlledDocument) -> Numbering:
    """The printed numbers of ``document`` with its type's chapters as the project orders them."""
    return numbering(document, corpus.doctype(document.KIND).chapters)
