"""Project-relative paths that may not escape the project folder, links included."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def inside_project(root: Path, relative: str) -> Path | None:
    """The resolved path when ``relative`` stays inside ``root`` (links followed), else None."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        return None
    base = root.resolve()
    target = (base / pure).resolve()
    return target if target.is_relative_to(base) else None
