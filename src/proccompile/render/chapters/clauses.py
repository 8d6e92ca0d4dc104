"""A quality manual's clause chapters (4 组织环境 … 10 改进): numbered by the clause set, citing the documents."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.model.chapters import ClauseChapter
from proccompile.model.clauses import clause_index
from proccompile.model.display import LIST_SEPARATOR, document_citation
from proccompile.render.blocks import Block, Para
from proccompile.render.chapters.context import ChapterContext
from proccompile.render.chapters.pictures import picture_blocks
from proccompile.render.chapters.text import paragraphs, render_list


def render_clauses(ctx: ChapterContext, chapter: str, clauses: list[ClauseChapter]) -> Iterator[Block]:
    index = clause_index(ctx.corpus.config.audit.clause_set)
    for entry in clauses:
        known = index.get(entry.clause)
        title = entry.title or (known.title(ctx.language) if known else "")
        style = "heading1" if "." not in entry.clause else "heading2"
        yield Para(f"{entry.clause} {title}".strip(), style=style)
        for paragraph in paragraphs(entry.text or ""):
            yield Para(paragraph)
        yield from render_list(ctx, chapter, entry.items)
        if entry.picture is not None:
            yield from picture_blocks(ctx, entry.picture.file, entry.picture.title)
        if entry.documents:
            yield Para(LIST_SEPARATOR[ctx.language].join(document_citation(ctx.corpus, code)
                                                         for code in entry.documents),
                       style="normal", lead=ctx.label("clause_documents"))
