"""Span, Severity, Diagnostic, the Diagnostics collection every stage appends to, and the Report emitters format."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from proccompile.diagnostics.codes import CODES, Code, Severity


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a project file; line and col are 1-based, path is project-relative POSIX.

    end_line and end_col give the end where a stage knows it; end_col is exclusive, as SARIF's endColumn.
    """

    path: str
    line: int = 0
    col: int = 0
    source_line: str | None = None
    width: int = 1
    end_line: int | None = None
    end_col: int | None = None

    def __post_init__(self) -> None:
        if (self.end_line is None) != (self.end_col is None):
            raise ValueError("a span's end_line and end_col are given together or not at all")

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.col)

    @property
    def end(self) -> tuple[int, int] | None:
        """(line, exclusive column) where the span ends; None for a whole-file span without a line."""
        if not self.line:
            return None
        if self.end_line is not None and self.end_col is not None:
            return (self.end_line, self.end_col)
        # The same token width the caret under the source line shows.
        return (self.line, self.col + max(1, self.width))


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

    def restore(self, diagnostic: Diagnostic) -> None:
        """Add a finding recorded by an earlier run as it was (its severity already settled)."""
        self._items.append(diagnostic)

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


@dataclass(frozen=True, slots=True)
class Report:
    """What an emitter formats: the findings and the project-relative POSIX paths of every file checked.

    ``strict``: warnings fail the run too (`--strict`), so formats that count failures count them.
    """

    diagnostics: Diagnostics
    paths: tuple[str, ...]
    strict: bool = False

    @property
    def files(self) -> int:
        return len(self.paths)

    def fails(self, diagnostic: Diagnostic) -> bool:
        """Whether ``diagnostic`` fails the run: an error, or a warning under ``strict``."""
        return diagnostic.severity is Severity.ERROR or (self.strict and diagnostic.severity is Severity.WARNING)
