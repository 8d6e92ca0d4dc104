"""Zip entries with fixed times and attributes, so equal content gives equal bytes (tech.md §1.6)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import Any

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry; any fixed value would do


def _fixed_info(name: str, compress: bool = True) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.create_system = 0  # the default depends on the OS building the file
    info.external_attr = 0
    return info


def write_fixed(archive: zipfile.ZipFile, name: str, blob: bytes, *, compress: bool = True) -> None:
    """Add ``blob`` as ``name`` with nothing in its header that depends on the clock or the OS."""
    archive.writestr(_fixed_info(name, compress), blob, compresslevel=6)


def write_fixed_chunks(archive: zipfile.ZipFile, name: str, chunks: Iterable[bytes]) -> None:
    """``write_fixed`` of the concatenated ``chunks``, compressed as they come instead of joined first.

    zlib's default level is 6, and its output does not depend on how the input was cut, so the
    bytes are those write_fixed gives.
    """
    with archive.open(_fixed_info(name), "w") as entry:
        for chunk in chunks:
            entry.write(chunk)


class FixedZip(zipfile.ZipFile):
    """A zip being written whose every entry gets write_fixed's headers, for a library that adds entries
    itself (openpyxl's ExcelWriter): the package is compressed once, with no re-zip pass."""

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(_fixed_info(name), data, compresslevel=6)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        with open(filename, "rb") as source:  # a worksheet openpyxl streamed to a temporary file
            write_fixed_chunks(self, str(arcname if arcname is not None else filename),
                               iter(lambda: source.read(1 << 20), b""))
