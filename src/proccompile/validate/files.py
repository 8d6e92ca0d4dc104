"""Files that documents point at: attachments exist and stay inside the project folder."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.load.paths import Refusal, Refused, project_path, refusal
from proccompile.model import Corpus


def attachment_files(corpus: Corpus, bag: Diagnostics) -> None:
    root = corpus.config_source.path.parent
    for doc in corpus.procedures:
        for i, attachment in enumerate(doc.model.attachments):
            if attachment.file is None:
                continue
            span = doc.span("attachments", i, "file")
            path = project_path(root, attachment.file)
            refused = refusal(root, path) if path is not None else Refused(Refusal.OUTSIDE)
            if refused is None:
                continue
            if refused.kind is Refusal.OUTSIDE:
                bag.add("PC316", f"Attachment path `{attachment.file}` leaves the project folder", span)
            else:
                bag.add("PC315", f"Attachment file `{attachment.file}` {refused.reason}", span)
