"""Display strings shared by every output (Word, checklists, registers): printed numbers, names, citations, dates."""

from __future__ import annotations

import datetime as dt

from proccompile.model.corpus import Corpus
from proccompile.model.document import ControlledDocument
from proccompile.model.form import Form
from proccompile.model.named import Named
from proccompile.model.procedure import Procedure, RecordEntry, Step
from proccompile.model.retention import Retention
from proccompile.model.versions import edition_label


def document_number(corpus: Corpus, document: ControlledDocument) -> str:
    """The number as printed, from the type's display pattern: Q/FL2.0813—2020, Q/JL081301-C."""
    pattern = corpus.doctype(document.KIND).display
    if "{year}" in pattern and document.issued is None:
        return document.code  # a draft has no issue year yet; a guessed year would mislead
    year = document.issued.year if document.issued else ""
    edition = edition_label(document.version, corpus.config.versions) if "{edition}" in pattern else ""
    return pattern.format(code=document.code, year=year, edition=edition, version=document.version)


def procedure_number(corpus: Corpus, procedure: Procedure) -> str:
    return document_number(corpus, procedure)


def form_number(corpus: Corpus, form: Form) -> str:
    return document_number(corpus, form)


def form_number_of(corpus: Corpus, code: str) -> str:
    doc = corpus.form(code)
    return form_number(corpus, doc.model) if doc else code


def form_title_of(corpus: Corpus, code: str) -> str:
    doc = corpus.form(code)
    return doc.model.title if doc else code


# How a document title is set off in running text: 《title》 in Chinese, “title” in English.
QUOTES = {"zh": ("《", "》"), "en": ("\u201c", "\u201d")}
# Between items of an inline list (related documents of a step, storage places).
LIST_SEPARATOR = {"zh": "；", "en": "; "}


def quoted(title: str, language: str) -> str:
    left, right = QUOTES[language]
    return f"{left}{title}{right}"


def numbered(number: str, title: str, language: str) -> str:
    """A number followed by its quoted title: Q/FL2.0813《顾客服务控制程序》, or Q/FL2.0813 “Customer Service”."""
    return number + ("" if language == "zh" else " ") + quoted(title, language)


def name_in(names: Named, language: str) -> str:
    """The name in ``language``; the other one stands in when a project leaves it out (check allows that only
    for the language the project does not print)."""
    first, second = (names.zh, names.en) if language == "zh" else (names.en, names.zh)
    return first or second or ""


def department_name(corpus: Corpus, dept_id: str, *, break_before: str = "") -> str:
    """The printed name of a department, a role (with its department: 质量经理（质控部）) or a group;
    ``break_before`` goes between a role and its department (a line break in a narrow table cell)."""
    language = corpus.config.language
    actor = corpus.actors.get(dept_id)
    # Unknown ids cannot get here after validation; printing the id keeps a forced output readable.
    if actor is None:
        return dept_id
    name = name_in(actor.names, language)
    if actor.kind == "role" and actor.department is not None:
        home = department_name(corpus, actor.department)
        return f"{name}{break_before}（{home}）" if language == "zh" else f"{name}{break_before or ' '}({home})"
    return name


def actors_name(corpus: Corpus, actor_ids: tuple[str, ...] | list[str]) -> str:
    """Several actors as one printed name: 销售部、国贸部 or Sales, International Trade."""
    return ("、" if corpus.config.language == "zh" else ", ").join(department_name(corpus, a) for a in actor_ids)


def company_name(corpus: Corpus, document: ControlledDocument | None = None) -> str:
    """The company a document belongs to (its `company`, else the project's), or the project's."""
    named = document.company if document is not None else None
    entity = next((c for c in corpus.config.companies if c.id == named), None) if named else None
    return name_in(entity or corpus.config.company, corpus.config.language)


def record_retention(corpus: Corpus, entry: RecordEntry) -> Retention | None:
    """How long a record is kept: its own retention, else its form's, else the project default."""
    form = corpus.form(entry.form) if entry.form is not None else None
    return entry.retention or (form.model.retention if form else None) or corpus.config.records.default_retention


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def duration_text(value: Retention | None, language: str, empty: str) -> str:
    return value.display(language) if value else empty


def time_limit_text(step: Step, language: str, empty: str = "") -> str:
    """A step's time limit with its anchor event: 收到投诉后 24 小时, 内审前 2 周, 2 weeks before the audit."""
    if step.time_limit is None:
        return empty
    limit = step.time_limit.display(language)
    if step.anchor is None:
        return limit
    if language == "zh":
        return f"{step.anchor}{'前' if step.before else '后'} {limit}"
    return f"{limit} {'before' if step.before else 'after'} {step.anchor}"


def document_citation(corpus: Corpus, code: str) -> str:
    """A related document as cited in text: number and quoted title, from the corpus or the external list."""
    document = corpus.procedure(code) or corpus.document(code)
    if document is not None and document.kind != "form":
        return numbered(document_number(corpus, document.model), document.model.title, corpus.config.language)
    external = next((d for d in corpus.config.external_documents if d.code == code), None)
    if external is not None:
        return code if external.title == code else numbered(code, external.title, corpus.config.language)
    return code


def form_title_number(corpus: Corpus, code: str) -> tuple[str, str] | None:
    """The title and printed number of form ``code``; None when the corpus has no such form."""
    form = corpus.form(code)
    return (form.model.title, form_number(corpus, form.model)) if form else None


def record_citation(corpus: Corpus, code: str) -> str:
    """A record as cited in text: 《title》 and the printed form number."""
    found = form_title_number(corpus, code)
    if not found:
        return code
    separator = "" if corpus.config.language == "zh" else " "
    return quoted(found[0], corpus.config.language) + separator + found[1]
