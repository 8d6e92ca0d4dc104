"""Attached files that are not pictures (PDF drawings, spreadsheets) copied into the build beside the documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

from proccompile.load.paths import inside_project
from proccompile.model import Corpus
from proccompile.model.attachments import copied_relpath, handling
from proccompile.model.document import ControlledDocument
from proccompile.model.refs import Loc, file_refs
from proccompile.render import PlannedFile


def attachment_copies(corpus: Corpus, project_root: Path) -> list[tuple[PlannedFile, bytes]]:
    """One output per distinct attached file, listed in the manifest with the procedure that attaches it.

    Its ``inputs`` hash is that of its bytes and name: an unchanged attachment is not copied again.
    """
    copies: dict[str, tuple[PlannedFile, bytes]] = {}
    for doc in corpus.documents():
        p = doc.model
        for ref in file_refs(p):
            if ref.role != "attachment" or handling(ref.target) != "copy":
                continue
            target = inside_project(project_root, ref.target)
            assert target is not None  # check reported PC315/PC316 otherwise
            data = target.read_bytes()
            relpath = copied_relpath(p.code, ref.target)
            sha = hashlib.sha256(data).hexdigest()
            inputs = hashlib.sha256(f"{relpath}\0{sha}".encode("utf-8", "surrogatepass")).hexdigest()
            title = _title_at(p, ref.loc)
            copies.setdefault(relpath, (PlannedFile(
                relpath=relpath, kind="attachment", code=p.code, version=p.version, title=title,
                source=ref.target, source_sha256=sha, inputs=inputs), data))
    return list(copies.values())


def _title_at(document: ControlledDocument, loc: Loc) -> str:
    """The title of the attachment at ``loc`` (its chapter field and index)."""
    field, index = loc[0], loc[1]
    assert isinstance(field, str) and isinstance(index, int)
    title: str = getattr(document, field)[index].title
    return title
