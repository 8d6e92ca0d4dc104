"""The static QMS site: one page per procedure, form and department, an index, offline search (jinja2)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import PurePosixPath
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache
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
from proccompile.render.site.flowcharts import SiteCharts
from proccompile.render.site.links import Links
from proccompile.render.site.search import search_entries
from proccompile.render.site.words import SITE_WORDS

if TYPE_CHECKING:
    from pathlib import Path

    from proccompile.model.config import Department
    from proccompile.model.form import Form, FormTable
    from proccompile.model.procedure import Procedure

_STATIC = ("site.css", "search.js")


def form_heading(table: FormTable) -> list[list[HeadingCell]]:
    """A form table's heading rows for HTML: group headings over their columns (colspan, rowspan)."""
    cells = heading_cells(table, [c.label for c in table.columns])
    return [[c for c in cells if c.row == row] for row in range(max(c.row + c.rows for c in cells))]


@dataclass(frozen=True)
class SitePage:
    relpath: str
    data: bytes


class _Compiled(BytecodeCache):
    """The packaged templates compiled once per process (by name and source checksum), not once per site:
    `serve` makes a site after every edit, and compiling the templates costs more than rendering a page."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


class Linked(Protocol):
    """What a page needs of a built document to link to it: which document, and its path in the site."""

    @property
    def kind(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def relpath(self) -> str: ...


def render_site(corpus: Corpus, project_root: Path, bag: Diagnostics, documents: Sequence[Linked],
                *, pdf: bool = False, today: dt.date | None = None) -> list[SitePage]:
    """Every page and asset of the site, sorted by path; ``documents`` are the built .docx files it links to,
    at their place in the site (files/…). Versions whose effective date is after ``today`` are marked."""
    return SiteRenderer(corpus, project_root, bag, documents, pdf=pdf, today=today).pages()


class SiteRenderer:
    """The site of one corpus, page by page: ``page(relpath)`` renders one page (or asset) on its own, and
    ``pages()`` all of them, as ``site`` writes them."""

    def __init__(self, corpus: Corpus, project_root: Path, bag: Diagnostics, documents: Sequence[Linked],
                 *, pdf: bool = False, today: dt.date | None = None) -> None:
        from proccompile.views.wording import Texts

        self.corpus, self.pdf = corpus, pdf
        self.texts = texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits)
        self.links = links = Links(corpus, today)
        # Every template is HTML: escaping is on for all of them, whatever their file names end with
        # (``*.html.j2`` is not among select_autoescape's extensions, which left every text unescaped).
        env = Environment(loader=PackageLoader("proccompile", "default_templates/site"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          finalize=_blank_for_none, bytecode_cache=_COMPILED)
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
            flowchart=SiteCharts(corpus, texts).figures,
            retention=lambda entry: duration_text(record_retention(corpus, entry), corpus.config.language,
                                                  texts.label("empty_cell")),
        )
        self.env = env
        self.files = {(f.kind, f.code): f.relpath for f in documents}
        self._makers = self._index()

    def paths(self) -> list[str]:
        """Every page and asset, sorted."""
        return sorted(self._makers)

    def page(self, relpath: str) -> SitePage | None:
        """One page or asset of the site, or None when the site has none at ``relpath``."""
        make = self._makers.get(relpath)
        return None if make is None else make()

    def pages(self) -> list[SitePage]:
        return [self._makers[relpath]() for relpath in self.paths()]

    def _index(self) -> dict[str, Callable[[], SitePage]]:
        corpus, links = self.corpus, self.links
        makers: dict[str, Callable[[], SitePage]] = {
            "index.html": lambda: self._page("index.html", "index.html.j2", procedures=corpus.procedures,
                                             forms=corpus.forms),
            "search.html": lambda: self._page("search.html", "search.html.j2"),
            "departments/index.html": lambda: self._page("departments/index.html", "departments.html.j2"),
        }
        # Two documents whose codes give one address: the later one is the page (as `site` writes them in turn).
        for doc in corpus.procedures:
            url = links.procedure_url(doc.model.code)
            makers[url] = partial(self._procedure, url, doc.model)
        for form_doc in corpus.forms:
            url = links.form_url(form_doc.model.code)
            makers[url] = partial(self._form, url, form_doc.model)
        for dept in corpus.config.departments:
            url = links.department_url(dept.id)
            makers[url] = partial(self._department, url, dept)
        makers["assets/search-index.js"] = self._search_index
        static = resources.files("proccompile") / "default_templates" / "site" / "static"
        for name in _STATIC:
            makers[f"assets/{name}"] = partial(lambda name: SitePage(f"assets/{name}", (static / name).read_bytes()),
                                               name)
        return makers

    def _page(self, relpath: str, template: str, **values: Any) -> SitePage:
        depth = len(PurePosixPath(relpath).parts) - 1
        html = self.env.get_template(template).render(root="../" * depth, **values)
        return SitePage(relpath, html.encode("utf-8"))

    def _downloads(self, kind: str, code: str) -> list[dict[str, str]]:
        docx = self.files.get((kind, code))
        if docx is None:
            return []
        # File names carry titles, so spaces and CJK are percent-encoded in links.
        found = [{"label": "Word (.docx)", "url": quote(docx)}]
        if self.pdf:
            found.append({"label": "PDF", "url": quote("files/pdf/" + docx.removeprefix("files/")
                                                       .removesuffix(".docx") + ".pdf")})
        return found

    def _procedure(self, url: str, procedure: Procedure) -> SitePage:
        return self._page(url, "procedure.html.j2", p=procedure, n=numbering(procedure),
                          files=self._downloads("procedure", procedure.code))

    def _form(self, url: str, form: Form) -> SitePage:
        return self._page(url, "form.html.j2", f=form, files=self._downloads("form", form.code))

    def _department(self, url: str, dept: Department) -> SitePage:
        corpus = self.corpus
        owned: list[Procedure | Form] = [d.model for d in corpus.procedures if d.model.owner == dept.id]
        owned += [d.model for d in corpus.forms if d.model.owner == dept.id]
        duties = [(doc.model, duty) for doc in corpus.procedures for duty in doc.model.responsibilities
                  if duty.department == dept.id]
        return self._page(url, "department.html.j2", dept=dept, owned=owned, duties=duties)

    def _search_index(self) -> SitePage:
        index = json.dumps(search_entries(self.corpus, self.links, self.texts.label), ensure_ascii=False, indent=0,
                           sort_keys=True)
        return SitePage("assets/search-index.js", f"window.PROCCOMPILE_INDEX = {index};\n".encode())


def _blank_for_none(value: Any) -> Any:
    """An absent optional value prints as nothing, never as the word None."""
    return "" if value is None else value


def _lines(text: str | None) -> Markup:
    """Text with its line breaks kept, escaped."""
    return Markup("<br>\n").join(escape(line) for line in (text or "").split("\n"))


def _letter(index: int) -> str:
    return ascii_lowercase[index] if index < 26 else _letter(index // 26 - 1) + ascii_lowercase[index % 26]
