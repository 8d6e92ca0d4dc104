"""Fixed wording from jinja2 templates: project templates/ first, packaged defaults second; errors become findings."""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader, StrictUndefined
from jinja2.exceptions import TemplateNotFound, TemplateSyntaxError

from proccompile.diagnostics import Diagnostics, Span
from proccompile.load.paths import Refusal, exists, refusal
from proccompile.model.clauses import CLAUSE_SET_NAMES
from proccompile.model.config import Limits
from proccompile.model.types import XML_ILLEGAL
from proccompile.views.template_guard import (
    BoundedSandbox,
    ProjectTemplateLoader,
    TemplateRefused,
    TemplateTooExpensive,
    bounded_output,
    time_limit,
)

T = TypeVar("T")
_PACKAGED = "default"  # prefix under which the packaged templates stay reachable from project templates


class Texts:
    """Labels and wording fragments in one language for one project.

    A project overrides a packaged template by placing a file with the same name under its
    ``templates/`` folder; a project ``labels.j2`` only needs the labels it changes. Any template
    problem is reported as PC501 and the packaged wording is used instead, so the build never crashes.
    """

    def __init__(self, project_root: Path, language: str, bag: Diagnostics, folder: str | None = None,
                 limits: Limits | None = None, clause_set: str = "iso9001") -> None:
        self.root = project_root
        # Labels may name the standard the project audits against (cover, coverage title, audit objective).
        self.context = {"clause_set_id": clause_set, "clause_set": CLAUSE_SET_NAMES.get(clause_set, clause_set)}
        self.project_dir = project_root / "templates"
        self.language = language
        self.folder = folder or language  # e.g. "zh" for documents, "checklist/zh" for checklists
        self.bag = bag
        self.limits = limits or Limits()
        packaged = PackageLoader("proccompile", "default_templates")
        self.env = BoundedSandbox(
            loader=ChoiceLoader([ProjectTemplateLoader(project_root), PrefixLoader({_PACKAGED: packaged}), packaged]),
            undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
            # One run reads each template once; re-checking its file on every render cost more than rendering.
            auto_reload=False,
        )
        self._overrides: dict[str, bool] = {}
        self._broken: set[str] = set()
        # limits.template_seconds bounds all project templates of this run together, not each render: a 0.4 s
        # footer must not make a thousand documents take 400 s.
        self._spent = 0.0
        self._out_of_time = False
        self.labels = self._load_labels()

    # --- public -----------------------------------------------------------------------------

    def label(self, key: str) -> str:
        return self.labels[key]

    def render(self, name: str, **values: Any) -> str:
        """The fragment ``<folder>/<name>.j2`` rendered with ``values``, stripped."""
        path = f"{self.folder}/{name}.j2"
        if path not in self._broken and self._is_project(path):
            text = self._try(path, lambda: self._bounded(self.env.get_template(path).render(**values)))
            if text is not None:
                return self._clean(path, text).strip()
            self._broken.add(path)
        text = self._try(f"{_PACKAGED}/{path}", lambda: self.env.get_template(f"{_PACKAGED}/{path}").render(**values))
        return self._clean(path, text or "").strip()

    def lines(self, name: str, **values: Any) -> list[str]:
        """The fragment rendered, one output string per non-empty line."""
        return [line.strip() for line in self.render(name, **values).splitlines() if line.strip()]

    # --- loading ----------------------------------------------------------------------------

    def _load_labels(self) -> dict[str, str]:
        path = f"{self.folder}/labels.j2"
        labels = self._module(f"{_PACKAGED}/{path}") or {}
        if self._is_project(path):
            override = self._module(path)
            for key, value in (override or {}).items():
                if key not in labels:
                    known = ", ".join(f"`{k}`" for k in sorted(labels))
                    self._report(path, f"`{key}` is not a label", self._line_of(path, key),
                                 help=f"Use one of the packaged labels: {known}")
                    continue
                labels[key] = value
        return labels

    def _module(self, path: str) -> dict[str, str] | None:
        def load() -> dict[str, str]:
            module = self.env.get_template(path).make_module(vars=self.context)
            return {k: self._bounded(str(v)) for k, v in vars(module).items() if not k.startswith("_")}

        values = self._try(path, load)
        return {k: self._clean(path, v) for k, v in values.items()} if values is not None else None

    def _bounded(self, text: str) -> str:
        return bounded_output(text, self.limits.template_output_chars)

    def _try(self, path: str, action: Callable[[], T]) -> T | None:
        project = not path.startswith(f"{_PACKAGED}/")
        seconds = self.limits.template_seconds
        if project:
            seconds -= self._spent
            if seconds <= 0:
                self._exhausted(path)
                return None
        started = time.monotonic()
        try:
            with time_limit(seconds):
                return action()
        except TemplateTooExpensive as exc:
            if project and self._spent > 0 and self._spent + time.monotonic() - started >= self.limits.template_seconds:
                self._exhausted(path)  # the run's budget ran out during this render, not this render alone
            else:
                self._report(path, f"Template failed: {exc}", self._error_line(path, exc))
        except TemplateRefused as exc:
            if exc.refused.kind is Refusal.OUTSIDE:
                # A linked template pointing outside the project could read any file into a document.
                shown = f"templates/{exc.name}"
                self.bag.add("PC316", f"Template `{shown}` links outside the project folder", Span(shown, 1, 1))
            else:
                self._report(path, f"Template {exc.message}", 1)
        except TemplateSyntaxError as exc:
            self._report(path, f"Template syntax error: {exc.message}", exc.lineno)
        except TemplateNotFound as exc:
            self._report(path, f"Template `{exc.name}` does not exist", 1)
        except Exception as exc:  # noqa: BLE001 - a broken template must not crash the build
            self._report(path, f"Template failed: {exc}", self._error_line(path, exc))
        finally:
            if project:
                self._spent += time.monotonic() - started
        return None

    def _exhausted(self, path: str) -> None:
        """Project templates have used up this run's time: reported once, at the template that crossed the line."""
        if not self._out_of_time:
            self._out_of_time = True
            self._report(path, f"Project templates took longer than {self.limits.template_seconds:g} s in total "
                         "(limits.template_seconds); this and every later render uses the packaged wording", None,
                         help="Simplify the template; loops over large ranges or deep includes cost time on "
                              "every document")

    # --- findings ---------------------------------------------------------------------------

    def _is_project(self, path: str) -> bool:
        """Whether the project overrides template ``path``; one that may not be read is a finding."""
        known = self._overrides.get(path)
        if known is None:  # asked once per rendered fragment: the file system is asked once per path
            known = self._overrides[path] = self._judge_project(path)
        return known

    def _judge_project(self, path: str) -> bool:
        file = self.project_dir / path
        if not exists(file):
            return False
        refused = refusal(self.root, file)
        if refused is None:
            return True
        shown = f"templates/{path}"
        if refused.kind is Refusal.OUTSIDE:
            # A linked template pointing outside the project could read any file into a document.
            self.bag.add("PC316", f"Template `{shown}` links outside the project folder", Span(shown, 1, 1))
        else:
            self.bag.add("PC501", f"Template `{shown}` {refused.reason}", Span(shown, 1, 1),
                         help="Make it a plain text file inside templates/, or delete it to use the packaged wording")
        return False

    def _display_path(self, path: str) -> tuple[str, Path | None]:
        if path.startswith(f"{_PACKAGED}/"):
            inner = path.removeprefix(f"{_PACKAGED}/")
            return f"proccompile/default_templates/{inner}", Path(__file__).parent.parent / "default_templates" / inner
        return f"templates/{path}", self.project_dir / path

    def _report(self, path: str, message: str, line: int | None, help: str | None = None) -> None:
        shown, file = self._display_path(path)
        source_line = None
        if file is not None and line and (path.startswith(f"{_PACKAGED}/") or refusal(self.root, file) is None):
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            source_line = lines[line - 1] if 0 < line <= len(lines) else None
        self.bag.add("PC501", message.rstrip("."), Span(shown, line or 1, 1, source_line, 1), help=help)

    def _error_line(self, path: str, exc: BaseException) -> int | None:
        # jinja rewrites tracebacks so template frames carry the template's file name and line.
        _, file = self._display_path(path)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if file and Path(f.filename) == file]
        return frames[-1].lineno if frames else None

    def _line_of(self, path: str, key: str) -> int | None:
        _, file = self._display_path(path)
        if file is None or refusal(self.root, file) is not None:
            return None
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(rf"\bset\s+{re.escape(key)}\b", line):
                return number
        return None

    def _clean(self, path: str, text: str) -> str:
        bad = XML_ILLEGAL.search(text)
        if bad is None:
            return text
        self._report(path, f"Template output contains U+{ord(bad.group()):04X}, which Word documents cannot store; "
                     "it was removed", None)
        return XML_ILLEGAL.sub("", text)
