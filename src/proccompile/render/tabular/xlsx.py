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
_LINE = 14.5  # points per line of 10-pt text: Noto Sans CJK (LibreOffice) spaces lines 1.45 em, YaHei less
_MAX_HEIGHT = 409  # Excel's tallest row, in points; a longer cell continues on the next row
_LABEL_WIDTH = 12  # least width of a header field's label, in characters
_MAX_LINES = int((_MAX_HEIGHT - 4) // _LINE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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
    return len(_wrapped(text, width))


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


def _wrapped(text: str, width: float) -> list[tuple[str, bool]]:
    """``text`` cut into the lines a column ``width`` characters wide shows, each with whether a paragraph
    ends there; CJK characters count twice."""
    # 10% short of the column: LibreOffice and Excel break Latin runs such as "Q/JL081501-A《…》" at word
    # boundaries, which leaves lines shorter than the character count says; an underestimate clips the cell.
    room = int(max(1.0, (width - 1.5) * 0.9))
    out: list[tuple[str, bool]] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in paragraph:
            size = 2 if ord(ch) > 0x2E80 else 1
            if used + size > room and line:
                out.append((line, False))
                line, used = "", 0
            line, used = line + ch, used + size
        out.append((line, True))
    return out


def split_row(values: tuple[str, ...], widths: list[float]) -> list[tuple[str, ...]]:
    """One table row as rows no taller than Excel allows: a cell longer than _MAX_LINES lines continues,
    at a line boundary, in the same column of the following rows (whose other cells stay empty)."""
    pieces: list[list[str]] = []
    for value, width in zip(values, widths, strict=True):
        lines = _wrapped(value, width)
        chunks = [lines[k:k + _MAX_LINES] for k in range(0, len(lines), _MAX_LINES)]
        pieces.append(["".join(text + ("\n" if end else "") for text, end in chunk).rstrip("\n") for chunk in chunks]
                      if len(chunks) > 1 else [value])
    count = max(len(p) for p in pieces)
    return [tuple(p[k] if k < len(p) else "" for p in pieces) for k in range(count)]


def _typed(ws: Worksheet, row: int, col: int, value: str, kind: str) -> Cell:
    """A number (in a number column) or an ISO date stored as one, so it sorts, filters and sums; else text."""
    if kind == "number" and value.isdigit() and len(value) < 12:
        return ws.cell(row, col, int(value))
    # An ISO date is a date in any column (the master list's effective and review dates too); no title or
    # code is written as a bare yyyy-mm-dd.
    if _ISO_DATE.match(value):
        try:
            cell = ws.cell(row, col, dt.date.fromisoformat(value))
        except ValueError:
            return _text(ws, row, col, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return _text(ws, row, col, value)


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
    total = sum(c.width for c in sheet.columns)  # merged title, header, notes and sign-off rows span every column
    row = 1
    _text(ws, row, 1, book.title if first else sheet.name).font = Font(name=FONT, size=14, bold=True)
    ws.row_dimensions[row].height = 22
    ws.merge_cells(f"A{row}:{last}{row}")
    if sheet.header:
        row = _header_fields(ws, sheet, row, font, bold)
    row += 1
    header_row = row
    widths = column_widths(sheet)
    for col, column in enumerate(sheet.columns, 1):
        cell = _text(ws, row, col, column.title)
        cell.font, cell.fill, cell.border = bold, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    # The heading row as tall as its most wrapped title: a fixed height clipped "Q/FL2.0702" to "Q/".
    ws.row_dimensions[row].height = _height(max(_lines(c.title, w) for c, w in zip(sheet.columns, widths, strict=True)))
    centered = Alignment(wrap_text=True, vertical="top", horizontal="center")
    # openpyxl looks each style object up in the workbook's tables on every assignment, which dominated
    # large registers; body cells instead copy the style indices of the first cell styled each way.
    body_styles: dict[tuple[bool, str], StyleArray] = {}
    for whole in sheet.rows:
        for values in split_row(whole, widths):
            row += 1
            for col, (column, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
                cell = _typed(ws, row, col, value, column.kind)
                key = (column.center, cell.number_format)
                styled = body_styles.get(key)
                if styled is not None:
                    cell._style = copy(styled)
                    continue
                cell.font, cell.border = font, _BORDER
                cell.alignment = centered if column.center else wrap
                body_styles[key] = copy(cell._style)
            # Explicit heights: LibreOffice does not grow rows to fit wrapped text when it opens a file.
            lines = max(sheet.row_lines, *(_lines(v, w) for v, w in zip(values, widths, strict=True)))
            ws.row_dimensions[row].height = _height(lines)
    last_row = max(row, header_row + 1)
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{last_row}"
    for col, column in enumerate(sheet.columns, 1):
        if column.choices and _listable(column.choices):
            # A stop rule: the result column takes only the listed codes, so results can be counted.
            rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
                                  showErrorMessage=True, errorStyle="stop", error="、".join(column.choices))
            letter = get_column_letter(col)
            rule.add(f"{letter}{header_row + 1}:{letter}{max(last_row, header_row + 200)}")
            ws.add_data_validation(rule)
    for n, note in enumerate(sheet.notes):
        row = max(row, last_row) + 2 if n == 0 else row + 1
        cell = _text(ws, row, 1, note)
        cell.font, cell.alignment = font, wrap
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = _height(_lines(note, total))
    if sheet.signoff:
        row = max(row, last_row) + 2
        blank = "＿＿＿＿＿＿＿＿" if book.language == "zh" else "________________"
        text = "        ".join(f"{who}{'：' if book.language == 'zh' else ': '}{blank}" for who in sheet.signoff)
        cell = _text(ws, row, 1, text)
        cell.font, cell.alignment = bold, wrap
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = _height(_lines(text, total)) + 12  # room for a signature
    _page_setup(ws, book, header_row)


def _header_fields(ws: Worksheet, sheet: Sheet, row: int, font: Font, bold: Font) -> int:
    """The sheet header as a form block: a shaded label cell and a bordered value cell per field, two fields a
    row (one on narrow sheets); a blank value is the box the auditor fills in. Returns the last row used."""
    widths = [c.width for c in sheet.columns]
    count = len(widths)
    if count >= 4:
        # The second field starts where half the table's width is reached, leaving each value two columns or more.
        half, mid = sum(widths) / 2, 3
        while mid < count - 1 and sum(widths[:mid - 1]) < half:
            mid += 1
        spans = [(1, mid - 1), (mid, count)]
    else:
        spans = [(1, count)]
    wrap = Alignment(wrap_text=True, vertical="center")
    fields = list(sheet.header)
    for k in range(0, len(fields), len(spans)):
        row += 1
        lines = 1
        for (label, value), (first, end) in zip(fields[k:k + len(spans)], spans, strict=False):
            # A label over as many columns as make it 12 characters wide: "序号" alone would wrap "表单编/号".
            stop = first
            while sum(widths[first - 1:stop]) < _LABEL_WIDTH and stop < end - 1:
                stop += 1
            cell = _text(ws, row, first, label)
            cell.font, cell.fill, cell.border, cell.alignment = bold, _HEAD_FILL, _BORDER, wrap
            cell = _text(ws, row, stop + 1, value)
            cell.font, cell.border, cell.alignment = font, _BORDER, wrap
            for a, b in ((first, stop), (stop + 1, end)):
                if b > a:
                    ws.merge_cells(start_row=row, start_column=a, end_row=row, end_column=b)
            lines = max(lines, _lines(label, sum(widths[first - 1:stop])), _lines(value, sum(widths[stop:end])))
        ws.row_dimensions[row].height = _height(lines) + 6  # room to write in a blank box
    return row + 1  # a blank line before the table


def _listable(choices: tuple[str, ...]) -> bool:
    """Whether Excel can offer ``choices`` as a drop-down: comma-separated in a quoted formula of ≤ 255 chars.
    Config values are checked on load; a project's labels.j2 could still give others, which get no drop-down."""
    return not any("," in c or '"' in c for c in choices) and len(",".join(choices)) <= 253


def _height(lines: int) -> float:
    return min(_MAX_HEIGHT, _LINE * lines + 4)


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
