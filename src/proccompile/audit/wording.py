"""Checklist wording from sandboxed jinja2 templates: the project's templates/checklist/ first, packaged ones second."""

from __future__ import annotations

import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader, StrictUndefined
from jinja2.exceptions import TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from proccompile.audit.items import Item
from proccompile.model.display import department_name, procedure_number
from proccompile.diagnostics import Diagnostics, Span
from proccompile.model import Corpus
from proccompile.paths import inside_project

_PACKAGED = "default"
_PACKAGE_DIR = Path(__file__).parent.parent / "default_templates"


class Wording:
    """Questions, expected evidence and labels in the project's language.

    Same rules as the Word output's templates (render/texts.py): a project file with the same name
    replaces a packaged one, a project ``labels.j2`` only needs the labels it changes, and a broken
    project template is reported as PC501 (so nothing is written) while the packaged wording is used.
    """

    def __init__(self, project_root: Path, language: str, bag: Diagnostics) -> None:
        self.root = project_root
        self.project_dir = project_root / "templates"
        self.folder = f"checklist/{language}"
        self.language = language
        self.bag = bag
        packaged = PackageLoader("proccompile", "default_templates")
        self.env = SandboxedEnvironment(
            loader=ChoiceLoader([FileSystemLoader(self.project_dir), PrefixLoader({_PACKAGED: packaged})]),
            undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
        )
        self.labels = self._load_labels()

    def label(self, key: str) -> str:
        return self.labels[key]

    def join(self, parts: list[str]) -> str:
        return self.labels["list_separator"].join(parts)

    def text(self, name: str, **values: Any) -> str:
        """Template ``checklist/<language>/<name>.j2`` rendered and folded onto one line."""
        path = f"{self.folder}/{name}.j2"
        if self._is_project(path):
            out = self._try(path, lambda: self.env.get_template(path).render(**values))
            if out is not None:
                return self._fold(out)
        out = self._try(f"{_PACKAGED}/{path}", lambda: self.env.get_template(f"{_PACKAGED}/{path}").render(**values))
        return self._fold(out or "")

    def _fold(self, text: str) -> str:
        # Templates may wrap long sentences; a checklist cell is one paragraph. Chinese has no spaces.
        glue = "" if self.language == "zh" else " "
        return glue.join(line.strip() for line in text.splitlines() if line.strip())

    def _load_labels(self) -> dict[str, str]:
        path = f"{self.folder}/labels.j2"
        labels = self._module(f"{_PACKAGED}/{path}") or {}
        if self._is_project(path):
            for key, value in (self._module(path) or {}).items():
                if key in labels:
                    labels[key] = value
                else:
                    self._report(path, f"`{key}` is not a checklist label", None, fell_back=False)
        return labels

    def _module(self, path: str) -> dict[str, str] | None:
        def load() -> dict[str, str]:
            module = self.env.get_template(path).make_module()
            return {k: str(v) for k, v in vars(module).items() if not k.startswith("_")}

        return self._try(path, load)

    def _try(self, path: str, action):  # type: ignore[no-untyped-def]
        try:
            return action()
        except TemplateSyntaxError as exc:
            self._report(path, f"Template syntax error: {exc.message}", exc.lineno)
        except TemplateNotFound as exc:
            self._report(path, f"Template `{exc.name}` does not exist", 1)
        except Exception as exc:  # noqa: BLE001 - a broken template must not crash the run
            file = self._file(path)
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == file]
            self._report(path, f"Template failed: {exc}", frames[-1].lineno if frames else None)
        return None

    def _is_project(self, path: str) -> bool:
        if not (self.project_dir / path).is_file():
            return False
        if inside_project(self.root, f"templates/{path}") is None:
            # As for the Word templates: a link pointing outside the project could read any file into the output.
            self.bag.add("PC316", f"Template `templates/{path}` links outside the project folder",
                         Span(f"templates/{path}", 1, 1))
            return False
        return True

    def _file(self, path: str) -> Path:
        if path.startswith(f"{_PACKAGED}/"):
            return _PACKAGE_DIR / path.removeprefix(f"{_PACKAGED}/")
        return self.project_dir / path

    def _report(self, path: str, message: str, line: int | None, fell_back: bool = True) -> None:
        file = self._file(path)
        shown = (f"proccompile/default_templates/{path.removeprefix(_PACKAGED + '/')}"
                 if path.startswith(f"{_PACKAGED}/") else f"templates/{path}")
        source_line = None
        if line and file.is_file():
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
            source_line = lines[line - 1] if 0 < line <= len(lines) else None
        note = "; the packaged wording was used instead" if fell_back and not path.startswith(_PACKAGED) else ""
        self.bag.add("PC501", message + note, Span(shown, line or 1, 1, source_line, 1))


def criteria(item: Item, wording: Wording) -> str:
    """Procedure code and printed section, e.g. `Q/FL2.0813 §5.3.2`; the cover for document control."""
    where = f"§{item.section}" if item.section else wording.label("cover_section")
    return f"{item.procedure} {where}"


def word_items(corpus: Corpus, items: list[Item], wording: Wording) -> list[Item]:
    """Each item with its question and expected evidence rendered from the templates."""
    worded = []
    for item in items:
        doc = corpus.procedure(item.procedure)
        assert doc is not None  # items are derived from the corpus
        p = doc.model
        facts = dict(item.facts)
        if "users" in facts:
            facts["users"] = wording.join([department_name(corpus, d) for d in facts["users"]])
        if "roles" in facts:
            facts["roles"] = [{"role": r.zh if corpus.config.language == "zh" else r.en,
                               "name": a.name if a else "", "date": a.date.isoformat() if a and a.date else ""}
                              for r, a in facts["roles"]]
        values = {
            **facts, "department": department_name(corpus, item.department), "procedure": p.code,
            "number": procedure_number(corpus, p), "title": p.title, "section": item.section,
            "criteria": criteria(item, wording), "sample": item.sample,
            "forms": [{"code": f.code, "number": f.number, "title": f.title} for f in item.forms],
        }
        question = wording.text(item.kind, **values)
        evidence = wording.text("evidence", kind=item.kind, default=wording.label(f"evidence_{item.kind}"), **{
            k: v for k, v in values.items() if k != "kind"})
        worded.append(replace(item, question=question, evidence=evidence))
    return worded
