"""The static QMS site: one page per document of every type, per department, an index, offline search (jinja2)."""

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
from proccompile.load.paths import inside_project
from proccompile.model import Corpus
from proccompile.model.actors import departments_of
from proccompile.model.attachments import handling
from proccompile.model.clauses import clause_index
from proccompile.model.display import (
    LIST_SEPARATOR,
    company_name,
    date_text,
    document_number,
    duration_text,
    form_number,
    numbered,
    procedure_number,
    quoted,
    record_retention,
    time_limit_text,
)
from proccompile.model.form_tables import HeadingCell, heading_cells
from proccompile.model.numbering import chapter_content, chapter_plan, numbering_in
from proccompile.model.refs import file_refs, responsibilities
from proccompile.render.chapters import chapter_title
from proccompile.render.chapters.text import paragraphs
from proccompile.render.document_view import type_name
from proccompile.render.site.flowcharts import SiteCharts
from proccompile.render.site.links import Links
from proccompile.render.site.search import search_entries
from proccompile.render.site.words import SITE_WORDS

if TYPE_CHECKING:
    from pathlib import Path

    from proccompile.model.config import Department
    from proccompile.model.corpus import AnyDocument
    from proccompile.model.form import Form, FormTable
    from proccompile.views.wording import Texts

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

        self.corpus, self.pdf, self.root = corpus, pdf, project_root
        self.texts = texts = Texts(project_root, corpus.config.language, bag, limits=corpus.config.limits,
                                   clause_set=corpus.config.audit.clause_set)
        self.links = links = Links(corpus, today)
        # Every template is HTML: escaping is on for all of them, whatever their file names end with
        # (``*.html.j2`` is not among select_autoescape's extensions, which left every text unescaped).
        env = Environment(loader=PackageLoader("proccompile", "default_templates/site"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          finalize=_blank_for_none, bytecode_cache=_COMPILED)
        env.filters["lines"] = _lines
        env.tests["owned_by"] = lambda doc, owner: _owner_home(corpus, doc.model.owner) == owner
        language = corpus.config.language
        self.pictures = pictures = _pictures(corpus)
        charts = SiteCharts(corpus, texts)
        env.globals.update(
            label=texts.label, words=SITE_WORDS[language], links=links, company=company_name(corpus),
            language=language, date=date_text, letter=_letter,
            numbering=lambda document: numbering_in(corpus, document),
            quoted=lambda title: quoted(title, language), list_separator=LIST_SEPARATOR[language],
            numbered=lambda number, title: numbered(number, title, language),
            duration=lambda d: duration_text(d, language, texts.label("empty_cell")),
            limit=lambda step: time_limit_text(step, language, texts.label("empty_cell")),
            procedure_number=lambda p: procedure_number(corpus, p), form_number=lambda f: form_number(corpus, f),
            departments=corpus.config.departments, roles=corpus.config.approval_roles, form_heading=form_heading,
            owners=[*(d.id for d in corpus.config.departments), *(g.id for g in corpus.config.groups)],
            flowchart=charts.figures, attachment_charts=charts.attachments,
            retention=lambda entry: duration_text(record_retention(corpus, entry), corpus.config.language,
                                                  texts.label("empty_cell")),
            picture_url=lambda file: quote(pictures[file]) if file in pictures else "",
            **_document_globals(corpus, texts),
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
            "index.html": lambda: self._page("index.html", "index.html.j2", documents=corpus.by_type,
                                             all_documents=list(corpus.documents())),
            "search.html": lambda: self._page("search.html", "search.html.j2"),
            "departments/index.html": lambda: self._page("departments/index.html", "departments.html.j2"),
        }
        # Two documents whose codes give one address: the later one is the page (as `site` writes them in turn).
        for doc in corpus.documents():
            url = links.document_url(doc.model.code) if doc.kind != "form" else links.form_url(doc.model.code)
            makers[url] = partial(self._document, url, doc)
        for file, url in self.pictures.items():
            makers[url] = partial(self._picture, url, file)
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

    def _document(self, url: str, doc: AnyDocument) -> SitePage:
        corpus, model = self.corpus, doc.model
        doctype = corpus.doctype(doc.kind)
        if not doctype.chaptered:
            form: Form = model  # type: ignore[assignment]  # the one type that is not chaptered
            return self._page(url, "form.html.j2", f=form, files=self._downloads("form", model.code))
        return self._page(url, "document.html.j2", d=model, kind=doctype.id,
                          type_name=type_name(corpus, doctype.id, self.texts), n=numbering_in(corpus, model),
                          plan=chapter_plan(model, doctype.chapters), files=self._downloads(doctype.id, model.code))

    def _picture(self, url: str, file: str) -> SitePage:
        path = inside_project(self.root, file)
        assert path is not None  # check refused it otherwise (PC315, PC316)
        return SitePage(url, path.read_bytes())

    def _department(self, url: str, dept: Department) -> SitePage:
        corpus = self.corpus
        owned = [d.model for d in corpus.documents() if _owner_home(corpus, d.model.owner) == dept.id]
        duties = [(doc.model, duty) for doc in corpus.documents() for _, duty in responsibilities(doc.model)
                  if dept.id in departments_of(corpus.actors, duty.department)]
        return self._page(url, "department.html.j2", dept=dept, owned=owned, duties=duties)

    def _search_index(self) -> SitePage:
        index = json.dumps(search_entries(self.corpus, self.links, self.texts.label), ensure_ascii=False, indent=0,
                           sort_keys=True)
        return SitePage("assets/search-index.js", f"window.PROCCOMPILE_INDEX = {index};\n".encode())


def _owner_home(corpus: Corpus, owner: str) -> str:
    """Where a document is listed by owner: a role's documents under its department, else the owner itself."""
    actor = corpus.actors.get(owner)
    return actor.department if actor is not None and actor.kind == "role" and actor.department else owner


def _blank_for_none(value: Any) -> Any:
    """An absent optional value prints as nothing, never as the word None."""
    return "" if value is None else value


def _document_globals(corpus: Corpus, texts: Texts) -> dict[str, Any]:
    """What the pages of every document type need: numbers, chapter content, clause titles, the types."""
    clauses = clause_index(corpus.config.audit.clause_set)
    language = corpus.config.language
    return {
        "number": lambda d: document_number(corpus, d), "content": chapter_content,
        "company_of": lambda d: company_name(corpus, d),
        "chapter_title": lambda spec, content: chapter_title(texts.label, spec, content),
        "split_paragraphs": paragraphs, "exclusions": corpus.config.audit.exclusions,
        "clause_title": lambda number: clauses[number].title(language) if number in clauses else "",
        "doc_types": [{"id": t.id, "name": type_name(corpus, t.id, texts), "folder": t.folder}
                      for t in sorted(corpus.types, key=lambda t: t.level)],
    }


def _pictures(corpus: Corpus) -> dict[str, str]:
    """Every picture a chaptered document prints, by its project path: its address in the site (pictures/…, the
    project path kept). Read only when its page is asked for."""
    found: dict[str, str] = {}
    for doc in corpus.documents():
        if not corpus.doctype(doc.kind).chaptered:
            continue
        for ref in file_refs(doc.model):
            if handling(ref.target) == "embed" and ref.target not in found:
                parts = [part for part in PurePosixPath(ref.target).parts if part not in (".", "..", "/")]
                found[ref.target] = "pictures/" + "/".join(parts)
    return found


def _lines(text: str | None) -> Markup:
    """Text with its line breaks kept, escaped."""
    return Markup("<br>\n").join(escape(line) for line in (text or "").split("\n"))


def _letter(index: int) -> str:
    return ascii_lowercase[index] if index < 26 else _letter(index // 26 - 1) + ascii_lowercase[index % 26]
