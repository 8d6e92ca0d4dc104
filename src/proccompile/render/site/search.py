"""The offline search index: every document's number, title, status and words, for the site's search page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from proccompile.model import Corpus
from proccompile.model.display import actors_name, department_name, document_number, form_number, procedure_number
from proccompile.model.form import Form, FormField, FormSection
from proccompile.model.numbering import chapter_content
from proccompile.model.procedure import Procedure
from proccompile.render.site.links import Links
from proccompile.render.site.words import SITE_WORDS


def search_entries(corpus: Corpus, links: Links, label: Callable[[str], str]) -> list[dict[str, Any]]:
    """One entry per page. The search page inserts every value as text, never as HTML (static/search.js)."""
    def marked(status: str) -> str:
        if status == "pending":
            return SITE_WORDS[corpus.config.language]["pending"]
        return "" if status == "released" else label(f"stamp_{status}")

    entries = []
    for doc in corpus.procedures:
        p = doc.model
        entries.append(_entry(links.procedure_url(p.code), procedure_number(corpus, p), p.title, links.status(p),
                              marked, _procedure_words(corpus, p)))
    for form_doc in corpus.forms:
        f = form_doc.model
        entries.append(_entry(links.form_url(f.code), form_number(corpus, f), f.title, links.status(f), marked,
                              _form_words(f)))
    for other in corpus.documents():
        if other.kind in ("procedure", "form"):
            continue
        m = other.model
        contents = [chapter_content(m, spec) for spec in corpus.doctype(other.kind).chapters]
        entries.append(_entry(links.document_url(m.code), document_number(corpus, m), m.title, links.status(m), marked,
                              [m.code, *_texts(contents), *_texts(list(getattr(m, "chapters", [])))]))
    for dept in corpus.config.departments:
        entries.append(_entry(links.department_url(dept.id), "", department_name(corpus, dept.id), "released",
                              marked, [name for name in (dept.zh, dept.en, dept.id) if name]))
    return entries


def _entry(url: str, number: str, title: str, status: str, marked: Callable[[str], str],
           words: list[str]) -> dict[str, Any]:
    return {"url": url, "number": number, "title": title, "status": status, "mark": marked(status),
            "text": " ".join(w for w in words if w)}


def _procedure_words(corpus: Corpus, p: Procedure) -> list[str]:
    words = [p.code, p.purpose, p.scope]
    words += [f"{t.term} {t.definition}" for t in p.terms]
    for duty in p.responsibilities:
        words += [actors_name(corpus, duty.department), *duty.duties, *duty.authorities]
    for section in p.process:
        words += [section.title, section.intro or "", *(s.text for s in section.steps)]
    words += [f"{c.metric} {c.target or ''} {c.measured_by}" for c in p.commitments]
    return words


def _texts(value: object) -> list[str]:
    """Every text inside ``value`` (chapter contents: text, lists, entries), in order; file paths left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, BaseModel):
        return [text for name, item in value if name != "file" for text in _texts(item)]
    return []


def _form_words(f: Form) -> list[str]:
    """Everything a form page shows: its fields, options and values, every table with its groups and printed
    rows, every section, fixed text, signers and sign-offs."""
    words = [f.code, *_field_words(f.fields), *f.signoffs, *f.instructions, *f.paragraphs, *_signer_words(f)]
    for table in f.all_tables():
        words += [table.title or "", *(c.label for c in table.columns), *(g for c in table.columns for g in c.groups),
                  *(cell for row in table.listed for cell in row if cell)]
    for section in f.sections:
        words += [section.title or "", *_field_words(section.fields), *section.signoffs, *section.paragraphs,
                  *_signer_words(section)]
    return words


def _field_words(fields: list[FormField]) -> list[str]:
    return [word for field in fields for word in (field.label, *field.options, field.value or "")]


def _signer_words(block: Form | FormSection) -> list[str]:
    return [role for key, value in block.printed() if key == "signers" for role in value.roles]
