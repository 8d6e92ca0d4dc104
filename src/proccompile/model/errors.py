"""Translate pydantic validation errors into located, reworded diagnostics."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.suggest import closest, did_you_mean, one_of
from proccompile.load.source import SourceFile
from proccompile.load.yaml import quote_help
from proccompile.model.base import field_descriptions

Loc = tuple[Any, ...]  # a pydantic error location: field names, list indexes and union labels
_SURROGATE = re.compile("[\ud800-\udfff]")
# Only a YAML escape such as "\ud800" puts a lone surrogate into text read as UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U000)[dD][89a-fA-F]")
_CANNOT_STORE = "which Word documents cannot store"


def without_unreadable_keys(data: Any, source: SourceFile, bag: Diagnostics) -> Any:
    """``data`` without the mapping keys that hold a lone surrogate, each reported (PC204) at the key.

    The model cannot read such a key at all and would report one error for the whole file instead of
    its findings; validating the rest keeps them.
    """
    if not _SURROGATE_ESCAPE.search(source.text):
        return data
    return _drop_keys(data, (), source, bag)


def _drop_keys(data: Any, loc: Loc, source: SourceFile, bag: Diagnostics) -> Any:
    if isinstance(data, dict):
        kept = {}
        for key, value in data.items():
            bad = _SURROGATE.search(key) if isinstance(key, str) else None
            if bad is not None:
                bag.add("PC204", f"The key `{key}` contains U+{ord(bad.group()):04X} at character {bad.start() + 1}, "
                        f"{_CANNOT_STORE}", source.span((*loc, key), key=True))
                continue
            kept[key] = _drop_keys(value, (*loc, key), source, bag)
        return kept
    if isinstance(data, list):
        return [_drop_keys(item, (*loc, i), source, bag) for i, item in enumerate(data)]
    return data


def report_validation_error(exc: ValidationError, model: type[BaseModel], source: SourceFile, bag: Diagnostics,
                            limit: int = 200) -> None:
    """Each problem as a located finding; past ``limit`` findings one more says how many were left out."""
    data = source.data
    errors = [(error, _node_loc(tuple(error["loc"]), data)) for error in exc.errors(include_url=False)]
    seen: set[tuple[Any, ...]] = set(_misspelt_required(errors, model))
    reported = 0
    for index, (error, node_loc) in enumerate(errors):
        if reported == limit:
            more = len(errors) - index
            bag.add("PC203", f"{more:,} more {'problem' if more == 1 else 'problems'} in this file "
                    f"{'is' if more == 1 else 'are'} not shown",
                    source.file_span(), help="Fix the problems above and check again (limits.findings_per_file)")
            return
        loc, kind = tuple(error["loc"]), error["type"]
        # Union members each report at the same place; one finding per place is enough.
        dedupe = (node_loc, kind if kind in ("extra_forbidden", "missing") else "value")

        if dedupe in seen:
            continue
        seen.add(dedupe)
        _report_one(error, loc, node_loc, model, source, bag)
        reported += 1


def _misspelt_required(errors: list[tuple[Any, Loc]], model: type[BaseModel]) -> list[tuple[Any, ...]]:
    """Missing fields that an unknown sibling field is a typo of: one finding (the typo) is enough."""
    missing = {loc for e, loc in errors if e["type"] == "missing"}
    covered = []
    for error, loc in errors:
        if error["type"] != "extra_forbidden" or not loc:
            continue
        suggestion = closest(str(loc[-1]), _fields_at(model, loc[:-1]))
        if suggestion and (*loc[:-1], suggestion) in missing:
            covered.append(((*loc[:-1], suggestion), "missing"))
    return covered


def _report_one(
    error: Any, loc: Loc, node_loc: Loc, model: type[BaseModel], source: SourceFile, bag: Diagnostics
) -> None:
    kind, field = error["type"], _field_name(node_loc)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, node_loc[:-1])
        bag.add("PC201", f"Unknown field `{field}`", source.span(node_loc, key=True),
                help=did_you_mean(field, allowed) or f"Allowed fields here: {one_of(allowed, 12)}")
    elif kind == "missing":
        # The mapping that lacks the field: its key, list item or (at the top) its first key, never a
        # comment or modeline above it.
        parent = node_loc[:-1]
        bag.add("PC202", f"Missing required field `{field}`", source.span(parent, key=True),
                help=_missing_help(model, parent, field))
    elif kind == "illegal_character":
        bag.add("PC204", f"`{field}` {error['msg']}", source.span(node_loc))
    elif kind == "string_unicode" and isinstance(error.get("input"), str) and (
            bad := _SURROGATE.search(error["input"])) is not None:
        bag.add("PC204", f"`{field}` contains U+{ord(bad.group()):04X} at character {bad.start() + 1}, {_CANNOT_STORE}",
                source.span(node_loc))
    else:
        span = source.span(node_loc)
        written = span.source_line[span.col - 1 : span.col - 1 + span.width] if span.source_line else None
        message, help_text = _reword(error, field, written, in_list=bool(node_loc) and isinstance(node_loc[-1], int))
        bag.add("PC203", message, span, help=help_text)


def _reword(error: Any, field: str, written: str | None, *, in_list: bool = False) -> tuple[str, str | None]:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    shown = _show(value)
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        # YAML turned 1.10 into 1.1 and 081302 into 81302: quote what was written, not what was parsed.
        return (f"`{field}` must be text, got the number {_show(written or value)}",
                f"Quote the value so YAML keeps it as written: '{written or value}'")
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # `- 负责: 审批` is a one-key mapping to YAML; the author meant the text.
        [(key, inner)] = value.items()
        text = f"{key}: {inner}" if isinstance(key, str) and isinstance(inner, str | int | float) else ""
        return f"`{field}` must be text, got a mapping", quote_help(text, "- " if in_list else f"{field}: ")
    if kind == "string_type":
        return f"`{field}` must be text, got {shown}", None
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        return (f"`{field}` must be one of {expected}, got {shown}",
                did_you_mean(str(value), options) if isinstance(value, str) else None)
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"`{field}` must be a date, got {shown}", "Write dates as YYYY-MM-DD, unquoted"
    if kind == "string_pattern_mismatch":
        return f"`{field}` has an invalid form: {shown}", _pattern_help(field)
    if kind in ("duration_type", "duration_format", "duration_too_long"):
        return f"`{field}`: {error['msg']}", "Examples: 30min, 2h, 24h, 3d, 10wd, 18mo, 3y, permanent"
    if kind in ("too_short", "string_too_short") and isinstance(value, list | dict | str):
        return f"`{field}` must not be empty", None
    if kind == "value_error":
        return f"`{field}`: {error['msg'].removeprefix('Value error, ')}", None
    return f"`{field}`: {error['msg'][0].lower()}{error['msg'][1:]}, got {shown}", None


def _pattern_help(field: str) -> str | None:
    if field in ("owner", "keeper", "department", "id"):
        return "Ids are lower-case words joined by '-', e.g. after-sales"
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return f"`{text[:40]}…`" if len(text) > 40 else f"`{text}`"


def _node_loc(loc: Loc, data: Any) -> Loc:
    """Drop pydantic's union/function labels so the loc addresses YAML nodes only.

    The loc is walked through the data: a part that is a key (or index) there is a node whatever its text,
    so a key such as `a[b` or `function-after` is kept; a part the data does not hold is a label when it
    reads like one (`list[str]`, `function-after[…]`), else a missing key.
    """
    out: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list | tuple) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, int) or not _is_label(part):
            node = None
        else:
            continue
        out.append(part)
    return tuple(out)


def _is_label(part: str) -> bool:
    return "[" in part or part in ("function-after", "function-before", "function-plain", "lax-or-strict")


def _field_name(loc: Loc) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "document"


def _missing_help(model: type[BaseModel], parent: Loc, field: str) -> str:
    where = "the document" if not parent else "this mapping"
    field_descriptions()  # read from the models' source only now, when a help line needs one
    info = _model_at(model, parent)
    described = info.model_fields.get(field) if info is not None else None
    about = f": {described.description.rstrip('.')}" if described is not None and described.description else ""
    return f"Add `{field}:` to {where}{about}"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model reached by walking ``loc`` through the annotations."""
    current = _model_at(model, loc)
    return list(current.model_fields) if current is not None else []


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model reached by walking ``loc`` through the annotations; None where it leads to no model."""
    current: Any = model
    in_dict = False
    for part in loc:
        if isinstance(part, int):
            continue
        if in_dict:  # this part is a user key of a dict field, e.g. an approval role
            in_dict = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        annotation = current.model_fields[part].annotation
        in_dict = typing.get_origin(annotation) is dict
        current = _inner_model(annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    if origin is dict:
        return _inner_model(typing.get_args(annotation)[1])
    return annotation
