"""Deterministic .docx bytes: fixed zip timestamps and order, core properties from the YAML, never the clock."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence

from docx.document import Document
from docx.opc.pkgwriter import _ContentTypesItem

from proccompile.render.blocks import CoreProps
from proccompile.render.zipfix import write_fixed, write_fixed_chunks


def set_core_properties(document: Document, props: CoreProps) -> None:
    cp = document.core_properties
    cp.title, cp.identifier, cp.version, cp.language = props.title, props.identifier, props.version, props.language
    cp.subject, cp.keywords, cp.category = props.subject, props.keywords, props.category
    cp.author = cp.last_modified_by = props.author
    cp.content_status = props.status
    cp.revision = props.revision
    cp.comments = ""
    stamp = dt.datetime(props.date.year, props.date.month, props.date.day, tzinfo=dt.UTC)
    cp.created = cp.modified = stamp


# A comment left in the document where serialised rows go in (render/document.py streams long tables).
STREAM_MARK = "proccompile-rows-"
_SLOT = re.compile(rb"<!--" + STREAM_MARK.encode() + rb"(\d+)-->")


def to_bytes(document: Document, streams: Sequence[Iterator[bytes]] = (), *, compress: bool = True) -> bytes:
    """Serialise ``document`` as a zip whose bytes depend only on its parts (``compress=False``: stored).

    Why: python-docx's own save stamps every zip entry with the local time, so two builds of the
    same input differ (tech.md §1.6). Writing the package ourselves with a fixed time avoids a
    second re-zip pass. The part order is python-docx's relationship walk, which is stable.
    ``streams[i]`` gives the serialised content of the main document's comment ``STREAM_MARK`` + i.
    """
    package = document.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        content_types = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]
        write_fixed(archive, "[Content_Types].xml", content_types.blob, compress=compress)
        write_fixed(archive, "_rels/.rels", package.rels.xml, compress=compress)
        for part in parts:
            if streams and part is document.part:
                pieces = _SLOT.split(part.blob)  # text, slot number, text, …
                write_fixed_chunks(archive, part.partname.membername, _filled(pieces, streams))
            else:
                write_fixed(archive, part.partname.membername, part.blob, compress=compress)
            if len(part.rels):
                write_fixed(archive, part.partname.rels_uri.membername, part.rels.xml, compress=compress)
    return out.getvalue()


def _filled(pieces: list[bytes], streams: Sequence[Iterator[bytes]]) -> Iterator[bytes]:
    for k, piece in enumerate(pieces):
        if k % 2:
            yield from streams[int(piece)]
        else:
            yield piece
