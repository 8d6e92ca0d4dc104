"""One renderer per chapter kind: a chapter's content as view blocks, numbered as the document prints it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from proccompile.model.document import ChapterSpec
from proccompile.render.blocks import Block
from proccompile.render.chapters.clauses import render_clauses
from proccompile.render.chapters.context import ChapterContext
from proccompile.render.chapters.duties import render_responsibilities, render_terms
from proccompile.render.chapters.references import render_attachments, render_related
from proccompile.render.chapters.steps import render_operations, render_steps
from proccompile.render.chapters.tables import render_commitments, render_records, render_tables
from proccompile.render.chapters.text import render_free, render_list, render_scope, render_text

Renderer = Callable[[ChapterContext, str, Any], Iterator[Block]]
"""(context, chapter id, content) → the chapter's blocks after its heading."""

RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "list": render_list,
    "scope": render_scope,
    "free": render_free,
    "operations": render_operations,
    "table": render_tables,
    "clauses": render_clauses,
    "terms": render_terms,
    "responsibilities": render_responsibilities,
    "steps": render_steps,
    "commitments": render_commitments,
    "related": render_related,
    "attachments": render_attachments,
    "records": render_records,
}

def chapter_title(label: Callable[[str], str], spec: ChapterSpec, content: Any) -> str:
    """A chapter's heading: its own title, else its label; duties that come with authorities are headed
    职责和权限 (Responsibilities and Authorities)."""
    if spec.title:
        return spec.title
    if spec.kind == "responsibilities" and any(entry.authorities for entry in content or ()):
        return label(f"{spec.id}_authorities") if spec.id == "responsibilities" else label(spec.id)
    return label(spec.id)


# Kinds that print their own headings: a manual's clause chapters, one per clause; steps, whose heading stays with a
# flowchart placed at their start.
SELF_HEADED = frozenset({"clauses", "steps"})
# Kinds whose renderer runs even when the chapter is empty: attachments, which may hold flowcharts alone (it says
# 无 itself when there is nothing).
RENDERED_EMPTY = frozenset({"attachments"})

__all__ = ["RENDERED_EMPTY", "RENDERERS", "SELF_HEADED", "ChapterContext", "Renderer", "chapter_title"]
