"""Chapters of running text (目的, 范围 …)."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.render.blocks import Block, Para
from proccompile.render.chapters.context import ChapterContext


def render_text(ctx: ChapterContext, chapter: str, text: str) -> Iterator[Block]:
    yield Para(text)
