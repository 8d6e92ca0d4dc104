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
    if not item.procedure:  # a point-of-use item checks the current version of several procedures
        return f"{wording.join(list(item.procedures))} {where}"
    return f"{item.procedure} {where}"


def word_items(corpus: Corpus, items: list[Item], wording: Wording) -> list[Item]:
    """Each item with its question and expected evidence rendered from the templates."""
    return [word_item(corpus, item, wording) for item in items]


def word_item(corpus: Corpus, item: Item, wording: Wording) -> Item:
    language = corpus.config.language
    facts = dict(item.facts)
    for key in ("users", "support"):
        if key in facts:
            facts[key] = wording.join([department_name(corpus, d) for d in facts[key]])
    facts["performer"] = department_name(corpus, facts["performer"]) if facts.get("performer") else ""
    if "roles" in facts:
        facts["roles"] = [{"role": name_in(r, language), "name": a.name or "" if a else "",
                           "date": a.date.isoformat() if a and a.date else ""} for r, a in facts["roles"]]
    if "documents" in facts:
        listed = []
        for code, version in facts["documents"]:
            doc = corpus.procedure(code)
            assert doc is not None  # items are derived from the corpus
            listed.append({"code": code, "number": procedure_number(corpus, doc.model), "title": doc.model.title,
                           "version": version})
        facts["documents"] = listed
    doc = corpus.procedure(item.procedure) if item.procedure else None
    values = {
        **facts, "department": department_name(corpus, item.actor or item.department),
        "procedure": doc.model.code if doc else "", "number": procedure_number(corpus, doc.model) if doc else "",
        "title": doc.model.title if doc else "", "section": item.section, "criteria": criteria(item, wording),
        "status": item.status, "sampled": item.sampled,
        "forms": [{"code": f.code, "number": f.number, "title": f.title, "kind": f.kind, "period": f.period}
                  for f in item.forms],
    }
    question = wording.text(item.kind, **values)
    if item.status == "draft" and item.kind != "document_draft":  # a draft is audited for readiness, not conformity
        question = wording.label("draft_prefix") + question
    evidence = wording.text("evidence", kind=item.kind, default=wording.label(f"evidence_{item.kind}"), **{
        k: v for k, v in values.items() if k != "kind"})
    return replace(item, question=question, evidence=evidence)
