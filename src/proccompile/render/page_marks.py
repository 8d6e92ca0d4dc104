"""Page furniture that depends on a document's status and language: stamp, watermark, footer, core language."""

from __future__ import annotations

from dataclasses import dataclass

from proccompile.views.wording import Texts


@dataclass(frozen=True, slots=True)
class StatusMarks:
    stamp: str
    watermark: str | None  # None for a released document: only drafts and obsolete copies are marked across the page
    footer: tuple[str, ...]


def status_marks(texts: Texts, status: str, number: str, version: str, title: str,
                 note: str | None = None) -> StatusMarks:
    """Stamp, watermark and footer lines of a document in ``status``; the same for procedures and forms.

    ``note`` replaces the footer note of a released document (a blank form that may be copied says so).
    """
    label = texts.label
    status_note = note if note is not None and status == "released" else label(f"note_{status}")
    return StatusMarks(
        stamp=label(f"stamp_{status}"),
        watermark=None if status == "released" else label(f"watermark_{status}"),
        footer=tuple(texts.lines("footer", number=number, version=version, title=title,
                                 status_note=status_note, gap=label("gap"))),
    )


def core_language(language: str) -> str:
    return "zh-CN" if language == "zh" else "en-US"
