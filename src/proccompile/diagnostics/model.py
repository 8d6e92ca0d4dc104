"""Span, Severity, Diagnostic and the Diagnostics collection every stage appends to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from proccompile.diagnostics.codes import CODES, Code, Severity


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a project file; line and col are 1-based, path is project-relative POSIX."""

    path: str
    line: int = 0
    col: int = 0
    source_line: str | None = None
    width: int = 1

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.col)


@dataclass(frozen=True, slots=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: Code
    message: str
    span: Span
    severity: Severity
    help: str | None = None
    related: tuple[Related, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (*self.span.sort_key, self.code.id, self.message)


@dataclass
class Diagnostics:
    """The findings of one run; severities can be overridden per code from the project config."""

    overrides: dict[str, Severity] = field(default_factory=dict)
    _items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        code_id: str,
        message: str,
        span: Span,
        *,
        help: str | None = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        code = CODES[code_id]
        severity = self.overrides.get(code_id, code.severity)
        if severity is Severity.IGNORE:
            return
        self._items.append(Diagnostic(code, message, span, severity, help or code.help, related))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self._items), key=lambda d: d.sort_key))

    def __len__(self) -> int:
        return len(set(self._items))

    def count(self, severity: Severity) -> int:
        return sum(1 for d in set(self._items) if d.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def fails(self, *, strict: bool) -> bool:
        return self.has_errors or (strict and self.count(Severity.WARNING) > 0)
