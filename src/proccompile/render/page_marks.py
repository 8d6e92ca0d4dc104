"""Page furniture that depends on a document's status and language: stamp, watermark, footer, core language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from proccompile.model import Corpus
from proccompile.model.display import date_text, document_citation, form_title_number, numbered
from proccompile.model.document import ControlledDocument
from proccompile.render.blocks import DocView
from proccompile.views.wording import Texts


@dataclass(frozen=True, slots=True)
class StatusMarks:
    stamp: str
    watermark: str | None  # None for a released document: only drafts and obsolete copies are marked across the page
    footer: tuple[str, ...]


def status_marks(texts: Texts, status: str, number: str, version: str, title: str,
                 note: str | None = None, withdrawn: str | None = None) -> StatusMarks:
    """Stamp, watermark and footer lines of a document in ``status`` (or ``review``: a draft of the next
    version, uncontrolled); the same for procedures and forms.

    ``note`` replaces the footer note of a released document (a blank form that may be copied says so);
    ``withdrawn`` (the withdrawal as printed) goes before the note of an obsolete one.
    """
    label = texts.label
    status_note = note if note is not None and status == "released" else label(f"note_{status}")
    if withdrawn and status == "obsolete":
        status_note = f"{withdrawn}{label('gap')}{status_note}"
    return StatusMarks(
        stamp=label(f"stamp_{status}"),
        watermark=None if status == "released" else label(f"watermark_{status}"),
        footer=tuple(texts.lines("footer", number=number, version=version, title=title,
                                 status_note=status_note, gap=label("gap"))),
    )


def core_language(language: str) -> str:
    return "zh-CN" if language == "zh" else "en-US"


def withdrawal_text(corpus: Corpus, texts: Texts, model: ControlledDocument, *, full: bool = True) -> str | None:
    """When and why an obsolete document was withdrawn, and what replaces it, as printed (the date alone unless
    ``full``); None without a record."""
    gone = model.withdrawn
    if model.status != "obsolete" or gone is None:
        return None
    if not full:
        return f"{texts.label('withdrawn_on')}{date_text(gone.date)}"
    replacement = ""
    if gone.replaced_by:
        found = form_title_number(corpus, gone.replaced_by)
        replacement = (numbered(found[1], found[0], corpus.config.language) if found
                       else document_citation(corpus, gone.replaced_by))
    return " ".join(texts.lines("withdrawn", date=date_text(gone.date), reason=gone.reason,
                                replaced_by=replacement))


def as_review(view: DocView, texts: Texts, number: str, version: str, opened: dt.date) -> DocView:
    """``view`` (of a document's working content under an open revision) as an uncontrolled review draft: the
    review stamp, watermark and footer instead of the controlled ones, under `review/` in the build; its
    file date is the day the revision was opened (it has no issue date)."""
    marks = status_marks(texts, "review", number, version, view.page.title)
    page = replace(view.page, stamp=marks.stamp, watermark=marks.watermark, footer=marks.footer)
    core = replace(view.core, status=texts.label("stamp_review"), date=opened)
    return replace(view, relpath=f"review/{view.relpath}", page=page, core=core)
