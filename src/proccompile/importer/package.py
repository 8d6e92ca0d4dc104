"""A legacy .docx opened safely: the parts import reads are checked before they are inflated, the rest never are.

python-docx loads every part of a package into memory when it opens one, images included, so the
file is first copied into a package that holds only the parts that carry text (document, styles,
numbering, headers, footers, notes, properties, relationships), each checked for size, inflation
ratio and entity declarations. Every other part (images, embedded objects, themes) becomes an empty
placeholder: a zip-bombed picture is never inflated.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

from proccompile.load.docx_limits import declares_doctype, entry_count_problem, inflation_problem

# The XML the importer reads, by content type (the part name may be anything the relationships say).
_READ_TYPES = (
    "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
    "document.macroEnabled.main+xml", "template.macroEnabledTemplate.main+xml",
    "wordprocessingml.styles+xml", "wordprocessingml.numbering+xml", "wordprocessingml.header+xml",
    "wordprocessingml.footer+xml", "wordprocessingml.footnotes+xml", "wordprocessingml.endnotes+xml",
    "core-properties+xml", "relationships+xml",
)
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_STUB_XML = b"<stub/>"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class Refused(ValueError):
    """The file is not read: why, naming the part when one is the cause."""


def open_word(path: Path, max_bytes: int) -> Document:
    """The Word document at ``path``, holding only the parts import reads.

    Raises Refused when the file is not a Word package, lists too many parts, or when the parts read
    would unpack to more than ``max_bytes``, inflate like a bomb or declare entities.
    """
    try:
        counted = entry_count_problem(path)
        if counted is not None:
            raise Refused(counted)
        with zipfile.ZipFile(path) as archive:
            data = _text_parts(archive, max_bytes)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError) as exc:
        if isinstance(exc, Refused):
            raise
        raise Refused(f"not a .docx Word document ({exc or type(exc).__name__})") from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a malformed package
        raise Refused(f"not a .docx Word document ({type(exc).__name__})") from None


def _text_parts(archive: zipfile.ZipFile, max_bytes: int) -> bytes:
    entries = archive.infolist()
    types = _content_types(archive)
    read = [e for e in entries if e.filename == _CONTENT_TYPES or _type_of(e.filename, types).endswith(_READ_TYPES)]
    total = sum(e.file_size for e in read)
    if total > max_bytes:
        raise Refused(f"its text parts unpack to {total:,} bytes; the limit is {max_bytes:,} "
                      "(limits.import_docx_bytes in proccompile.yaml)")
    for entry in read:
        problem = inflation_problem(entry)
        if problem is not None:
            raise Refused(problem)
        if declares_doctype(archive, entry):
            raise Refused(f"its part `{entry.filename}` declares a DOCTYPE; Word never writes one, "
                          "and entities can expand")
    wanted = {e.filename for e in read}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for entry in entries:
            if entry.is_dir():
                continue
            if entry.filename in wanted:
                copy.writestr(entry.filename, archive.read(entry))  # zipfile stops at the declared size
            else:
                xml = _type_of(entry.filename, types).endswith("xml")
                copy.writestr(entry.filename, _STUB_XML if xml else b"")
    return out.getvalue()


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without the leading slash) or `*.ext` → content type, from [Content_Types].xml."""
    entry = archive.getinfo(_CONTENT_TYPES)
    if entry.file_size > 1_000_000 or inflation_problem(entry) or declares_doctype(archive, entry):
        raise Refused(f"its part `{_CONTENT_TYPES}` is not one Word writes")
    try:
        root = etree.fromstring(archive.read(entry), _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise Refused(f"its part `{_CONTENT_TYPES}` is not well-formed XML ({exc})") from None
    types: dict[str, str] = {}
    for item in root:
        if item.tag == f"{_CT_NS}Override":
            types[str(item.get("PartName", "")).lstrip("/")] = str(item.get("ContentType", ""))
        elif item.tag == f"{_CT_NS}Default":
            types["*." + str(item.get("Extension", "")).lower()] = str(item.get("ContentType", ""))
    return types


def _type_of(name: str, types: dict[str, str]) -> str:
    # Not PurePosixPath.suffix: `_rels/.rels` has none by its rules, but its extension is `rels`.
    base = name.rsplit("/", 1)[-1]
    return types.get(name) or (types.get("*." + base.rsplit(".", 1)[-1].lower(), "") if "." in base else "")
