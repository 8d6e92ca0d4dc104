"""How long a record is kept: a duration from the record's completion, or a rule counted from an event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from proccompile.model.types import DURATION_PATTERN, XML_ILLEGAL, Duration, parse_duration


@dataclass(frozen=True, slots=True)
class EventRetention:
    """Kept until an event the config declares (`records.retention_events`), and ``plus`` after it: e.g.
    `{after: 停产, plus: 1y}` (IATF 16949 7.5.3.2.1: active part life plus one calendar year)."""

    after: str
    plus: Duration | None = None

    unit = "event"

    @property
    def hours(self) -> float:
        """At least this long from the record's completion: the event may come at once."""
        return self.plus.hours if self.plus is not None else 0.0

    def __str__(self) -> str:
        return f"{self.plus} after {self.after}" if self.plus is not None else f"until {self.after}"

    def display(self, language: str) -> str:
        if language == "zh":
            return f"{self.after}后{self.plus.display('zh')}" if self.plus is not None else f"保存至{self.after}"
        return f"{self.plus.display('en')} after {self.after}" if self.plus is not None else f"until {self.after}"


Retention = Duration | EventRetention


def _parse_retention(value: Any) -> Any:
    if isinstance(value, Duration | EventRetention):
        return value
    if not isinstance(value, dict):
        return parse_duration(value)
    unknown = [key for key in value if key not in ("after", "plus")]
    if unknown:
        raise PydanticCustomError("retention_keys", "A retention rule takes `after` and `plus`, not `{key}`",
                                  {"key": str(unknown[0])})
    after = value.get("after")
    if not isinstance(after, str) or not after.strip():
        raise PydanticCustomError("retention_event", "A retention rule needs `after`: the event retention counts "
                                                     "from, as `records.retention_events` names it", {})
    bad = XML_ILLEGAL.search(after)
    if bad:
        raise PydanticCustomError("illegal_character", "contains {char}, which Word documents cannot store",
                                  {"char": f"U+{ord(bad.group()):04X}"})
    plus = value.get("plus")
    return EventRetention(after.strip(), None if plus is None else parse_duration(plus))


def _as_written(value: Retention) -> Any:
    if isinstance(value, EventRetention):
        return {"after": value.after, **({"plus": str(value.plus)} if value.plus is not None else {})}
    return str(value)


RetentionField = Annotated[
    Duration | EventRetention,
    BeforeValidator(_parse_retention),
    PlainSerializer(_as_written),
    WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": DURATION_PATTERN, "examples": ["3y", "permanent"]},
        {"type": "object", "properties": {
            "after": {"type": "string", "description": "Event declared under records.retention_events"},
            "plus": {"type": "string", "pattern": DURATION_PATTERN}},
         "required": ["after"], "additionalProperties": False},
    ]}),
]
"""A duration (3y, permanent), or `{after: EVENT, plus: DURATION}` counted from an event the config declares."""
