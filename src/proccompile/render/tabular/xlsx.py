"""xlsx via openpyxl: title and sheet header above a frozen, filtered, wrapped table, printable in landscape."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from proccompile.model.text_width import natural_ems, unbreakable_ems
from proccompile.render.zipfix import normalize_zip
from proccompile.views.tables import Book, Sheet

# One family for Latin and CJK: Microsoft YaHei ships with every Chinese-capable Windows, and the
# packaged fonts.conf maps it to Noto Sans CJK for LibreOffice on Linux.
FONT = "Microsoft YaHei"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_WIDE = re.compile("[\u2e81-\U0010ffff]")  # characters that take two columns (CJK and beyond)
_LINE = 13.5  # points per line of 10-pt text
_PAGE = {"zh": "第 &P 页 共 &N 页", "en": "Page &P of &N"}


def to_xlsx(book: Book) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for index, sheet in enumerate(book.sheets):
        _write_sheet(wb.create_sheet(_title(sheet.name, index)), sheet, book, index == 0)
    stamp = dt.datetime(book.date.year, book.date.month, book.date.day)
    props = wb.properties
    props.creator = props.lastModifiedBy = book.company
    props.title, props.language = book.title, "zh-CN" if book.language == "zh" else "en-US"
    props.identifier = book.form[0] if book.form else None
    props.created = props.modified = stamp  # from the corpus, never the clock
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter directly: openpyxl's save_workbook would overwrite `modified` with the current time.
        ExcelWriter(wb, archive).write_data()
    return normalize_zip(buffer.getvalue())


def _lines(text: str, width: float) -> int:
    """Wrapped line count of ``text`` in a column ``width`` characters wide; CJK characters count twice."""
    room = int(max(1.0, width - 1.5))
    return sum(max(1, -(-(len(line) + len(_WIDE.findall(line))) // room)) for line in text.split("\n"))


def column_widths(sheet: Sheet) -> list[float]:
    """Widths in characters: the column's own width, narrowed to its longest line, never below its longest word.

    Spreadsheet widths count Latin digits; a CJK character takes two (text_ems counts it as one em).
    """
    widths = []
    for index, column in enumerate(sheet.columns):
        texts = [column.title, *(values[index] for values in sheet.rows)]
        longest_word = max(unbreakable_ems(t) for t in texts) * 2 + 2
        longest_line = max(natural_ems(t) for t in texts) * 2 + 2
        widths.append(round(max(longest_word, min(column.width, longest_line)), 1))
    return widths


def _text(ws: Worksheet, row: int, col: int, value: str) -> Cell:
    """A cell holding ``value`` as text, whatever it starts with.

    Why: openpyxl stores a string starting with `=` as a formula, so a title such as `=HYPERLINK(…)`
    in the YAML would run in the auditor's spreadsheet program.
    """
    cell = ws.cell(row, col, value)
    cell.data_type = "s"
    return cell


def _title(name: str, index: int) -> str:
    cleaned = _BAD_TITLE.sub("-", name)[:31].strip("'") or f"Sheet{index + 1}"
    return cleaned


def _write_sheet(ws: Worksheet, sheet: Sheet, book: Book, first: bool) -> None:
    width = len(sheet.columns)
    last = get_column_letter(width)
    font, bold = Font(name=FONT, size=10), Font(name=FONT, size=10, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    _text(ws, row, 1, book.title if first else sheet.name).font = Font(name=FONT, size=14, bold=True)
    ws.merge_cells(f"A{row}:{last}{row}")
    if sheet.header:
        row += 1
        # Label and value pairs on one wrapped line: blank values are left for the auditor to fill.
        text = "    ".join(f"{label}：{value or '＿＿＿＿＿＿'}" if book.language == "zh"
                           else f"{label}: {value or '__________'}" for label, value in sheet.header)
        cell = _text(ws, row, 1, text)
        cell.font, cell.alignment = font, wrap
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 120)
    row += 1
    header_row = row
    widths = column_widths(sheet)
    for col, column in enumerate(sheet.columns, 1):
        cell = _text(ws, row, col, column.title)
        cell.font, cell.fill, cell.border = bold, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    centered = Alignment(wrap_text=True, vertical="top", horizontal="center")
    # openpyxl looks each style object up in the workbook's tables on every assignment, which dominated
    # large registers; body cells instead copy the style indices of the first cell styled each way.
    body_styles: dict[bool, StyleArray] = {}
    for values in sheet.rows:
        row += 1
        for col, (column, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
            cell = _text(ws, row, col, value)
            styled = body_styles.get(column.center)
            if styled is not None:
                cell._style = copy(styled)
                continue
            cell.font, cell.border = font, _BORDER
            cell.alignment = centered if column.center else wrap
            body_styles[column.center] = copy(cell._style)
        # Explicit heights: LibreOffice does not grow rows to fit wrapped text when it opens a file.
        lines = max(_lines(v, w) for w, v in zip(widths, values, strict=True))
        ws.row_dimensions[row].height = _LINE * lines + 4
    last_row = max(row, header_row + 1)
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{last_row}"
    for col, column in enumerate(sheet.columns, 1):
        if column.choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True)
            letter = get_column_letter(col)
            rule.add(f"{letter}{header_row + 1}:{letter}{max(last_row, header_row + 200)}")
            ws.add_data_validation(rule)
    for n, note in enumerate(sheet.notes):
        row = max(row, last_row) + 2 if n == 0 else row + 1
        cell = _text(ws, row, 1, note)
        cell.font, cell.alignment = font, wrap
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = 15 * (1 + len(note) // 100)
    _page_setup(ws, book, header_row)


def _page_setup(ws: Worksheet, book: Book, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"  # the column headings on every printed page
    ws.oddHeader.left.text = book.company
    ws.oddHeader.center.text = book.title
    if book.form:
        ws.oddHeader.right.text = f"{book.form[0]} {book.form[1]}".strip()
    ws.oddFooter.center.text = _PAGE.get(book.language, _PAGE["en"])
