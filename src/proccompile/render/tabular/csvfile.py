"""CSV: one sheet as a flat table (group headings dropped; the grouping columns carry the same information)."""

from __future__ import annotations

import csv
import io

from proccompile.views.tables import Sheet


def to_csv(sheet: Sheet) -> str:
    out = io.StringIO()
    # "\n" line ends: the files are compared and diffed in git; spreadsheet programs accept both.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.title for c in sheet.columns])
    writer.writerows(sheet.rows)
    return out.getvalue()
