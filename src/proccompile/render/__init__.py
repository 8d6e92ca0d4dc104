"""Render stage: the checked corpus as deterministic .docx bytes (python-docx, jinja2; never writes files)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from proccompile.audit.dates import newest_procedure_date
from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus

if TYPE_CHECKING:
    from proccompile.render.context import DocView

__all__ = ["RenderedFile", "render_corpus"]


@dataclass(frozen=True)
class RenderedFile:
    relpath: str  # POSIX path relative to the output dir, e.g. procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx
    data: bytes  # deterministic .docx bytes
    kind: str  # "procedure" | "form"
    code: str
    version: str
    title: str
    source: str  # project-relative source path
    source_sha256: str  # sha256 of the source text


def render_corpus(corpus: Corpus, project_root: Path, bag: Diagnostics,
                  progress: Callable[[str], None] | None = None) -> list[RenderedFile]:
    """Render every procedure and form; findings (PC5xx) go into ``bag``, nothing is raised for bad input.

    Returns the files sorted by ``relpath``. Wording comes from ``project_root/templates`` when a
    template is overridden there, styles from ``templates/reference.docx`` when present.
    """
    # Imported here: importing the package (e.g. for RenderedFile or a sibling module) must not cost
    # the ~50 ms python-docx and lxml take to load.
    from proccompile.render.base import load_base
    from proccompile.render.document import build_docx
    from proccompile.render.form import form_view
    from proccompile.render.procedure import procedure_view
    from proccompile.render.texts import Texts

    config = corpus.config
    texts = Texts(project_root, config.language, bag)
    base = load_base(project_root, config.company.zh if config.language == "zh" else config.company.en, bag)
    form_dates = _form_dates(corpus)
    jobs: list[tuple[DocView, object]] = []
    for procedure in corpus.procedures:
        jobs.append((procedure_view(corpus, procedure, texts), procedure))
    for form in corpus.forms:
        jobs.append((form_view(corpus, form, texts, form_dates.get(form.model.code, newest_procedure_date(corpus.procedures))), form))
    claimed: dict[str, tuple[str, str]] = {}
    rendered: list[RenderedFile] = []
    for view, doc in jobs:
        source = doc.source  # type: ignore[attr-defined]
        model = doc.model  # type: ignore[attr-defined]
        # Names are compared case-insensitively: Windows and macOS file systems fold case.
        other = claimed.setdefault(view.relpath.casefold(), (model.code, source.rel))
        if other != (model.code, source.rel):
            bag.add("PC503", f"`{model.code}` would be written to `{view.relpath}`, like `{other[0]}` from "
                    f"`{other[1]}`", doc.span("code"))  # type: ignore[attr-defined]
            continue
        data = build_docx(view, base)
        rendered.append(RenderedFile(
            relpath=view.relpath, data=data, kind=view.kind, code=model.code, version=model.version,
            title=model.title, source=source.rel,
            source_sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        ))
        if progress is not None:
            progress(view.relpath)
    return sorted(rendered, key=lambda f: f.relpath)


def _form_dates(corpus: Corpus) -> dict[str, dt.date]:
    """For each form, the newest date of the procedures that keep records on it, released ones first.

    Why: forms carry no dates of their own, and core properties must never come from the clock;
    a form is in force from when the procedure that uses it is.
    """
    dates: dict[str, tuple[bool, dt.date]] = {}
    for doc in corpus.procedures:
        p = doc.model
        when = (p.status == "released", p.effective or p.issued or p.revisions[-1].date)
        codes = {r.form for r in p.records} | {c for s in p.process for step in s.steps for c in step.records}
        for code in codes:
            if code not in dates or dates[code] < when:
                dates[code] = when
    return {code: when for code, (_, when) in dates.items()}
