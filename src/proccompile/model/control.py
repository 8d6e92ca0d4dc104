"""Document-control records shared by procedures and forms: reviews, issued copies and withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from proccompile.model.base import StrictModel
from proccompile.model.types import DeptRef, DocCode, Text

ReviewResult = Literal["no-change", "revise"]


class Review(StrictModel):
    date: dt.date
    """Date of the periodic review (评审日期)."""
    by: Text
    """Who reviewed the document."""
    result: ReviewResult = "no-change"
    """no-change (still adequate) or revise (a new version is needed)."""
    note: Text | None = None
    """What the review found, when worth recording."""


class Copy(StrictModel):
    department: DeptRef
    """Department holding the controlled copy."""
    number: Text
    """Controlled copy number (受控号), e.g. 01."""


class Withdrawal(StrictModel):
    date: dt.date
    """Withdrawal date (作废日期): from this day the document must not be used."""
    reason: Text
    """Why the document was withdrawn."""
    replaced_by: DocCode | None = None
    """Code of the document that replaces it, when one does."""
