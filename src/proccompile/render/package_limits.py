"""Checks on a Word package before python-docx parses it: size, compression ratio and XML entity declarations."""

from __future__ import annotations

import zipfile
from pathlib import Path

# A part that inflates more than this many times is a zip bomb, not a style sheet or a logo.
MAX_RATIO = 200
_RATIO_FLOOR = 1_000_000  # small parts may compress extremely well (runs of spaces); only big ones count
_XML_SUFFIXES = (".xml", ".rels")


def package_problem(path: Path, max_bytes: int) -> str | None:
    """Why the .docx at ``path`` must not be parsed, or None.

    Only the zip directory and the XML parts are read, in bounded chunks, so a 3 GB run of
    whitespace or an image that unpacks to 256 MB is refused in milliseconds.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            total = sum(e.file_size for e in entries)
            if total > max_bytes:
                return (f"it unpacks to {total:,} bytes; the limit is {max_bytes:,} "
                        "(limits.reference_docx_bytes in proccompile.yaml)")
            for entry in entries:
                if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(1, entry.compress_size):
                    ratio = entry.file_size // max(1, entry.compress_size)
                    return f"its part `{entry.filename}` inflates {ratio:,} times"
            for entry in entries:
                if entry.filename.endswith(_XML_SUFFIXES) and _declares_doctype(archive, entry):
                    return (f"its part `{entry.filename}` declares a DOCTYPE; Word never writes one, "
                            "and entities can expand")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return f"it is not a Word (.docx) package: {exc or type(exc).__name__}"
    return None


def _declares_doctype(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    # The prolog comes before the root element; reading up to the first element is enough.
    with archive.open(entry) as part:
        head = part.read(4096)
    root = head.find(b"<", head.find(b"?>") + 1 if b"?>" in head else 0)
    return b"<!DOCTYPE" in head[: max(root, 0) + 9] or b"<!ENTITY" in head
