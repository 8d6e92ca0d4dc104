"""Field types shared by procedures, forms and the config: XML-safe text, durations, ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

# XML 1.0 Char production: anything outside it cannot be stored in a .docx part.
XML_ILLEGAL = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    bad = XML_ILLEGAL.search(value)
    if bad:
        raise PydanticCustomError(
            "illegal_character",
            "contains {char} at character {position}, which Word documents cannot store",
            {"char": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1},
        )
    return value


Text = Annotated[str, AfterValidator(xml_safe), Field(min_length=1)]
"""Non-empty text that can be written into a Word document."""

DocCode = Annotated[str, AfterValidator(xml_safe), Field(min_length=1, pattern=r"^\S(.*\S)?$")]
"""A procedure, form or external document code, e.g. Q/FL2.0813 or Q/JL081301."""

DEPT_ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
DeptId = Annotated[str, Field(pattern=DEPT_ID_PATTERN)]
"""A department id as the project config defines it, e.g. sales or after-sales."""

DeptRef = Annotated[str, AfterValidator(xml_safe), Field(min_length=1),
                    WithJsonSchema({"pattern": DEPT_ID_PATTERN, "type": "string"})]
"""A department id used by a document or the audit plan. Any text is read, so a slip such as `Production`
does not stop the rest of the file from being checked; `check` reports an id the config does not define
(PC304) with the nearest one. Editors still get the id pattern from the JSON Schema."""

# Latin letters and CJK ideographs as explicit ranges rather than \w, which editors' JSON-schema engines read
# as ASCII only: Python, pydantic and the editor then accept the same ids.
StepId = Annotated[str, Field(pattern="^[A-Za-z\u3400-\u9fff][A-Za-z0-9_\u3400-\u9fff-]*$", max_length=40)]
"""A step's name for flow references: letters, digits, `_` and `-`, starting with a letter, e.g. grade or 判定."""

Version = Annotated[str, AfterValidator(xml_safe), Field(min_length=1)]
"""A version in the project's scheme, e.g. A/0 or 1.0; always quote numeric versions."""

Clause = Annotated[str, Field(pattern=r"^\d+(\.\d+)*$")]
"""A clause number of ISO 9001:2015 or IATF 16949:2016 (audit.clause_set), e.g. 8.5.5 or 8.5.1.1."""

Paper = Literal["A4", "Letter"]
"""Paper size of printed documents: A4 (210 × 297 mm) or US Letter (8.5 × 11 in)."""


_UNITS = {"min": 1 / 60, "h": 1, "d": 24, "wd": 24, "w": 24 * 7, "mo": 24 * 30, "y": 24 * 365}
_UNIT_NAMES = {
    "zh": {"min": "分钟", "h": "小时", "d": "天", "wd": "个工作日", "w": "周", "mo": "个月", "y": "年"},
    "en": {"min": "min", "h": "h", "d": "days", "wd": "working days", "w": "weeks", "mo": "months", "y": "years"},
}
DURATION_PATTERN = r"^(\d+)\s*(min|h|d|wd|w|mo|y)$|^permanent$"
_MAX_HOURS = 100 * 365 * 24  # nothing kept or allowed is longer; bigger numbers overflow date arithmetic
_DURATION_RE = re.compile(DURATION_PATTERN)


@dataclass(frozen=True, slots=True)
class Duration:
    """A time limit or retention period: 30min, 2h, 24h, 3d, 10wd, 2w, 18mo, 3y, or permanent."""

    amount: int
    unit: str

    @property
    def hours(self) -> float:
        return float("inf") if self.unit == "permanent" else self.amount * _UNITS[self.unit]

    def __str__(self) -> str:
        return "permanent" if self.unit == "permanent" else f"{self.amount}{self.unit}"

    def display(self, language: str) -> str:
        if self.unit == "permanent":
            return "永久" if language == "zh" else "permanent"
        name = _UNIT_NAMES[language][self.unit]
        if language == "en" and self.amount == 1:
            name = name.removesuffix("s")  # 1 day, 1 working day, 1 week
        if language == "zh":
            return f"{self.amount} {name}" if self.unit in ("min", "h") else f"{self.amount}{name}"
        return f"{self.amount} {name}"


def parse_duration(value: Any) -> Any:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "duration_type", "Expected a duration such as 2h, 24h, 3d or 3y, got {value!r}", {"value": value}
        )
    match = _DURATION_RE.match(value.strip())
    if not match:
        raise PydanticCustomError(
            "duration_format",
            "`{value}` is not a duration; write a whole number and a unit: min, h, d, wd, w, mo or y",
            {"value": value},
        )
    if value.strip() == "permanent":
        return Duration(0, "permanent")
    duration = Duration(int(match.group(1)), match.group(2))
    if duration.hours > _MAX_HOURS:
        raise PydanticCustomError(
            "duration_too_long", "`{value}` is longer than 100 years; write `permanent` instead", {"value": value}
        )
    return duration


DurationField = Annotated[
    Duration,
    BeforeValidator(parse_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["2h", "24h", "3d", "3y"]}),
]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _as_written(value: tuple[str, ...]) -> str | list[str]:
    return value[0] if len(value) == 1 else list(value)


Actors = Annotated[
    tuple[DeptRef, ...],
    BeforeValidator(_one_or_many),
    Field(min_length=1, max_length=20),
    PlainSerializer(_as_written),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": DEPT_ID_PATTERN},
                              {"type": "array", "items": {"type": "string", "pattern": DEPT_ID_PATTERN},
                               "minItems": 1}]}),
]
"""One department, role or group id, or a list of them for a duty or step several share, e.g. `sales` or
`[sales, intl-trade]`; kept as a tuple."""
