"""CSV: one sheet as a flat table (group headings dropped; the grouping columns carry the same information)."""

from __future__ import annotations

import csv
import io

from proccompile.views.tables import Sheet


def to_csv(sheet: Sheet) -> str:
    out = io.StringIO()
    # "\n" line ends: the files are compared and diffed in git; spreadsheet programs accept both.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([inert(c.title) for c in sheet.columns])
    writer.writerows([inert(cell) for cell in row] for row in sheet.rows)
    return out.getvalue()


def inert(text: str) -> str:
    """``text`` as a spreadsheet program will show it, never run it: a cell starting with = + - @, a tab or
    a carriage return is taken as a formula (`=HYPERLINK(…)`, `+cmd|…`), so it gets a leading apostrophe."""
    return f"'{text}" if text[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
