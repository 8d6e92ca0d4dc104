"""Display strings shared by every output (Word, checklists, registers): printed numbers, names, retention."""

from __future__ import annotations

from proccompile.model.corpus import Corpus
from proccompile.model.form import Form
from proccompile.model.procedure import Procedure, RecordEntry
from proccompile.model.types import Duration
from proccompile.model.versions import edition_label


def procedure_number(corpus: Corpus, procedure: Procedure) -> str:
    pattern = corpus.config.numbering.procedure_display
    if "{year}" in pattern and procedure.issued is None:
        return procedure.code  # a draft has no issue year yet; a guessed year would mislead
    year = procedure.issued.year if procedure.issued else ""
    return pattern.format(code=procedure.code, year=year, version=procedure.version)


def form_number(corpus: Corpus, form: Form) -> str:
    edition = edition_label(form.version, corpus.config.versions)
    return corpus.config.numbering.form_display.format(code=form.code, edition=edition, version=form.version)


def form_number_of(corpus: Corpus, code: str) -> str:
    doc = corpus.form(code)
    return form_number(corpus, doc.model) if doc else code


def form_title_of(corpus: Corpus, code: str) -> str:
    doc = corpus.form(code)
    return doc.model.title if doc else code


def department_name(corpus: Corpus, dept_id: str) -> str:
    dept = corpus.config.department(dept_id)
    # Unknown ids cannot get here after validation; printing the id keeps a forced output readable.
    return (dept.zh if corpus.config.language == "zh" else dept.en) if dept else dept_id


def company_name(corpus: Corpus) -> str:
    names = corpus.config.company
    return names.zh if corpus.config.language == "zh" else names.en


def record_retention(corpus: Corpus, entry: RecordEntry) -> Duration | None:
    """How long a record is kept: its own retention, else its form's, else the project default."""
    form = corpus.form(entry.form)
    return entry.retention or (form.model.retention if form else None) or corpus.config.records.default_retention
