"""The view-model of a procedure (程序文件): cover, numbered sections and tables, page furniture."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from string import ascii_lowercase

from proccompile.load.paths import inside_project
from proccompile.model import Corpus
from proccompile.model.attachments import handling
from proccompile.model.corpus import Document
from proccompile.model.display import (
    LIST_SEPARATOR,
    QUOTES,
    company_name,
    date_text,
    department_name,
    document_citation,
    duration_text,
    form_title_number,
    name_in,
    procedure_number,
    record_citation,
    record_retention,
    time_limit_text,
)
from proccompile.model.numbering import Numbering, numbering
from proccompile.model.output_names import output_relpath
from proccompile.model.procedure import Attachment, Procedure, Step, StepTable
from proccompile.render.blocks import (
    NUMPAGES,
    PAGE,
    PART,
    PARTS,
    Block,
    Cell,
    CoreProps,
    DocView,
    Flowchart,
    Image,
    Logo,
    PageBreak,
    PageView,
    Para,
    Table,
)
from proccompile.render.flowchart.plan import Placed, planned_charts
from proccompile.render.page_marks import core_language, status_marks, withdrawal_text
from proccompile.views.wording import Texts

# Relative column widths: the builder sizes columns to their text and shares out what is left by these.
_PROCESS_WIDTHS = (1.3, 6.9, 2.0, 1.8, 3.8)
_COMMITMENT_WIDTHS = (1.1, 2.4, 2.6, 4.8, 2.0, 3.3)
_RECORD_WIDTHS = (1.1, 3.4, 2.8, 2.1, 1.8, 4.8)
_REVISION_WIDTHS = (1.1, 1.5, 2.0, 8.7, 1.9)
_APPROVAL_LABEL_WIDTH = 1.6


def procedure_view(corpus: Corpus, doc: Document[Procedure], texts: Texts, logo: Logo | None = None) -> DocView:
    p = doc.model
    label = texts.label
    language = corpus.config.language
    number = procedure_number(corpus, p)
    company = company_name(corpus)
    # A printed number that already holds the version ({code} Rev {version}) is not followed by it again.
    version = "" if "{version}" in corpus.config.numbering.procedure_display else p.version
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
    core = CoreProps(
        title=p.title, identifier=p.code, version=p.version, language=core_language(language),
        date=p.effective or p.issued or p.revisions[-1].date, author=first.name if first else company,
        category=label("kind_procedure"), status=label(f"stamp_{p.status}"), subject=number,
        keywords=", ".join(p.iso_clauses), revision=len(p.revisions),
    )
    blocks = [*_cover(corpus, p, number, texts, withdrawn), PageBreak(), *_Sections(corpus, p, texts).all()]
    relpath = output_relpath("procedure", p.code, p.version, p.title,
                             portable=corpus.config.output_names == "portable")
    return DocView("procedure", relpath, page, core, blocks)


def _cover(corpus: Corpus, p: Procedure, number: str, texts: Texts, withdrawn: str | None) -> Iterator[Block]:
    label = texts.label
    language = corpus.config.language
    yield Para(label("kind_procedure"), style="normal", align="center", space_before=36)
    yield Para(p.title, style="title")
    shown = number if "{version}" in corpus.config.numbering.procedure_display else f"{number}{label('gap')}{p.version}"
    yield Para(shown, style="normal", align="center")
    roles = corpus.config.approval_roles
    names, titles, dates = [], [], []
    for role in roles:
        approval = p.approvals.get(role.id)
        names.append(Cell(approval.name if approval else "", align="center"))
        titles.append(Cell(approval.title or "" if approval else "", align="center"))
        dates.append(Cell(date_text(approval.date) if approval else "", align="center"))
    with_titles = any(a.title for a in p.approvals.values())
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
    if p.iso_clauses:
        yield Para("、".join(p.iso_clauses) if language == "zh" else ", ".join(p.iso_clauses),
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


def _heading_row(label: Callable[[str], str], keys: tuple[str, ...]) -> tuple[Cell, ...]:
    return tuple(Cell(label(k), heading=True) for k in keys)


class _Sections:
    """Writes the numbered sections of one procedure; numbers follow the sections present (commitments are optional)."""

    def __init__(self, corpus: Corpus, p: Procedure, texts: Texts) -> None:
        self.corpus, self.p, self.texts = corpus, p, texts
        self.label = texts.label
        self.language = corpus.config.language
        self.empty = texts.label("empty_cell")
        self.numbers: Numbering = numbering(p)
        self.charts = {(c.where, c.section): c for c in planned_charts(corpus, p, texts)}

    def all(self) -> Iterator[Block]:
        yield from self.purpose_and_scope()
        yield from self.terms()
        yield from self.responsibilities()
        yield from self.process()
        yield from self.commitments()
        yield from self.related()
        yield from self.attachments()
        yield from self.records()

    def heading(self, key: str) -> Para:
        return Para(f"{self.numbers.section(key)} {self.label(key)}", style="heading1")

    def none(self) -> Para:
        return Para(self.label("none_text"), style="body")

    def dept(self, dept_id: str) -> str:
        return department_name(self.corpus, dept_id)

    def purpose_and_scope(self) -> Iterator[Block]:
        yield self.heading("purpose")
        yield Para(self.p.purpose)
        yield self.heading("scope")
        yield Para(self.p.scope)

    def terms(self) -> Iterator[Block]:
        label = self.label
        yield self.heading("terms")
        for i, term in enumerate(self.p.terms):
            lead = f"{self.numbers.term(i)}{label('gap')}{term.term}{label('label_separator')}"
            yield Para(term.definition, style="normal", lead=lead)
        if not self.p.terms:
            yield self.none()

    def responsibilities(self) -> Iterator[Block]:
        yield self.heading("responsibilities")
        for i, duty in enumerate(self.p.responsibilities):
            yield Para(f"{self.numbers.responsibility(i)} {self.dept(duty.department)}", style="heading2")
            for j, text in enumerate(duty.duties):
                yield Para(text, style="normal", lead=f"{_letter(j)}) ")

    def flowchart(self, placed: Placed | None, lead: Para) -> Iterator[Block]:
        """``lead`` (a heading), with the charts placed under it when there are any."""
        if placed is None:
            yield lead
            return
        # A block per chart, so that a redline marks only the charts that changed.
        for k, chart in enumerate(placed.charts):
            captions = ((self.texts.render("flowchart_caption", title=chart.title, part=1, parts=1),
                         _caption_with_marks(self.texts, chart.title)),)
            yield Flowchart((chart,), captions, placed.landscape, (lead,) if k == 0 else ())

    def process(self) -> Iterator[Block]:
        yield from self.flowchart(self.charts.get(("process", None)), self.heading("process"))
        heading = _heading_row(self.label, ("step_no", "step_text", "step_owner", "step_limit", "step_records"))
        rows = [[self.step_row(i, j, step) for j, step in enumerate(section.steps)]
                for i, section in enumerate(self.p.process)]
        # Every step table of the procedure has the same columns, sized to the text of all of them.
        everything = (heading, *(row for section in rows for row in section))
        for i, section in enumerate(self.p.process):
            yield from self.flowchart(self.charts.get(("section", i)),
                                      Para(f"{self.numbers.subsection(i)} {section.title}", style="heading2"))
            if section.intro:
                yield Para(section.intro)
            pending: list[tuple[Cell, ...]] = []
            for j, step in enumerate(section.steps):
                pending.append(rows[i][j])
                if step.table is None:
                    continue
                # A step's own table follows its row; the step table resumes, heading repeated, after it.
                yield Table(widths=_PROCESS_WIDTHS, rows=(heading, *pending), measure_with=everything)
                pending = []
                yield from self.step_table(i, j, step.table)
            if pending:
                yield Table(widths=_PROCESS_WIDTHS, rows=(heading, *pending), measure_with=everything)

    def step_row(self, i: int, j: int, step: Step) -> tuple[Cell, ...]:
        label = self.label
        lines = [step.text, *(f"{label('bullet')}{item}" for item in step.items)]
        lines += [f"{label('step_note')}{note}" for note in step.notes]
        if step.related:
            lines.append(label("step_related") + LIST_SEPARATOR[self.language].join(
                document_citation(self.corpus, c) for c in step.related))
        owner = self.dept(step.owner)
        if step.support:
            owner += "\n" + label("step_support") + self.texts_join([self.dept(d) for d in step.support])
        return (Cell(self.numbers.step(i, j), align="center"), Cell("\n".join(lines)), Cell(owner, align="center"),
                Cell(time_limit_text(step, self.language, self.empty), align="center"),
                Cell(_records_cell(self.corpus, step.records, self.language) or self.empty))

    def step_table(self, i: int, j: int, table: StepTable) -> Iterator[Block]:
        caption = f"{self.label('step_table')}{self.numbers.step(i, j)}"
        if table.title:
            caption += f"{self.label('gap')}{table.title}"
        yield Para(caption, style="normal", align="center", keep_next=True, space_before=6)
        yield Table(widths=(1.0,) * len(table.columns),
                    rows=(tuple(Cell(c, heading=True) for c in table.columns),
                          *(tuple(Cell(v) for v in row) for row in table.rows)))
        yield Para("", style="normal")  # keeps the resumed step table apart from this one

    def texts_join(self, names: list[str]) -> str:
        return ("、" if self.language == "zh" else ", ").join(names)

    def commitments(self) -> Iterator[Block]:
        if not self.p.commitments:
            return
        yield self.heading("commitments")
        rows = [_heading_row(self.label, ("col_no", "commit_metric", "commit_target", "commit_measure",
                                          "commit_owner", "commit_records"))]
        for i, c in enumerate(self.p.commitments, 1):
            rows.append((Cell(str(i), align="center"), Cell(c.metric), Cell(c.target), Cell(c.measured_by),
                         Cell(self.dept(c.owner), align="center"),
                         Cell(_records_cell(self.corpus, c.records, self.language) or self.empty)))
        yield Table(widths=_COMMITMENT_WIDTHS, rows=tuple(rows))

    def related(self) -> Iterator[Block]:
        yield self.heading("related")
        for i, code in enumerate(self.p.related_documents):
            yield Para(document_citation(self.corpus, code), style="normal", lead=f"{self.numbers.related(i)} ")
        if not self.p.related_documents:
            yield self.none()

    def attachments(self) -> Iterator[Block]:
        yield self.heading("attachments")
        for i, attachment in enumerate(self.p.attachments, 1):
            title = attachment.title
            found = form_title_number(self.corpus, attachment.form) if attachment.form else None
            if found:
                title += f"（{found[1]}）" if self.language == "zh" else f" ({found[1]})"
            yield Para(self.texts.render("attachment", number=i, title=title), style="normal",
                       keep_next=self.image(attachment) is not None)
            picture = self.image(attachment)
            if picture is not None:
                yield picture
        chart = self.charts.get(("attachment", None))
        if chart is not None:
            number = len(self.p.attachments) + 1
            yield from self.flowchart(chart, Para(self.texts.render("attachment", number=number,
                                                                    title=self.label("flow_attachment")),
                                                  style="normal", keep_next=True))
        elif not self.p.attachments:
            yield self.none()

    def image(self, attachment: Attachment) -> Image | None:
        """The attached picture, printed under its line in the attachments list; None for other files."""
        if attachment.file is None or handling(attachment.file) != "embed":
            return None
        target = inside_project(self.corpus.config_source.path.parent, attachment.file)
        assert target is not None  # check refused paths outside the project (PC316)
        return Image(target.read_bytes(), PurePosixPath(attachment.file).name)

    def records(self) -> Iterator[Block]:
        yield self.heading("records")
        if not self.p.records:
            yield self.none()
            return
        rows = [_heading_row(self.label, ("col_no", "record_name", "record_form", "record_keeper",
                                          "record_retention", "record_storage"))]
        for i, entry in enumerate(self.p.records, 1):
            retention = record_retention(self.corpus, entry)
            name, shown = form_title_number(self.corpus, entry.form) or (self.empty, entry.form)
            rows.append((Cell(str(i), align="center"), Cell(name), Cell(shown, align="center"),
                         Cell(self.dept(entry.keeper), align="center"),
                         Cell(duration_text(retention, self.language, self.empty), align="center"),
                         Cell(entry.storage or self.empty)))
        yield Table(widths=_RECORD_WIDTHS, rows=tuple(rows))


# Stand-ins while the caption template runs: numbers no title holds, replaced by the markers the builder fills.
_PART_SENTINEL, _PARTS_SENTINEL = 987654321, 987654322


def _caption_with_marks(texts: Texts, title: str) -> str:
    text = texts.render("flowchart_caption", title=title, part=_PART_SENTINEL, parts=_PARTS_SENTINEL)
    return text.replace(str(_PART_SENTINEL), PART).replace(str(_PARTS_SENTINEL), PARTS)


def _records_cell(corpus: Corpus, codes: list[str], language: str) -> str:
    # Name and number on separate lines: a narrow cell would otherwise break the number at its slash.
    close = QUOTES[language][1]
    return "\n".join(record_citation(corpus, code).replace(close + " ", close, 1).replace(close, close + "\n", 1)
                     for code in codes)


def _letter(index: int) -> str:
    # a) … z), then aa), ab) …: GB/T 1.1 list items are lettered.
    return ascii_lowercase[index] if index < 26 else _letter(index // 26 - 1) + ascii_lowercase[index % 26]
