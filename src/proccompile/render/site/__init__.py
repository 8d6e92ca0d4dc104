"""The static QMS site: one page per procedure, form and department, an index, offline search (jinja2)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.display import (
    LIST_SEPARATOR,
    company_name,
    date_text,
    duration_text,
    form_number,
    numbered,
    procedure_number,
    quoted,
    record_retention,
    time_limit_text,
)
from proccompile.model.form_tables import HeadingCell, heading_cells
from proccompile.model.numbering import numbering
from proccompile.render.site.links import Links
from proccompile.render.site.search import search_entries
from proccompile.render.site.words import SITE_WORDS

if TYPE_CHECKING:
    from pathlib import Path

    from proccompile.model.form import Form, FormTable
    from proccompile.model.procedure import Procedure
    from proccompile.render import RenderedFile

_STATIC = ("site.css", "search.js")


def form_heading(table: FormTable) -> list[list[HeadingCell]]:
    """A form table's heading rows for HTML: group headings over their columns (colspan, rowspan)."""
    cells = heading_cells(table, [c.label for c in table.columns])
    return [[c for c in cells if c.row == row] for row in range(max(c.row + c.rows for c in cells))]


@dataclass(frozen=True)
class SitePage:
    relpath: str
    data: bytes


def render_site(corpus: Corpus, project_root: Path, bag: Diagnostics, documents: list[RenderedFile],
                *, pdf: bool = False, today: dt.date | None = None) -> list[SitePage]:
    """Every page and asset of the site, sorted by path; ``documents`` are the built .docx files it links to,
    at their place in the site (files/…). Versions whose effective date is after ``today`` are marked."""
    from proccompile.views.wording import Texts

    texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits)
    links = Links(corpus, today)
    # Every template is HTML: escaping is on for all of them, whatever their file names end with (``*.html.j2``
    # is not among select_autoescape's extensions, which left every title, name and text unescaped).
    env = Environment(loader=PackageLoader("proccompile", "default_templates/site"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=_blank_for_none)
    env.filters["lines"] = _lines
    language = corpus.config.language
    env.globals.update(
        label=texts.label, words=SITE_WORDS[language], links=links, company=company_name(corpus),
        language=language, date=date_text, numbering=numbering, letter=_letter,
        quoted=lambda title: quoted(title, language), list_separator=LIST_SEPARATOR[language],
        numbered=lambda number, title: numbered(number, title, language),
        duration=lambda d: duration_text(d, language, texts.label("empty_cell")),
        limit=lambda step: time_limit_text(step, language, texts.label("empty_cell")),
        procedure_number=lambda p: procedure_number(corpus, p), form_number=lambda f: form_number(corpus, f),
        departments=corpus.config.departments, roles=corpus.config.approval_roles, form_heading=form_heading,
        retention=lambda entry: duration_text(record_retention(corpus, entry), corpus.config.language,
                                              texts.label("empty_cell")),
    )
    files = {(f.kind, f.code): f.relpath for f in documents}

    def page(relpath: str, template: str, **values: Any) -> SitePage:
        depth = len(PurePosixPath(relpath).parts) - 1
        html = env.get_template(template).render(root="../" * depth, **values)
        return SitePage(relpath, html.encode("utf-8"))

    def downloads(kind: str, code: str) -> list[dict[str, str]]:
        docx = files.get((kind, code))
        if docx is None:
            return []
        # File names carry titles, so spaces and CJK are percent-encoded in links.
        found = [{"label": "Word (.docx)", "url": quote(docx)}]
        if pdf:
            found.append({"label": "PDF", "url": quote("files/pdf/" + docx.removeprefix("files/")
                                                       .removesuffix(".docx") + ".pdf")})
        return found

    pages = [page("index.html", "index.html.j2", procedures=corpus.procedures, forms=corpus.forms),
             page("search.html", "search.html.j2"),
             page("departments/index.html", "departments.html.j2")]
    for doc in corpus.procedures:
        pages.append(page(links.procedure_url(doc.model.code), "procedure.html.j2", p=doc.model,
                          n=numbering(doc.model), files=downloads("procedure", doc.model.code)))
    for form_doc in corpus.forms:
        pages.append(page(links.form_url(form_doc.model.code), "form.html.j2", f=form_doc.model,
                          files=downloads("form", form_doc.model.code)))
    for dept in corpus.config.departments:
        owned: list[Procedure | Form] = [d.model for d in corpus.procedures if d.model.owner == dept.id]
        owned += [d.model for d in corpus.forms if d.model.owner == dept.id]
        duties = [(doc.model, duty) for doc in corpus.procedures for duty in doc.model.responsibilities
                  if duty.department == dept.id]
        pages.append(page(links.department_url(dept.id), "department.html.j2", dept=dept, owned=owned,
                          duties=duties))
    index = json.dumps(search_entries(corpus, links, texts.label), ensure_ascii=False, indent=0, sort_keys=True)
    pages.append(SitePage("assets/search-index.js", f"window.PROCCOMPILE_INDEX = {index};\n".encode()))
    static = resources.files("proccompile") / "default_templates" / "site" / "static"
    pages += [SitePage(f"assets/{name}", (static / name).read_bytes()) for name in _STATIC]
    return sorted(pages, key=lambda p: p.relpath)


def _blank_for_none(value: Any) -> Any:
    """An absent optional value prints as nothing, never as the word None."""
    return "" if value is None else value


def _lines(text: str | None) -> Markup:
    """Text with its line breaks kept, escaped."""
    return Markup("<br>\n").join(escape(line) for line in (text or "").split("\n"))


def _letter(index: int) -> str:
    return ascii_lowercase[index] if index < 26 else _letter(index // 26 - 1) + ascii_lowercase[index % 26]
