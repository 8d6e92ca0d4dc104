"""Files that documents point at: attachments exist and stay inside the project folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus


def attachment_files(corpus: Corpus, bag: Diagnostics) -> None:
    root = corpus.config_source.path.parent.resolve()
    for doc in corpus.procedures:
        for i, attachment in enumerate(doc.model.attachments):
            if attachment.file is None:
                continue
            span = doc.span("attachments", i, "file")
            target = inside_project(root, attachment.file)
            if target is None:
                bag.add("PC316", f"Attachment path `{attachment.file}` leaves the project folder", span)
            elif not target.is_file():
                bag.add("PC315", f"Attachment file `{attachment.file}` does not exist", span)


def inside_project(root: Path, relative: str) -> Path | None:
    """The resolved path when ``relative`` stays inside ``root`` (links followed), else None."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        return None
    target = (root / pure).resolve()
    return target if target.is_relative_to(root) else None
