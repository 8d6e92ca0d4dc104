"""Reading a picture the project names (the company logo): inside the project, bounded, a real PNG, JPEG or GIF.

The pixel size is read from the file's own header, so a file that is not the picture its name says is
refused here, with a reason, before any document is built.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from proccompile.load.paths import Refusal, project_path, refusal

CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
_JPEG_SIZE_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # start-of-frame markers


@dataclass(frozen=True, slots=True)
class Picture:
    data: bytes
    name: str
    content_type: str
    width_px: int
    height_px: int


@dataclass(frozen=True, slots=True)
class PictureProblem:
    reason: str
    outside: bool = False  # the path leaves the project folder


def read_picture(root: Path, relative: str, max_bytes: int) -> Picture | PictureProblem:
    """The picture at ``relative`` (to ``root``), or why it cannot be printed."""
    path = project_path(root, relative)
    refused = refusal(root, path) if path is not None else None
    if path is None or (refused is not None and refused.kind is Refusal.OUTSIDE):
        return PictureProblem("leaves the project folder", outside=True)
    if refused is not None:
        return PictureProblem(refused.reason)
    suffix = PurePosixPath(relative).suffix.lower()
    if suffix not in CONTENT_TYPES:
        return PictureProblem("is not a PNG, JPEG or GIF picture")
    size = path.stat().st_size
    if size > max_bytes:
        return PictureProblem(f"is {size:,} bytes, more than `limits.picture_bytes` ({max_bytes:,})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return PictureProblem(f"cannot be read: {exc.strerror or exc}")
    found = pixel_size(data, suffix)
    if found is None:
        return PictureProblem(f"is not the {suffix[1:].upper()} picture its name says, or is damaged")
    return Picture(data, PurePosixPath(relative).name, CONTENT_TYPES[suffix], *found)


def pixel_size(data: bytes, suffix: str) -> tuple[int, int] | None:
    """(width, height) in pixels from the picture's header; None when the bytes are not that format."""
    size: tuple[int, int] | None = None
    if suffix == ".png" and data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        size = struct.unpack(">II", data[16:24])
    elif suffix == ".gif" and data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        size = struct.unpack("<HH", data[6:10])
    elif suffix in (".jpg", ".jpeg") and data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
    if size is None or not (0 < size[0] <= 20_000 and 0 < size[1] <= 20_000):
        return None
    return size


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 4 <= len(data):  # every step moves forward by at least two bytes
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if marker in _JPEG_SIZE_MARKERS:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        if length < 2 or marker == 0xDA:  # image data before any frame header
            return None
        at += 2 + length
    return None
