"""Building blocks of the config's models: names in both languages, regular expressions, number patterns."""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator

from proccompile.model.base import StrictModel
from proccompile.model.patterns import compile_pattern
from proccompile.model.types import Text


def _compiles(pattern: str) -> str:
    compile_pattern(pattern)
    return pattern


def format_fields(allowed: set[str]) -> Callable[[str], str]:
    def check(template: str) -> str:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
        unknown = sorted({name for name, _, _ in fields} - allowed)
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {', '.join(sorted(allowed))}")
        if any(spec or conversion for _, spec, conversion in fields):
            raise ValueError("placeholders take no format or conversion; write them as {code}, {year} …")
        return template

    return check


Regex = Annotated[str, AfterValidator(_compiles)]


class Named(StrictModel):
    """Anything printed by name in either language; the project's own language is required (checked)."""

    zh: Text | None = None
    en: Text | None = None
