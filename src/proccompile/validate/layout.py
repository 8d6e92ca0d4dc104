"""Page limits of the printed forms that can be judged before rendering: content that cannot fit one page,
blank rows cut to keep a form on its page, and column headings whose words cannot fit the page's width."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.form import Form
from proccompile.model.form_layout import BlankTable, FormPlan, form_page, plan_form
from proccompile.model.form_page import PACKAGED_NOTES, PACKAGED_WORDS


def house_notes(language: str) -> list[str]:
    """The packaged house filling notes: the check cannot read wording templates, which the render stage owns."""
    return list(PACKAGED_NOTES[language])


def form_layout(corpus: Corpus, bag: Diagnostics) -> None:
    config = corpus.config
    for doc in corpus.forms:
        form = doc.model
        page = form_page(form, config.page)
        plan = plan_form(form, [*form.instructions, *house_notes(config.language)], PACKAGED_WORDS[config.language],
                         page)
        _headings(doc, plan, bag)
        if not form.one_page:
            continue
        if not plan.fits:
            where = "sections" if form.sections else "fields" if form.fields else "code"
            cut = ", even with its blank rows cut" if form.all_tables() else ""
            bag.add("PC504", f"Form `{form.code}` needs about {plan.height_cm:.1f} cm but one page holds "
                    f"{plan.limit_cm:.1f} cm{cut}", doc.span(where))
            continue
        report_cuts(doc, plan, bag)


def report_cuts(doc: Document[Form], plan: FormPlan, bag: Diagnostics, already: FormPlan | None = None) -> None:
    """PC510 for each table printed with fewer blank rows than it asks for; ``already``: a plan whose cuts were
    reported before (the check's), so that only a different cut is reported again."""
    paths = table_paths(doc.model)
    reported = {i: p.blank for i, p in already.cuts()} if already is not None else {}
    for index, part in plan.cuts():
        if reported.get(index) == part.blank:
            continue
        bag.add("PC510", f"Form `{doc.model.code}` prints {part.blank} of the {part.asked} blank rows of "
                f"{_name(part, index)} to stay on one page",
                doc.span(*paths[index], "rows" if isinstance(part.table.rows, int) else "blank_rows"),
                help=f"Set `{'rows' if isinstance(part.table.rows, int) else 'blank_rows'}: {part.blank}` (what fits), "
                     "or `one_page: false` to print every row, the table continuing on the next page under its "
                     "heading")


def _headings(doc: Document[Form], plan: FormPlan, bag: Diagnostics) -> None:
    paths = table_paths(doc.model)
    tables = [p for p in plan.parts if isinstance(p, BlankTable) and not p.keep_together]
    for index, part in enumerate(tables):
        if not part.columns.fits:
            bag.add("PC511", f"The column headings of {_name(part, index)} of form `{doc.model.code}` need "
                    f"{part.columns.needed_cm:.1f} cm for their words but the page is {plan.page.width_cm:.1f} cm "
                    "wide: words will break",
                    doc.span(*paths[index], "columns"),
                    help="Shorten the longest heading words, use fewer columns, or use landscape")


def _name(part: BlankTable, index: int) -> str:
    return f"table `{part.table.title}`" if part.table.title else f"table {index + 1}"


def table_paths(form: Form) -> list[tuple[str | int, ...]]:
    """Where each table of ``form`` is written, in print order (as ``Form.all_tables``)."""
    paths: list[tuple[str | int, ...]] = []
    for key, value in form.printed():
        if key == "table":
            paths.append(("table",))
        elif key == "tables":
            paths += [("tables", i) for i in range(len(value))]
        elif key == "sections":
            paths += [("sections", i, "tables", j) for i, section in enumerate(value)
                      for j in range(len(section.tables))]
    return paths
