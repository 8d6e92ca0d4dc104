"""Terms and definitions (术语和定义), and duties by department (职责)."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.model.chapters import Responsibility, Term
from proccompile.render.blocks import Block, Para
from proccompile.render.chapters.context import ChapterContext, letter


def render_terms(ctx: ChapterContext, chapter: str, terms: list[Term]) -> Iterator[Block]:
    label = ctx.label
    for i, term in enumerate(terms):
        lead = f"{ctx.numbers.item(chapter, i)}{label('gap')}{term.term}{label('label_separator')}"
        yield Para(term.definition, style="normal", lead=lead)


def render_responsibilities(ctx: ChapterContext, chapter: str, duties: list[Responsibility]) -> Iterator[Block]:
    for i, duty in enumerate(duties):
        yield Para(f"{ctx.numbers.item(chapter, i)} {ctx.actors(duty.department)}", style="heading2")
        for j, text in enumerate(duty.duties):
            yield Para(text, style="normal", lead=f"{letter(j)}) ")
        if duty.authorities:
            yield Para("", style="normal", lead=ctx.label("authorities_lead"), keep_next=True)
            for j, text in enumerate(duty.authorities):
                yield Para(text, style="normal", lead=f"{letter(j)}) ")
