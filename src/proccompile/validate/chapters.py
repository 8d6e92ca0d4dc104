"""Chapters: a document's chapter order, where its free chapters go, and a manual's clause chapters."""

from __future__ import annotations

from collections.abc import Mapping

from proccompile.diagnostics import Diagnostics, Related
from proccompile.model import Corpus
from proccompile.model.clauses import clause_index, clause_key
from proccompile.model.corpus import AnyDocument
from proccompile.model.numbering import numbering
from proccompile.validate.config import order_problem


def chapter_order(corpus: Corpus, bag: Diagnostics) -> None:
    for doctype in corpus.types:
        chapters = [spec.id for spec in doctype.model.CHAPTERS]
        for doc in corpus.of_type(doctype.id):
            order = getattr(doc.model, "chapter_order", [])
            problem = order_problem(order, chapters) if order else None
            if problem is not None:
                bag.add("PC340", f"`chapter_order`: {problem}", doc.span("chapter_order"),
                        help=f"List each chapter of a {doctype.id} once: {', '.join(chapters)}")


def free_chapter_places(corpus: Corpus, bag: Diagnostics) -> None:
    for doctype in corpus.types:
        chapters = [spec.id for spec in doctype.model.CHAPTERS]
        for doc in corpus.of_type(doctype.id):
            for i, free in enumerate(getattr(doc.model, "chapters", [])):
                for side in ("before", "after"):
                    anchor = getattr(free, side)
                    if anchor is not None and anchor not in chapters:
                        bag.add("PC341", f"Chapter `{free.title}` is placed {side} `{anchor}`, which a "
                                f"{doctype.id} does not have", doc.span("chapters", i, side),
                                help=f"Name one of: {', '.join(chapters)}")


def chapter_numbers(corpus: Corpus, bag: Diagnostics) -> None:
    """A number printed by a chapter in sequence and by a manual's clause chapter (4 … 10)."""
    for doctype in corpus.types:
        if not any(spec.kind == "clauses" for spec in doctype.chapters):
            continue
        for doc in corpus.of_type(doctype.id):
            numbers = numbering(doc.model, doctype.chapters)
            top = {clause.split(".")[0]: i for i, clause in enumerate(numbers.clauses)}
            for chapter, number in numbers.sections.items():
                if str(number) in top:
                    spec = numbers.specs[chapter]
                    loc = (spec.key, spec.index) if spec.index is not None else (spec.key,)
                    bag.add("PC342", f"Chapter {number} is printed twice: here and as clause {number}",
                            doc.span(*loc, key=spec.index is None),
                            related=(Related(doc.span("clauses", top[str(number)], "clause"),
                                             f"clause {number} here"),))


def manual_clauses(corpus: Corpus, bag: Diagnostics) -> None:
    known = clause_index(corpus.config.audit.clause_set)
    for doctype in corpus.types:
        for spec in doctype.chapters:
            if spec.kind != "clauses":
                continue
            for doc in corpus.of_type(doctype.id):
                _clauses_of(doc, spec.key, known, corpus.config.audit.clause_set, bag)
                _cover_clauses_described(doc, spec.key, bag)


def _clauses_of(doc: AnyDocument, field: str, known: Mapping[str, object], clause_set: str,
                bag: Diagnostics) -> None:
    seen: dict[str, int] = {}
    previous: str | None = None
    for i, entry in enumerate(getattr(doc.model, field)):
        where = doc.span(field, i, "clause")
        if entry.clause not in known:
            bag.add("PC343", f"Clause {entry.clause} is not a clause of {_SET_NAMES[clause_set]}", where,
                    help="Give a clause number of the clause set (audit.clause_set in proccompile.yaml)")
        elif entry.clause in seen:
            bag.add("PC343", f"Clause {entry.clause} has a chapter already", where,
                    related=(Related(doc.span(field, seen[entry.clause], "clause"), "first here"),),
                    help="Describe each clause once")
        elif previous is not None and clause_key(entry.clause) < clause_key(previous):
            bag.add("PC343", f"Clause {entry.clause} comes after clause {previous}", where,
                    help="List the clause chapters in clause order, as the manual prints them")
        seen.setdefault(entry.clause, i)
        if entry.clause in known:
            previous = entry.clause


_SET_NAMES = {"iso9001": "ISO 9001:2015", "iatf16949": "ISO 9001:2015 / IATF 16949:2016"}


def _cover_clauses_described(doc: AnyDocument, field: str, bag: Diagnostics) -> None:
    """PC347: a clause the cover lists (`iso_clauses`) that no clause chapter describes, nor one above or under it."""
    described = [entry.clause for entry in getattr(doc.model, field)]
    for i, clause in enumerate(getattr(doc.model, "iso_clauses", [])):
        if not any(_related(clause, chapter) for chapter in described):
            bag.add("PC347", f"The cover lists clause {clause}, which no clause chapter describes",
                    doc.span("iso_clauses", i),
                    help=f"Add a chapter for clause {clause} under `{field}`, or take it off `iso_clauses`")


def _related(clause: str, chapter: str) -> bool:
    """Whether a chapter on ``chapter`` says something of ``clause``: the same clause, one under it or above it."""
    return clause == chapter or chapter.startswith(f"{clause}.") or clause.startswith(f"{chapter}.")
