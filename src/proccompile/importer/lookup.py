"""What printed text means in one project: department names, printed codes, durations, dates and labels.

Codes are found with the project's numbering patterns on the same engine `check` uses (the `regex`
module, `\\d` as ASCII digits, a time limit), so a pattern check accepts (`\\p{Han}` …) works here too,
and one that backtracks catastrophically on some paragraph stops the import with a message instead of
hanging it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

import regex

from proccompile.diagnostics.usage import UsageError
from proccompile.importer.dates import DateOrder, FoundDate, find_date
from proccompile.importer.labels import ROLE_SYNONYMS, norm, squeeze
from proccompile.model.config import ProjectConfig
from proccompile.model.patterns import MATCH_SECONDS, numbering_regex

_UNITS = {
    "分钟": "min", "min": "min", "mins": "min", "minutes": "min", "minute": "min",
    "小时": "h", "h": "h", "hrs": "h", "hours": "h", "hour": "h",
    "个工作日": "wd", "工作日": "wd", "working days": "wd", "working day": "wd", "business days": "wd",
    "business day": "wd",
    "天": "d", "日": "d", "days": "d", "day": "d", "calendar days": "d",
    "周": "w", "个星期": "w", "星期": "w", "weeks": "w", "week": "w", "wks": "w",
    "个月": "mo", "月": "mo", "months": "mo", "month": "mo",
    "年": "y", "years": "y", "year": "y", "yrs": "y", "yr": "y",
}
_DURATION = re.compile(r"(\d+)\s*(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")",
                       re.IGNORECASE)
_PERMANENT = ("永久", "长期", "permanent", "permanently", "indefinite", "indefinitely", "life of product")
_WITHIN = re.compile(r"^(?:within|in|no later than|max\.?|maximum|不超过|在)\s*|\s*(?:以内|之内|内)$", re.IGNORECASE)
EMPTY = ("", "—", "-", "–", "/", "无", "None.", "None", "N/A", "n/a", "NA", "不适用")
# What a document code looks like in any house style: letters, then digits, dots, dashes and slashes.
_CODE_LIKE = re.compile(r"[A-Za-z][A-Za-z/]{0,7}[-_. /]?\w*\d[-\w./]*")
# Time all numbering-pattern searches of one document may take together: well inside the import's budget.
SEARCH_BUDGET_SECONDS = 5.0


def parse_duration(text: str) -> str | None:
    """A duration in the model's notation (3d, 24h, 5wd, 3y, permanent) when ``text`` is one, else None."""
    cleaned = _WITHIN.sub("", text.strip().strip("≤<").strip())
    if cleaned.casefold() in _PERMANENT:
        return "permanent"
    match = _DURATION.fullmatch(cleaned)
    return f"{int(match.group(1))}{_UNITS[match.group(2).lower()]}" if match else None


def looks_like_code(text: str) -> bool:
    """Whether ``text`` (a whole cell) is written as a document code, whatever the house pattern."""
    return _CODE_LIKE.fullmatch(text.strip().strip("()（）《》[]")) is not None


def _pattern_body(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


def _display_regex(display: str, code_pattern: str) -> regex.Pattern[str]:
    """A regex that finds a printed number made from ``display`` (e.g. {code}—{year}) and captures the code."""
    parts = re.split(r"(\{code\}|\{year\}|\{edition\}|\{version\})", display)
    fills = {"{code}": f"(?P<code>{_pattern_body(code_pattern)})", "{year}": r"\d{4}",
             "{edition}": r"[A-Z0-9]+", "{version}": r"\S+?"}
    return numbering_regex("".join(fills.get(p, regex.escape(p)) for p in parts))


@dataclass
class Lookup:
    config: ProjectConfig
    label: Callable[[str], str]
    date_order: DateOrder | None = None
    proposed: dict[str, str] = field(default_factory=dict)
    """Department names not in the config, as first written → the id proposed for them."""

    def __post_init__(self) -> None:
        numbering = self.config.numbering
        self.patterns = {"procedure": numbering.procedure, "form": numbering.form}
        self._regexes = {
            "procedure": [_display_regex(numbering.procedure_display, numbering.procedure),
                          numbering_regex(f"(?P<code>{_pattern_body(numbering.procedure)})")],
            "form": [_display_regex(numbering.form_display, numbering.form),
                     numbering_regex(f"(?P<code>{_pattern_body(numbering.form)})")],
        }
        self._searched = 0.0
        self._names: dict[str, str] = {}
        for d in self.config.departments:
            for name in (d.zh, d.en, d.id):
                if name:  # a project names departments in its own language only
                    self._names.setdefault(squeeze(name).lower(), d.id)
            # A role is printed with its department, 质量经理（质量部） or Quality Manager (Quality); groups by name.
            for job in d.roles:
                for name, home in ((job.zh, d.zh), (job.en, d.en)):
                    if name:
                        self._names.setdefault(squeeze(name).lower(), job.id)
                        if home:
                            self._names.setdefault(squeeze(f"{name}（{home}）").lower(), job.id)
                            self._names.setdefault(squeeze(f"{name} ({home})").lower(), job.id)
        for group in self.config.groups:
            for name in (group.zh, group.en, group.id):
                if name:
                    self._names.setdefault(squeeze(name).lower(), group.id)
        ids = {r.id for r in self.config.approval_roles}
        self.roles = {norm(name): r.id for r in self.config.approval_roles for name in (r.zh, r.en) if name}
        for role, words in ROLE_SYNONYMS.items():
            if role in ids:
                for word in words:
                    self.roles.setdefault(norm(word), role)
        # A role followed by a colon in running text; roles are kept without spaces, text may have any.
        spaced = (r"\s*".join(re.escape(ch) for ch in word) for word in sorted(self.roles, key=len, reverse=True))
        self.role_marks = re.compile(rf"(?i)(?<![\w])({'|'.join(spaced)})\s*[：:]")
        self._labels: dict[str, str] = {}

    def role(self, text: str) -> str | None:
        return self.roles.get(norm(text))

    def flat_label(self, key: str) -> str:
        """The project's label ``key`` as labels are compared (no spaces, case folded)."""
        if key not in self._labels:
            self._labels[key] = norm(self.label(key))
        return self._labels[key]

    def is_label(self, text: str, *keys: str) -> bool:
        flat = norm(text)
        return any(flat == self.flat_label(k) for k in keys)

    def date(self, text: str) -> FoundDate | None:
        return find_date(text, self.date_order)

    def department(self, name: str) -> str | None:
        return self._names.get(squeeze(name).lower().rstrip(":："))

    def department_or_proposed(self, name: str) -> str:
        """The config id of ``name``, or a new id proposed for it (listed so the user adds it to the config)."""
        found = self.department(name)
        if found:
            return found
        key = squeeze(name).lower()
        for written, dept_id in self.proposed.items():  # 仓储部 and 仓 储 部 are one department
            if squeeze(written).lower() == key:
                return dept_id
        # Proposed for the config as one line: a name a narrow cell broke onto two is still one name.
        lines = [line.strip() for line in name.strip().splitlines() if line.strip()]
        one_line = "".join(a + (" " if a[-1:].isascii() and b[:1].isascii() else "") for a, b in zip(
            lines, [*lines[1:], ""], strict=True)).strip()
        self.proposed[one_line] = dept_id = f"new-department-{len(self.proposed) + 1}"
        return dept_id

    def shared(self, name: str) -> list[str] | None:
        """The ids of a duty or step several actors share, written 销售部、国贸部 or Sales / Purchasing: every part a
        department, role or group of the config; None otherwise."""
        parts = [part for part in re.split(r"\s*[、/／,，]\s*", name.strip()) if part]
        found = [self.department(part) for part in parts]
        ids = [dept for dept in found if dept is not None]
        return list(dict.fromkeys(ids)) if len(parts) > 1 and len(ids) == len(parts) else None

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
        for pattern in self._regexes[kind]:
            for code in self._search(pattern, text, kind):
                if code not in found:
                    found.append(code)
            if found:
                break
        return found

    def printed_code(self, text: str, kind: str) -> str | None:
        """The code when ``text`` is nothing but a printed number (Q/FL2.0813—2020, or the bare code)."""
        found = self.codes_in(text, kind)
        if not found:
            return None
        flat = text.strip()
        for pattern in self._regexes[kind]:
            start = time.monotonic()
            try:
                match = pattern.fullmatch(flat, timeout=MATCH_SECONDS)
            except TimeoutError:
                self._too_slow(kind, text)
            self._searched += time.monotonic() - start
            if match is not None:
                return match.group("code")
        return None

    def _search(self, pattern: regex.Pattern[str], text: str, kind: str) -> list[str]:
        codes, pos = [], 0
        start = time.monotonic()
        try:
            while pos <= len(text):  # each match moves on by at least one character
                match = pattern.search(text, pos, timeout=MATCH_SECONDS)
                if match is None:
                    break
                codes.append(match.group("code"))
                pos = max(match.end(), match.start() + 1)
        except TimeoutError:
            self._too_slow(kind, text)
        self._searched += time.monotonic() - start
        if self._searched > SEARCH_BUDGET_SECONDS:
            self._too_slow(kind, text)
        return codes

    def _too_slow(self, kind: str, text: str) -> NoReturn:
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise UsageError(f"proccompile.yaml: numbering.{kind} `{self.patterns[kind]}` takes too long to search "
                         f"the text `{shown}`; it backtracks catastrophically",
                         help="Simplify the pattern (no nested repetition such as (a|aa)+ or (\\d+)+)")

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
