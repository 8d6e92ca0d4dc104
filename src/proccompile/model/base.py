"""The base pydantic model every document node derives from: unknown fields are findings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Forbids unknown fields and freezes instances; attribute docstrings become schema descriptions.

    ``defer_build``: a validator is built on first use, so the nested models, only ever validated as part
    of a document, never build their own (about 20 ms of every start-up).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True)
