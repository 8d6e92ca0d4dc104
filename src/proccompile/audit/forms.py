"""The project's own forms for the records of the audit cycle (audit.forms): each sheet is printed as that form."""

from __future__ import annotations

from proccompile.model import Corpus
from proccompile.model.display import form_number
from proccompile.views.tables import FormIdentity

RECORDS = ("programme", "plan", "checklist", "report", "nc_report", "nc_log", "attendance")


def identity(corpus: Corpus, number: str, title: str, version: str) -> FormIdentity:
    # A house style that prints the version in the number (`{code} {version}`) must not get it a second time.
    shown = "" if version and version in number else version
    return FormIdentity(number, title, shown)


def sheet_form(corpus: Corpus, record: str, default_title: str) -> FormIdentity | None:
    """The form the sheet of ``record`` (one of RECORDS, or ``registers``) is printed as: the project's form with
    that code, with its title and version; the configured code and version when the project has no such file
    (checklist_form, register_form); None when the config names no form for it."""
    audit = corpus.config.audit
    if record == "registers":
        configured = audit.register_form
    elif record == "checklist":
        configured = audit.checklist_form
    else:
        configured = None
    code = getattr(audit.forms, record, None) if record in RECORDS else None
    if code is None and configured is not None:
        code = configured.code
    if code is None:
        return None
    doc = corpus.form(code)
    if doc is not None:
        return identity(corpus, form_number(corpus, doc.model), doc.model.title, doc.model.version)
    version = configured.version if configured is not None and configured.code == code else None
    return identity(corpus, code, default_title, version or "")
