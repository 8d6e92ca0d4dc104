"""Checks on a Word (.docx) package before anything parses it: part count, inflation ratio and XML entities.

Shared by the reference document and `import`; only the zip directory and the first bytes of XML parts
are read, so a zip bomb is refused in milliseconds.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

# A part that inflates more than this many times is a zip bomb, not a style sheet or a logo.
MAX_RATIO = 200
RATIO_FLOOR = 1_000_000  # small parts may compress extremely well (runs of spaces); only big ones count
XML_SUFFIXES = (".xml", ".rels")
# Word writes a few dozen parts, a few hundred with many images; zipfile holds one object per entry.
MAX_PARTS = 10_000
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22


def inflation_problem(entry: zipfile.ZipInfo) -> str | None:
    """Why the part ``entry`` must not be inflated (its ratio says it is a bomb), or None."""
    if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(1, entry.compress_size):
        ratio = entry.file_size // max(1, entry.compress_size)
        return f"its part `{entry.filename}` inflates {ratio:,} times"
    return None


def declares_doctype(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether the XML part ``entry`` declares a DOCTYPE or an entity; Word never writes either."""
    # The prolog comes before the root element; reading up to the first element is enough.
    with archive.open(entry) as part:
        head = part.read(4096)
    root = head.find(b"<", head.find(b"?>") + 1 if b"?>" in head else 0)
    return b"<!DOCTYPE" in head[: max(root, 0) + 9] or b"<!ENTITY" in head


def entry_count_problem(path: Path, max_parts: int = MAX_PARTS) -> str | None:
    """Why the zip directory of ``path`` must not be read (it lists too many parts), or None.

    zipfile builds an object per entry when it opens a file, so the count is read first from the
    end-of-directory record (the last 64 KiB of the file at most).
    """
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        start = max(0, size - (1 << 16) - _END_RECORD_SIZE)
        handle.seek(start)
        tail = handle.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None  # zipfile says what is wrong with it
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10: at + 16])
    # Each directory entry takes at least 46 bytes; a saturated count (ZIP64) is bounded by the size.
    if entries > max_parts or directory_bytes // 46 > max_parts:
        return f"it lists over {max_parts:,} parts; a Word document has a few hundred at most"
    return None
