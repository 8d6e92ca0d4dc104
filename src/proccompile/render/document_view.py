"""The view-model of any chaptered document (procedure, manual, instruction …): cover, numbered chapters, page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from proccompile.model import Corpus
from proccompile.model.control import Approval
from proccompile.model.corpus import Document
from proccompile.model.display import company_name, date_text, document_number, name_in
from proccompile.model.document import ControlledDocument
from proccompile.model.numbering import chapter_content, chapter_plan, numbering
from proccompile.model.output_names import output_relpath
from proccompile.render.blocks import (
    NUMPAGES,
    PAGE,
    Block,
    Cell,
    CoreProps,
    DocView,
    Logo,
    PageBreak,
    PageView,
    Para,
    Table,
)
from proccompile.render.chapters import RENDERED_EMPTY, RENDERERS, SELF_HEADED, ChapterContext, chapter_title
from proccompile.render.page_marks import core_language, status_marks, withdrawal_text
from proccompile.views.wording import Texts

_REVISION_WIDTHS = (1.1, 1.5, 2.0, 8.7, 1.9)
_APPROVAL_LABEL_WIDTH = 1.6


def document_view(corpus: Corpus, doc: Document[ControlledDocument], texts: Texts, logo: Logo | None = None
                  ) -> DocView:
    p = doc.model
    doctype = corpus.doctype(doc.kind)
    label = texts.label
    language = corpus.config.language
    number = document_number(corpus, p)
    company = company_name(corpus, p)
    # A printed number that already holds the version ({code} Rev {version}) is not followed by it again.
    version = "" if "{version}" in doctype.display else p.version
    withdrawn = withdrawal_text(corpus, texts, p)  # on the cover; the footer has room for the date only
    marks = status_marks(texts, p.status, number, version, p.title,
                         withdrawn=withdrawal_text(corpus, texts, p, full=False))
    page = PageView(
        company=company,
        title=p.title,
        rows=((label("header_number"), number), *([(label("header_version"), version)] if version else []),
              (label("header_effective"), date_text(p.effective) or label("empty_cell")),
              (label("header_page"), texts.render("page_number", page=PAGE, pages=NUMPAGES))),
        stamp=marks.stamp, watermark=marks.watermark, footer=marks.footer, paper=p.page or corpus.config.page,
        logo=logo,
    )
    roles = corpus.config.approval_roles
    first = p.approvals.get(roles[0].id)
    clauses: list[str] = getattr(p, "iso_clauses", [])
    kind = type_name(corpus, doctype.id, texts)
    core = CoreProps(
        title=p.title, identifier=p.code, version=p.version, language=core_language(language),
        date=p.effective or p.issued or p.revisions[-1].date, author=(first.name if first else None) or company,
        category=kind, status=label(f"stamp_{p.status}"), subject=number,
        keywords=", ".join(clauses), revision=len(p.revisions),
    )
    blocks = [*_cover(corpus, p, kind, number, version, texts, withdrawn), PageBreak(),
              *_chapters(corpus, doc, texts)]
    relpath = output_relpath(doctype.id, p.code, p.version, p.title, folder=doctype.folder,
                             portable=corpus.config.output_names == "portable")
    return DocView(doctype.id, relpath, page, core, blocks)


def _chapters(corpus: Corpus, doc: Document[ControlledDocument], texts: Texts) -> Iterator[Block]:
    chapters = corpus.doctype(doc.kind).chapters
    ctx = ChapterContext(corpus, doc.model, texts, numbering(doc.model, chapters))
    front = False  # unnumbered chapters before the first numbered one: a manual's release statement, policy …
    for index, planned in enumerate(chapter_plan(doc.model, chapters)):
        spec = planned.spec
        content = chapter_content(doc.model, spec)
        if planned.number is None and index == 0:
            front = True
        elif front and planned.number is not None:
            yield PageBreak()  # the front matter stands on its own page(s), as in a printed manual
            front = False
        if spec.kind not in SELF_HEADED or not content:
            title = chapter_title(texts.label, spec, content)
            yield Para(title if planned.number is None else f"{planned.number} {title}", style="heading1")
        if not content and spec.kind not in RENDERED_EMPTY:
            yield ctx.none()
            continue
        yield from RENDERERS[spec.kind](ctx, spec.id, content)


def type_name(corpus: Corpus, type_id: str, texts: Texts) -> str:
    """The name of a document type as printed: the config's, else the wording's (程序文件, 质量手册 …)."""
    zh, en = corpus.doctype(type_id).names
    given = (zh or en) if corpus.config.language == "zh" else (en or zh)
    return given or texts.label(f"kind_{type_id}")


def _cover(corpus: Corpus, p: ControlledDocument, kind: str, number: str, version: str, texts: Texts,
           withdrawn: str | None) -> Iterator[Block]:
    label = texts.label
    language = corpus.config.language
    # 质量手册 over a manual titled 质量手册 would say the same twice; the line stays, empty, for the layout.
    yield Para(kind if kind != p.title else "", style="normal", align="center", space_before=36)
    yield Para(p.title, style="title")
    yield Para(f"{number}{label('gap')}{version}" if version else number, style="normal", align="center")
    roles = corpus.config.approval_roles
    names, titles, dates = [], [], []
    for role in roles:
        approval = p.approvals.get(role.id)
        # Signed by hand: the name cell stays blank for the signature on the printed copy; nothing is invented.
        names.append(Cell(approval.name or "" if approval else "", align="center"))
        titles.append(Cell(signer_title(corpus, approval) if approval else "", align="center"))
        dates.append(Cell(date_text(approval.date) if approval else "", align="center"))
    with_titles = any(a.title or a.role for a in p.approvals.values())
    yield Para("", style="normal", space_before=24)
    yield Table(
        widths=(_APPROVAL_LABEL_WIDTH, *[(16 - _APPROVAL_LABEL_WIDTH) / len(roles)] * len(roles)),
        rows=((Cell(label("approval_role"), heading=True),
               *[Cell(name_in(r, language), heading=True) for r in roles]),
              (Cell(label("approval_name"), shade=True, align="center"), *names),
              *([(Cell(label("approval_title"), shade=True, align="center"), *titles)] if with_titles else []),
              (Cell(label("approval_date"), shade=True, align="center"), *dates)),
        row_height=0.8,
    )
    blank = label("date_blank")
    # A project template may print fewer lines than the packaged one; missing parts stay empty.
    issued, effective = [*texts.lines("cover_dates", issued=date_text(p.issued) or blank,
                                      effective=date_text(p.effective) or blank), "", ""][:2]
    yield Para(f"{issued}\t{effective}", style="normal", space_before=12)
    if withdrawn:
        yield Para(withdrawn, style="normal", space_before=6)
    clauses: list[str] = getattr(p, "iso_clauses", [])
    if clauses:
        yield Para("、".join(clauses) if language == "zh" else ", ".join(clauses),
                   style="normal", lead=label("clauses"), space_before=6)
    if p.status == "released":
        yield Para(label("blank_line"), style="normal", lead=label("distribution"), space_before=6)
    yield Para(label("revisions"), style="heading1", align="center", space_before=24)
    yield Table(
        widths=_REVISION_WIDTHS,
        rows=(_heading_row(label, ("col_no", "rev_version", "rev_date", "rev_change", "rev_author")),
              *[(Cell(str(i), align="center"), Cell(r.version, align="center"), Cell(date_text(r.date), align="center"),
                 Cell(_change(r.change, r.request, label, language)), Cell(r.author, align="center"))
                for i, r in enumerate(p.revisions, 1)]),
    )


def _change(change: str, request: str | None, label: Callable[[str], str], language: str) -> str:
    """A revision's change, with the change request it answered."""
    if not request:
        return change
    return f"{change}（{label('rev_request')} {request}）" if language == "zh" else \
        f"{change} ({label('rev_request')} {request})"


def signer_title(corpus: Corpus, approval: Approval) -> str:
    """The job title under a signature: the config's role (质量经理), else the approval's own title."""
    actor = corpus.actors.get(approval.role) if approval.role else None
    return name_in(actor.names, corpus.config.language) if actor is not None else approval.title or ""


def _heading_row(label: Callable[[str], str], keys: tuple[str, ...]) -> tuple[Cell, ...]:
    return tuple(Cell(label(k), heading=True) for k in keys)
