"""Chapters of running text and lists (目的, 范围, 质量方针 …), and the free chapters a document adds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from proccompile.model.chapters import FreeChapter
from proccompile.render.blocks import Block, Cell, Para, Table
from proccompile.render.chapters.context import ChapterContext, letter
from proccompile.render.chapters.pictures import picture_blocks
from proccompile.render.chapters.tables import data_table

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_EXCLUSION_WIDTHS = (1.5, 8.0)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text field: blank lines separate them; a single line break stays inside one."""
    return [part.strip() for part in _BLANK_LINE.split(text.strip()) if part.strip()]


def render_text(ctx: ChapterContext, chapter: str, text: str) -> Iterator[Block]:
    for paragraph in paragraphs(text):
        yield Para(paragraph)


def render_list(ctx: ChapterContext, chapter: str, items: list[str]) -> Iterator[Block]:
    for j, item in enumerate(items):
        yield Para(item, style="normal", lead=f"{letter(j)}) ")


def render_scope(ctx: ChapterContext, chapter: str, text: str) -> Iterator[Block]:
    """The scope of the management system, then the requirements it does not apply (ISO 9001 4.3), from the
    config's `audit.exclusions`: one list for the manual and the coverage matrix."""
    yield from render_text(ctx, chapter, text)
    exclusions = ctx.corpus.config.audit.exclusions
    if not exclusions:
        return
    yield Para(ctx.label("exclusions"), style="normal", keep_next=True, space_before=6)
    yield Table(widths=_EXCLUSION_WIDTHS,
                rows=(ctx.heading_row(("col_clause", "col_reason")),
                      *((Cell(e.clause, align="center"), Cell(e.reason)) for e in exclusions)))


def render_free(ctx: ChapterContext, chapter: str, free: FreeChapter) -> Iterator[Block]:
    if free.text:
        yield from render_text(ctx, chapter, free.text)
    yield from render_list(ctx, chapter, free.items)
    if free.table is not None:
        yield from data_table(ctx, free.table, "")
    if free.picture is not None:
        yield from picture_blocks(ctx, free.picture.file, free.picture.title)
