"""Pictures in chapters: an attached image file on its own line, with its caption under it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import PurePosixPath

from proccompile.load.paths import inside_project
from proccompile.model.attachments import handling
from proccompile.render.blocks import Block, Image, Para
from proccompile.render.chapters.context import ChapterContext


def picture_of(ctx: ChapterContext, file: str | None) -> Image | None:
    """The picture ``file`` as a block; None for a file that is not a picture (it is copied instead)."""
    if file is None or handling(file) != "embed":
        return None
    target = inside_project(ctx.corpus.config_source.path.parent, file)
    assert target is not None  # check refused paths outside the project (PC316)
    return Image(target.read_bytes(), PurePosixPath(file).name)


def picture_blocks(ctx: ChapterContext, file: str, caption: str | None) -> Iterator[Block]:
    picture = picture_of(ctx, file)
    if picture is None:
        return
    if caption:  # a caption never starts the page after its picture
        yield dataclasses.replace(picture, keep_next=True)
        yield Para(caption, style="normal", align="center")
    else:
        yield picture
