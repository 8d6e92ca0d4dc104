"""Deterministic .docx bytes: fixed zip timestamps and order, core properties from the YAML, never the clock."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document
from docx.opc.pkgwriter import _ContentTypesItem

from proccompile.render.blocks import CoreProps
from proccompile.render.zipfix import write_fixed


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


def to_bytes(document: Document, *, compress: bool = True) -> bytes:
    """Serialise ``document`` as a zip whose bytes depend only on its parts (``compress=False``: stored).

    Why: python-docx's own save stamps every zip entry with the local time, so two builds of the
    same input differ (tech.md §1.6). Writing the package ourselves with a fixed time avoids a
    second re-zip pass. The part order is python-docx's relationship walk, which is stable.
    """
    package = document.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        content_types = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]
        write_fixed(archive, "[Content_Types].xml", content_types.blob, compress=compress)
        write_fixed(archive, "_rels/.rels", package.rels.xml, compress=compress)
        for part in parts:
            write_fixed(archive, part.partname.membername, part.blob, compress=compress)
            if len(part.rels):
                write_fixed(archive, part.partname.rels_uri.membername, part.rels.xml, compress=compress)
    return out.getvalue()
