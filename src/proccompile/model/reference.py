"""The YAML field reference (docs/yaml-reference.md), generated from the models' fields and docstrings."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from proccompile.model.base import describe_fields
from proccompile.model.config import ProjectConfig
from proccompile.model.form import Form
from proccompile.model.instruction import Instruction
from proccompile.model.manual import Manual
from proccompile.model.procedure import Procedure
from proccompile.model.types import Duration


def reference_markdown() -> str:
    describe_fields()
    out = [
        "# YAML reference",
        "",
        "Generated from the models in `src/proccompile/model/`; `pytest --update-golden` rewrites it.",
        "Unknown fields are errors (PC201). Durations are written as a whole number and a unit:",
        "`30min`, `2h`, `24h`, `3d`, `10wd` (working days), `18mo`, `3y`, or `permanent`.",
        "Dates are `YYYY-MM-DD`, unquoted. Quote anything that looks like a number but is text",
        "(versions such as `'1.0'`, clauses such as `'8.10'`).",
        "",
    ]
    for title, model in (("Procedure (`procedures/*.yaml`)", Procedure), ("Form (`forms/*.yaml`)", Form),
                         ("Quality manual (`manuals/*.yaml`)", Manual),
                         ("Work instruction (`instructions/*.yaml`)", Instruction),
                         ("Project config (`proccompile.yaml`)", ProjectConfig)):
        out += [f"## {title}", ""]
        out += _model_section(model, seen=set())
    return "\n".join(out)


def _model_section(model: type[BaseModel], seen: set[str], level: int = 3) -> list[str]:
    out = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    nested: list[type[BaseModel]] = []
    for name, info in model.model_fields.items():
        type_text, inner = _describe(info.annotation)
        required = "yes" if info.is_required() else f"no (default `{_default(info.default)}`)"
        description = (info.description or "").replace("\n", " ")
        out.append(f"| `{name}` | {type_text} | {required} | {description} |")
        if inner is not None and inner.__name__ not in seen:
            seen.add(inner.__name__)
            nested.append(inner)
    out.append("")
    for inner in nested:
        out += [f"{'#' * level} {inner.__name__}", ""]
        if inner.__doc__ and not inner.__doc__.startswith(("Usage docs", "!!!")):
            out += [inner.__doc__.strip(), ""]
        out += _model_section(inner, seen, level)
    return out


def _describe(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _describe(args[0])
    if origin in (typing.Union, types.UnionType):
        parts = [_describe(a) for a in args if a is not type(None)]
        return " or ".join(p[0] for p in parts), next((p[1] for p in parts if p[1]), None)
    if origin is list:
        text, inner = _describe(args[0])
        return f"list of {text}", inner
    if origin is dict:
        text, inner = _describe(args[1])
        return f"mapping of {_describe(args[0])[0]} to {text}", inner
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args), None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__, annotation
    if annotation is Duration:
        return "duration", None
    return getattr(annotation, "__name__", str(annotation)).replace("str", "text"), None


def _default(value: Any) -> str:
    if isinstance(value, BaseModel):
        return "{…}"
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return "[…]"
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
