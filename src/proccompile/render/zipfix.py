"""Zip entries with fixed times and attributes, so equal content gives equal bytes (tech.md §1.6)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry; any fixed value would do


def _fixed_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # the default depends on the OS building the file
    info.external_attr = 0
    return info


def write_fixed(archive: zipfile.ZipFile, name: str, blob: bytes) -> None:
    """Add ``blob`` as ``name`` with nothing in its header that depends on the clock or the OS."""
    archive.writestr(_fixed_info(name), blob, compresslevel=6)


def write_fixed_chunks(archive: zipfile.ZipFile, name: str, chunks: Iterable[bytes]) -> None:
    """``write_fixed`` of the concatenated ``chunks``, compressed as they come instead of joined first.

    zlib's default level is 6, and its output does not depend on how the input was cut, so the
    bytes are those write_fixed gives.
    """
    with archive.open(_fixed_info(name), "w") as entry:
        for chunk in chunks:
            entry.write(chunk)


def normalize_zip(data: bytes) -> bytes:
    """Re-zip a package another library wrote (e.g. openpyxl) with fixed entry headers."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():  # writer order is already deterministic
            write_fixed(target, name, source.read(name))
    return out.getvalue()
