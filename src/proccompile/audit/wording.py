"""Checklist wording from sandboxed jinja2 templates: the project's templates/checklist/ first, packaged ones second."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from proccompile.audit.items import Item
from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.config import Limits
from proccompile.model.display import department_name, name_in, procedure_number
from proccompile.views.wording import Texts


class Wording(Texts):
    """Questions, expected evidence and labels in the project's language, from ``checklist/<language>/``.

    The same loading rules as the Word output's wording: a project file with the same name replaces
    a packaged one, a project ``labels.j2`` only needs the labels it changes, and a broken or
    escaping project template is a finding (PC501, PC316), so nothing is written.
    """

    def __init__(self, project_root: Path, language: str, bag: Diagnostics, limits: Limits | None = None,
                 clause_set: str = "iso9001") -> None:
        super().__init__(project_root, language, bag, folder=f"checklist/{language}", limits=limits,
                         clause_set=clause_set)

    def join(self, parts: list[str]) -> str:
        return self.labels["list_separator"].join(parts)

    def text(self, name: str, **values: Any) -> str:
        """Template ``checklist/<language>/<name>.j2`` rendered and folded onto one line."""
        # Templates may wrap long sentences; a checklist cell is one paragraph. Chinese has no spaces.
        glue = "" if self.language == "zh" else " "
        return glue.join(self.lines(name, **values))


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
        for key in ("users", "support"):
            if key in facts:
                facts[key] = wording.join([department_name(corpus, d) for d in facts[key]])
        if "roles" in facts:
            facts["roles"] = [{"role": name_in(r, corpus.config.language),
                               "name": a.name or "" if a else "", "date": a.date.isoformat() if a and a.date else ""}
                              for r, a in facts["roles"]]
        values = {
            **facts, "department": department_name(corpus, item.actor or item.department), "procedure": p.code,
            "number": procedure_number(corpus, p), "title": p.title, "section": item.section,
            "criteria": criteria(item, wording), "sample": item.sample,
            "forms": [{"code": f.code, "number": f.number, "title": f.title, "kind": f.kind} for f in item.forms],
        }
        question = wording.text(item.kind, **values)
        evidence = wording.text("evidence", kind=item.kind, default=wording.label(f"evidence_{item.kind}"), **{
            k: v for k, v in values.items() if k != "kind"})
        worded.append(replace(item, question=question, evidence=evidence))
    return worded
