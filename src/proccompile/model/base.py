"""The base pydantic model every document node derives from: unknown fields are findings."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Forbids unknown fields and freezes instances; attribute docstrings become schema descriptions.

    ``defer_build``: a validator is built on first use, so the nested models, only ever validated as part
    of a document, never build their own (about 20 ms of every start-up). The attribute docstrings are
    read only by ``describe_fields``, for the schemas and the field reference.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@cache
def field_descriptions() -> None:
    """Give every field of every model its attribute docstring as its description, once per process.

    Not done as each class is created (pydantic's ``use_attribute_docstrings``): that parses every model's
    source, about a fifth of the models' import time, for text that only help lines, JSON Schemas and
    docs show.
    """
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    own: dict[type[BaseModel], dict[str, str]] = {}

    def docs_of(cls: type[BaseModel]) -> dict[str, str]:
        if cls not in own:
            try:
                own[cls] = extract_docstrings_from_cls(cls, use_inspect=True)
            except (OSError, TypeError):  # a model made at run time (a project's own document type) has no source
                own[cls] = {}
        return own[cls]

    for cls in _subclasses(StrictModel):
        # A field a base class declares (every document's `code`, `owner` …) is documented there.
        bases = [base for base in cls.__mro__ if isinstance(base, type) and issubclass(base, StrictModel)]
        for name, info in cls.__pydantic_fields__.items():
            if info.description is None:
                info.description = next((docs_of(base)[name] for base in bases if name in docs_of(base)), None)


@cache
def describe_fields() -> None:
    """``field_descriptions``, and the models rebuilt so their JSON Schemas carry them."""
    field_descriptions()
    classes = list(_subclasses(StrictModel))
    # A model's schema embeds those of the models it holds: rebuild the inner ones before and after.
    for cls in [*reversed(classes), *classes]:
        cls.model_rebuild(force=True)


def _subclasses(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
