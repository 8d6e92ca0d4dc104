"""Document-control records every controlled document carries: signatures, revisions, reviews, copies, withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from proccompile.model.base import StrictModel
from proccompile.model.types import DeptRef, DocCode, Text, Version

Status = Literal["draft", "released", "obsolete"]
ReviewResult = Literal["no-change", "revise"]


class Approval(StrictModel):
    name: Text | None = None
    """Name of the person who signed in this role; required unless the project signs by hand (`signatures:
    by-hand`), where the name is left blank for the wet signature on the printed copy."""
    role: DeptRef | None = None
    """Id of the role (job title) that signs, e.g. quality-manager; printed under the signature."""
    title: Text | None = None
    """Job title printed under the name, when no `role` of the config says it, e.g. 质量部经理."""
    date: dt.date | None = None
    """Date of signature (YYYY-MM-DD)."""
    comment: Text | None = None
    """What the signer said when approving (from `proccompile approve --comment`)."""
    recorded_by: Text | None = None
    """Who recorded the signature with `proccompile approve` (git identity or OS user); absent when the
    signature was typed or transcribed from paper."""


class Revision(StrictModel):
    version: Version
    """Version this entry introduced."""
    date: dt.date
    """Date of the revision (issue date of that version)."""
    change: Text
    """What changed, and why."""
    author: Text
    """Who made the change."""
    request: Text | None = None
    """Change request (变更申请) number the revision answered."""
    signatures: Literal["recorded", "transcribed"] | None = None
    """recorded: each signer approved this content with `proccompile approve`; transcribed: the names and
    dates were copied from a paper record at release (`release --reviewed-by/--approved-by`)."""


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
