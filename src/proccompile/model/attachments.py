"""What becomes of an attached file: an image printed in the procedure, or a file copied into the build."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal

# Picture formats Word (and python-docx) can embed, by extension, with the bytes each file starts with.
IMAGE_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
# Vector drawings Word cannot take from python-docx; they are refused with PC317, not copied silently.
NOT_EMBEDDABLE = (".svg", ".svgz", ".emf", ".wmf")

Handling = Literal["embed", "refuse", "copy"]


def handling(path: str) -> Handling:
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in IMAGE_MAGIC:
        return "embed"
    if suffix in NOT_EMBEDDABLE:
        return "refuse"
    return "copy"


def looks_like_image(path: str, head: bytes) -> bool:
    """True when ``head`` (the file's first bytes) matches the picture format its extension names."""
    return head.startswith(IMAGE_MAGIC[PurePosixPath(path).suffix.lower()])


def copied_relpath(code: str, path: str) -> str:
    """Where a copied attachment lands in the build: attachments/<code, / as ->/<its path in the project>.

    The whole project-relative path is kept, so two attachments with the same file name never collide.
    """
    folder = code.replace("/", "-").replace("\\", "-").replace(":", "-")
    parts = [part for part in PurePosixPath(path.replace("\\", "/")).parts if part not in (".", "")]
    return "/".join(["attachments", folder, *parts])
