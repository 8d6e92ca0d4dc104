"""Project templates rendered at check time, with every document's values, so that a broken one is a finding of
`check` (PC501) rather than of the build or the site that follows it."""

from __future__ import annotations

from pathlib import Path

from proccompile.diagnostics import Diagnostics
from proccompile.load.paths import exists
from proccompile.model import Corpus
from proccompile.model.dates import form_dates, newest_procedure_date
from proccompile.model.display import company_name


def overridden_folders(project_root: Path, language: str) -> list[str]:
    """The wording folders (``zh``, ``checklist/zh``) in which the project has templates of its own."""
    folders = []
    for folder in (language, f"checklist/{language}"):
        found = project_root / "templates" / folder
        if found.is_dir() and any(found.glob("*.j2")):
            folders.append(folder)
    return folders


def check_templates(corpus: Corpus, project_root: Path, bag: Diagnostics) -> None:
    """Compute every document's view as the build does, which renders each project template of the document
    wording with the values it will get; load the checklist labels and prepare the reference document as the
    build does. Problems go into ``bag`` as PC501, PC502 and PC316."""
    from proccompile.render.views import view_of
    from proccompile.views.wording import Texts

    language, limits = corpus.config.language, corpus.config.limits
    if exists(project_root / "templates" / "reference.docx"):
        from proccompile.render.reference_document import load_base  # python-docx: only when there is one

        load_base(project_root, company_name(corpus), bag, limits.reference_docx_bytes, language=language)
    folders = overridden_folders(project_root, language)
    if f"checklist/{language}" in folders:
        Texts(project_root, language, bag, folder=f"checklist/{language}", limits=limits,
              clause_set=corpus.config.audit.clause_set)
    if language not in folders:
        return
    texts = Texts(project_root, language, bag, limits=limits, clause_set=corpus.config.audit.clause_set)
    dates = form_dates(corpus)
    fallback = newest_procedure_date(corpus.procedures)
    for doc in corpus.documents():
        # With the project's wording a one-page form may hold fewer rows than with the packaged one: PC510.
        view_of(corpus, doc, texts, dates.get(doc.model.code, fallback), bag=bag)
