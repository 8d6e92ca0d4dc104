"""Tabular outputs of the audit stage: xlsx (openpyxl), csv, Markdown and docx, all byte-for-byte reproducible."""

from __future__ import annotations

from pathlib import Path

from proccompile.diagnostics import Diagnostics
from proccompile.model.config import Limits
from proccompile.views.tables import FORMATS, TEXT_FORMATS, Book

__all__ = ["FORMATS", "TEXT_FORMATS", "render_book"]


def render_book(book: Book, fmt: str, project_root: Path, bag: Diagnostics,
                limits: Limits | None = None) -> list[tuple[str, bytes]]:
    """The files of ``book`` in ``fmt`` as (suffix, bytes): one file, except csv, which has one per sheet.

    ``limits`` (the project's) bound the wording templates and the reference document a docx is built on.

    The first csv sheet has the suffix ``.csv``; the others ``.<sheet key>.csv``, so they land beside
    it: registers.csv (the master list), registers.records.csv, registers.responsibilities.csv …
    Printed to stdout (``-o -``) the byte-order mark is dropped again (pipeline.py).
    """
    if fmt == "xlsx":
        from proccompile.render.tabular.xlsx import to_xlsx

        return [(".xlsx", to_xlsx(book))]
    if fmt == "docx":
        from proccompile.render.tabular.docx import to_docx

        return [(".docx", to_docx(book, project_root, bag, limits or Limits()))]
    if fmt == "md":
        from proccompile.render.tabular.markdown import to_markdown

        return [(".md", to_markdown(book).encode("utf-8"))]
    if fmt == "csv":
        from proccompile.render.tabular.csvfile import to_csv

        # With a byte-order mark: Excel on Chinese Windows reads a csv without one as GBK and garbles it.
        return [(".csv" if i == 0 else f".{sheet.key}.csv", to_csv(sheet).encode("utf-8-sig"))
                for i, sheet in enumerate(book.sheets)]
    raise ValueError(f"unknown format {fmt!r}")
