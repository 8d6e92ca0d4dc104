"""Bounds on project templates: every file they include stays in the project; rendering is limited in time and size."""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from jinja2.exceptions import SecurityError, TemplateError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from proccompile.load.paths import Refusal, Refused, exists, refusal

# Defaults of the `limits:` block of proccompile.yaml (model/config.py documents them).
TEMPLATE_SECONDS = 5.0
TEMPLATE_OUTPUT_CHARS = 200_000
MAX_TEMPLATE_BYTES = 1_000_000


class TemplateRefused(TemplateError):
    """A template (or a file it includes, extends or imports) may not be read."""

    def __init__(self, name: str, refused: Refused) -> None:
        super().__init__(f"`templates/{name}` {refused.reason}")
        self.name, self.refused = name, refused


class TemplateTooExpensive(TemplateError):
    """Rendering ran past the time limit or produced more text than allowed."""


class ProjectTemplateLoader(FileSystemLoader):
    """The project's templates/ folder; a file that is a link out of the project, a device, a pipe or a
    folder is refused, whether it is rendered directly or reached by include, extends or import."""

    def __init__(self, project_root: Path) -> None:
        super().__init__(project_root / "templates")
        self.root = project_root
        self.folder = project_root / "templates"

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not exists(path):
            raise TemplateNotFound(template)
        refused = refusal(self.root, path)
        if refused is None and path.stat().st_size > MAX_TEMPLATE_BYTES:
            refused = Refused(Refusal.UNREADABLE, f"larger than {MAX_TEMPLATE_BYTES:,} bytes")
        if refused is not None:
            raise TemplateRefused(template, refused)
        return super().get_source(environment, template)


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with `*` and `**` refused when their result would be huge: `{{ "x" * 10**10 }}`
    would otherwise exhaust memory before any time limit fires."""

    intercepted_binops = frozenset({"*", "**"})
    max_items = 1_000_000

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("exponents above 64 are not allowed in templates")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > self.max_items:
                    raise SecurityError(f"a repeated text or list longer than {self.max_items:,} items")
        return super().call_binop(context, operator, left, right)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TemplateTooExpensive in the block after ``seconds`` of wall time.

    A timer signal can only interrupt the main thread; elsewhere (a worker thread) the block runs
    unbounded in time, but the output-size and operator limits still hold.
    """
    if threading.current_thread() is not threading.main_thread() or not math.isfinite(seconds):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TemplateTooExpensive(f"rendering took longer than {seconds:g} s (limits.template_seconds)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bounded_output(text: str, limit: int) -> str:
    if len(text) > limit:
        raise TemplateTooExpensive(f"the output is {len(text):,} characters; the limit is {limit:,} "
                                   "(limits.template_output_chars)")
    return text
