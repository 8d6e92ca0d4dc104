"""Chapters that point elsewhere: related documents (相关文件) and attachments (附件), pictures printed under them."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.model.chapters import Attachment
from proccompile.model.display import document_citation, form_title_number
from proccompile.render.blocks import Block, Para
from proccompile.render.chapters.context import ChapterContext
from proccompile.render.chapters.flowcharts import attachment_charts, with_charts
from proccompile.render.chapters.pictures import picture_of


def render_related(ctx: ChapterContext, chapter: str, codes: list[str]) -> Iterator[Block]:
    for i, code in enumerate(codes):
        yield Para(document_citation(ctx.corpus, code), style="normal", lead=f"{ctx.numbers.item(chapter, i)} ")


def render_attachments(ctx: ChapterContext, chapter: str, attachments: list[Attachment]) -> Iterator[Block]:
    for i, attachment in enumerate(attachments, 1):
        title = attachment.title
        found = form_title_number(ctx.corpus, attachment.form) if attachment.form else None
        if found:
            title += f"（{found[1]}）" if ctx.language == "zh" else f" ({found[1]})"
        picture = picture_of(ctx, attachment.file)
        yield Para(ctx.texts.render("attachment", number=i, title=title), style="normal",
                   keep_next=picture is not None)
        if picture is not None:
            yield picture
    # Flowcharts placed as attachments (附件 流程图) follow the document's own, numbered after them.
    for k, placed in enumerate(attachment_charts(ctx), len(attachments) + 1):
        yield from with_charts(ctx, placed, Para(ctx.texts.render("attachment", number=k,
                                                                  title=ctx.label("flow_attachment")),
                                                 style="normal", keep_next=True))
    if not attachments and not attachment_charts(ctx):
        yield ctx.none()
