"""Files that documents point at: attachments exist, stay inside the project folder, and can be embedded."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.load.paths import inside_project
from proccompile.model import Corpus
from proccompile.model.attachments import handling, looks_like_image


def attachment_files(corpus: Corpus, bag: Diagnostics) -> None:
    root = corpus.config_source.path.parent
    for doc in corpus.procedures:
        for i, attachment in enumerate(doc.model.attachments):
            if attachment.file is None:
                continue
            span = doc.span("attachments", i, "file")
            target = inside_project(root, attachment.file)
            if target is None:
                bag.add("PC316", f"Attachment path `{attachment.file}` leaves the project folder", span)
            elif not target.is_file():
                problem = "is a folder, not a file" if target.is_dir() else "does not exist"
                bag.add("PC315", f"Attachment file `{attachment.file}` {problem}", span)
            elif handling(attachment.file) == "refuse":
                bag.add("PC317", f"Attachment `{attachment.file}` is a vector drawing Word cannot embed", span)
            elif handling(attachment.file) == "embed":
                with target.open("rb") as stream:
                    head = stream.read(16)
                if not looks_like_image(attachment.file, head):
                    bag.add("PC317", f"Attachment `{attachment.file}` is not the picture its extension says", span,
                            help="Save the picture again in the format its name says, or rename the file")

