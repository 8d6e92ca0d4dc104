"""What printed text means in one project: department names, printed codes, durations, dates and labels."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from proccompile.model.config import ProjectConfig

_SPACE = re.compile(r"[\s\u3000]+")
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_UNITS = {
    "分钟": "min", "min": "min", "minutes": "min", "minute": "min",
    "小时": "h", "h": "h", "hours": "h", "hour": "h",
    "个工作日": "wd", "工作日": "wd", "working days": "wd", "working day": "wd",
    "天": "d", "日": "d", "days": "d", "day": "d",
    "周": "w", "个星期": "w", "星期": "w", "weeks": "w", "week": "w",
    "个月": "mo", "月": "mo", "months": "mo", "month": "mo",
    "年": "y", "years": "y", "year": "y",
}
_DURATION = re.compile(r"(\d+)\s*(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")")
_PERMANENT = ("永久", "长期", "permanent")
EMPTY = ("", "—", "-", "/", "无", "None.", "None", "N/A")


def squeeze(text: str) -> str:
    """Text without any spaces, for comparing labels such as 版　　本 and 版本."""
    return _SPACE.sub("", text)


def parse_date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_duration(text: str) -> str | None:
    """A duration in the model's notation (3d, 24h, 5wd, 3y, permanent) when ``text`` is one, else None."""
    cleaned = text.strip().strip("≤<")
    if any(cleaned == word for word in _PERMANENT):
        return "permanent"
    match = _DURATION.fullmatch(cleaned.strip())
    return f"{int(match.group(1))}{_UNITS[match.group(2)]}" if match else None


def _pattern_body(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


def _display_regex(display: str, code_pattern: str) -> re.Pattern[str]:
    """A regex that finds a printed number made from ``display`` (e.g. {code}—{year}) and captures the code."""
    parts = re.split(r"(\{code\}|\{year\}|\{edition\}|\{version\})", display)
    fills = {"{code}": f"(?P<code>{_pattern_body(code_pattern)})", "{year}": r"\d{4}",
             "{edition}": r"[A-Z0-9]+", "{version}": r"\S+?"}
    return re.compile("".join(fills.get(p, re.escape(p)) for p in parts))


@dataclass
class Lookup:
    config: ProjectConfig
    label: Callable[[str], str]
    proposed: dict[str, str] = field(default_factory=dict)
    """Department names not in the config → the id proposed for them."""

    def __post_init__(self) -> None:
        numbering = self.config.numbering
        self._procedure = [_display_regex(numbering.procedure_display, numbering.procedure),
                           re.compile(f"(?P<code>{_pattern_body(numbering.procedure)})")]
        self._form = [_display_regex(numbering.form_display, numbering.form),
                      re.compile(f"(?P<code>{_pattern_body(numbering.form)})")]
        self._names: dict[str, str] = {}
        for d in self.config.departments:
            for name in (d.zh, d.en, d.id):
                if name:  # a project names departments in its own language only
                    self._names.setdefault(squeeze(name).lower(), d.id)
        self.roles = {squeeze(name): r.id for r in self.config.approval_roles for name in (r.zh, r.en) if name}

    def is_label(self, text: str, *keys: str) -> bool:
        return squeeze(text).lower().rstrip(":：") in {squeeze(self.label(k)).lower().rstrip(":：") for k in keys}

    def department(self, name: str) -> str | None:
        return self._names.get(squeeze(name).lower().rstrip(":："))

    def department_or_proposed(self, name: str) -> str:
        """The config id of ``name``, or a new id proposed for it (listed so the user adds it to the config)."""
        found = self.department(name)
        if found:
            return found
        key = squeeze(name)
        if key not in self.proposed:
            self.proposed[key] = f"new-department-{len(self.proposed) + 1}"
        return self.proposed[key]

    def departments_in(self, text: str) -> list[str]:
        """Ids of the known departments named in ``text``, in the order they first appear."""
        flat = squeeze(text).lower()
        hits = sorted((flat.find(name), -len(name), dept) for name, dept in self._names.items()
                      if len(name) > 1 and name in flat)
        ordered: list[str] = []
        for _, _, dept in hits:
            if dept not in ordered:
                ordered.append(dept)
        return ordered

    def codes_in(self, text: str, kind: str) -> list[str]:
        """Form or procedure codes cited in ``text`` (printed numbers or bare codes), in order, once each."""
        found: list[str] = []
        for regex in self._form if kind == "form" else self._procedure:
            for match in regex.finditer(text):
                if match.group("code") not in found:
                    found.append(match.group("code"))
            if found:
                break
        return found

    def document_code(self, citation: str) -> str | None:
        """The code of a cited procedure or registered external document, or None when it is neither."""
        procedures = self.codes_in(citation, "procedure")
        if procedures:
            return procedures[0]
        head = citation.split("《")[0].strip()
        externals = sorted(self.config.external_documents, key=lambda d: len(d.code), reverse=True)
        for doc in externals:
            if head == doc.code or citation.strip() == doc.code or citation.startswith(doc.code + "《"):
                return doc.code
            if head.startswith(doc.code):
                return doc.code
        return None
