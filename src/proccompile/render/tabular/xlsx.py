"""xlsx via openpyxl: title and sheet header above a frozen, filtered, wrapped table, printable in landscape."""

from __future__ import annotations

import datetime as dt
import io
import re
from copy import copy
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.writer.theme import theme_xml

from proccompile.model.text_width import natural_ems, unbreakable_ems
from proccompile.render.styles import latin_theme
from proccompile.render.zipfix import FixedZip
from proccompile.views.tables import Book, Formula, Sheet

if TYPE_CHECKING:  # the type of a write-only workbook's sheets; openpyxl does not export it
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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
_WIDE = re.compile("[^\x00-\u2e80]")  # the characters _wrapped counts twice
_PAGE = {"zh": "第 &P 页 共 &N 页", "en": "Page &P of &N"}
# A book of several records: each sheet numbers its own pages from 1; the total is left out, since a spreadsheet
# printed whole counts the pages of every sheet in it.
_SHEET_PAGE = {"zh": "第 &P 页", "en": "Page &P"}
_FONT, _BOLD = Font(name=FONT, size=10), Font(name=FONT, size=10, bold=True)
_WRAP, _MIDDLE = Alignment(wrap_text=True, vertical="top"), Alignment(wrap_text=True, vertical="center")
# Cell looks by name. A merged box's covered cells carry its border's outer edges, as openpyxl's
# merge_cells gives them, so LibreOffice draws the whole box.
_STYLES: dict[str, dict[str, Any]] = {
    "title": {"font": Font(name=FONT, size=14, bold=True)},
    "label": {"font": _BOLD, "fill": _HEAD_FILL, "border": _BORDER, "alignment": _MIDDLE},
    "value": {"font": _FONT, "border": _BORDER, "alignment": _MIDDLE},
    "covered": {"border": Border(top=_THIN, bottom=_THIN)},
    "covered_end": {"border": Border(right=_THIN, top=_THIN, bottom=_THIN)},
    "heading": {"font": _BOLD, "fill": _HEAD_FILL, "border": _BORDER,
                "alignment": Alignment(wrap_text=True, horizontal="center", vertical="center")},
    "body": {"font": _FONT, "border": _BORDER, "alignment": _WRAP},
    "body_center": {"font": _FONT, "border": _BORDER,
                    "alignment": Alignment(wrap_text=True, vertical="top", horizontal="center")},
    "note": {"font": _FONT, "alignment": _WRAP},
    "signoff": {"font": _BOLD, "alignment": _WRAP},
}


# openpyxl's theme, for a workbook in a Latin language without the fonts it names in CJK.
_LATIN_THEME = latin_theme(theme_xml.encode("utf-8"))


def to_xlsx(book: Book) -> bytes:
    # Write-only: rows stream to the sheet's XML as they are made, instead of one Cell object per cell
    # kept until the workbook is saved.
    wb = Workbook(write_only=True)
    titles = _titles(book)
    # A formula names another sheet as 'title'! (a quote inside the title doubled).
    refs = {sheet.key: "'" + title.replace("'", "''") + "'!" for sheet, title in zip(book.sheets, titles, strict=True)}
    for index, (sheet, title) in enumerate(zip(book.sheets, titles, strict=True)):
        _write_sheet(wb.create_sheet(title), sheet, book, index == 0, refs)
    stamp = dt.datetime(book.date.year, book.date.month, book.date.day)
    props = wb.properties
    props.creator = props.lastModifiedBy = book.company
    props.title, props.language = book.title, "zh-CN" if book.language == "zh" else "en-US"
    own = book.form or (book.sheets[0].form if book.sheets else None)
    props.identifier = own.number if own else None
    props.created = props.modified = stamp  # from the corpus, never the clock
    if book.language != "zh":
        wb.loaded_theme = _LATIN_THEME
    buffer = io.BytesIO()
    with FixedZip(buffer, "w") as archive:
        # ExcelWriter directly: openpyxl's save_workbook would overwrite `modified` with the current time.
        ExcelWriter(wb, archive).write_data()
    return buffer.getvalue()


def _lines(text: str, width: float) -> int:
    """Wrapped line count of ``text`` in a column ``width`` characters wide; CJK characters count twice."""
    return len(_wrapped(text, width))


def column_widths(sheet: Sheet) -> list[float]:
    """Widths in characters: the column's own width, narrowed to its longest line, never below its longest word.

    Spreadsheet widths count Latin digits; a CJK character takes two (text_ems counts it as one em).
    """
    widths = []
    for index, column in enumerate(sheet.columns):
        texts = set((column.title, *(values[index] for values in sheet.rows)))  # names and codes repeat
        longest_word = max(unbreakable_ems(t) for t in texts) * 2 + 2
        longest_line = max(natural_ems(t) for t in texts) * 2 + 2
        # A form to fill in keeps its columns' widths: a blank column is room to write, not empty space.
        wanted = column.width if sheet.fit == "weights" else min(column.width, longest_line)
        widths.append(round(max(longest_word, wanted), 1))
    return widths


def _wrapped(text: str, width: float) -> list[tuple[str, bool]]:
    """``text`` cut into the lines a column ``width`` characters wide shows, each with whether a paragraph
    ends there; CJK characters count twice."""
    # 10% short of the column: LibreOffice and Excel break Latin runs such as "Q/JL081501-A《…》" at word
    # boundaries, which leaves lines shorter than the character count says; an underestimate clips the cell.
    room = int(max(1.0, (width - 1.5) * 0.9))
    out: list[tuple[str, bool]] = []
    for paragraph in text.split("\n"):
        if 2 * len(paragraph) <= room or len(paragraph) + len(_WIDE.findall(paragraph)) <= room:  # one line
            out.append((paragraph, True))
            continue
        start, used = 0, 0
        for i, ch in enumerate(paragraph):
            size = 2 if ord(ch) > 0x2E80 else 1
            if used + size > room and i > start:
                out.append((paragraph[start:i], False))
                start, used = i, 0
            used += size
        out.append((paragraph[start:], True))
    return out


def split_row(values: tuple[str, ...], widths: list[float]) -> list[tuple[str, ...]]:
    """One table row as rows no taller than Excel allows: a cell longer than _MAX_LINES lines continues,
    at a line boundary, in the same column of the following rows (whose other cells stay empty)."""
    return [row for row, _ in _split_row(values, widths)]


def _split_row(values: tuple[str, ...], widths: list[float]) -> list[tuple[tuple[str, ...], int]]:
    """``split_row``, each row with its wrapped line count (each cell is wrapped once, for both)."""
    pieces: list[list[str]] = []
    counts: list[int] = []
    for value, width in zip(values, widths, strict=True):
        lines = _wrapped(value, width)
        counts.append(len(lines))
        chunks = [lines[k:k + _MAX_LINES] for k in range(0, len(lines), _MAX_LINES)]
        pieces.append(["".join(text + ("\n" if end else "") for text, end in chunk).rstrip("\n") for chunk in chunks]
                      if len(chunks) > 1 else [value])
    count = max(len(p) for p in pieces)
    if count == 1:
        return [(values, max(counts))]
    rows = [tuple(p[k] if k < len(p) else "" for p in pieces) for k in range(count)]
    return [(row, max(_lines(v, w) for v, w in zip(row, widths, strict=True))) for row in rows]


class _Out:
    """A write-only sheet's rows in order, with the style of each look made once and copied to each cell.

    Why copies: openpyxl looks each style object up in the workbook's tables on every assignment, which
    dominated large registers.
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws, self.row = ws, 0  # row: the last written
        self.styles: dict[tuple[str, str], StyleArray] = {}

    def cell(self, value: object, look: str | None = None, number_format: str = "General") -> Cell:
        cell = WriteOnlyCell(self.ws, value)
        if isinstance(value, str):
            # openpyxl stores a string starting with `=` as a formula, so a title such as `=HYPERLINK(…)`
            # in the YAML would run in the auditor's spreadsheet program.
            cell.data_type = "s"
        if look is not None:
            style = self.styles.get((look, number_format))
            if style is None:
                for name, attr in _STYLES[look].items():
                    setattr(cell, name, attr)
                cell.number_format = number_format
                style = self.styles[(look, number_format)] = copy(cell._style)
            cell._style = style  # shared: a written cell is never restyled
        return cell

    def put(self, cells: list[Cell | None], height: float | None = None, row: int | None = None) -> int:
        """Write ``cells`` as the next row (or as ``row``, after empty ones); returns its number."""
        while row is not None and self.row + 1 < row:
            self.ws.append([])
            self.row += 1
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height  # set before the row is streamed out
        self.ws.append(cells)
        return self.row

    def merge(self, row: int, first: int, last: int) -> None:
        if last > first:
            self.ws.merged_cells.add(CellRange(min_col=first, min_row=row, max_col=last, max_row=row))


def _typed(out: _Out, value: str, kind: str, look: str, row: int = 0, refs: dict[str, str] | None = None) -> Cell:
    """A number (in a number column) or an ISO date stored as one, so it sorts, filters and sums; a Formula
    (made by the tool, never from project text) as a formula; else text."""
    if isinstance(value, Formula):
        expr = value.expr.replace("{row}", str(row))
        for key, ref in (refs or {}).items():
            expr = expr.replace("{sheet:" + key + "}", ref)
        cell = out.cell(None, look, "0" if kind == "number" else "General")
        cell.value = "=" + expr
        cell.data_type = "f"
        return cell
    if kind == "number" and value.isdigit() and len(value) < 12:
        return out.cell(int(value), look)
    # An ISO date is a date in any column (the master list's effective and review dates too); no title or
    # code is written as a bare yyyy-mm-dd.
    if _ISO_DATE.match(value):
        try:
            return out.cell(dt.date.fromisoformat(value), look, "yyyy-mm-dd")
        except ValueError:
            pass
    return out.cell(value, look)


def _title(name: str, index: int) -> str:
    cleaned = _BAD_TITLE.sub("-", name)[:31].strip("'") or f"Sheet{index + 1}"
    return cleaned


def _titles(book: Book) -> list[str]:
    """Sheet tab names, made unique (a project's labels may give two sheets one name)."""
    out: list[str] = []
    for index, sheet in enumerate(book.sheets):
        title = _title(sheet.name, index)
        n = 2
        while title.casefold() in (t.casefold() for t in out):
            suffix = f" ({n})"
            title = _title(sheet.name, index)[:31 - len(suffix)] + suffix
            n += 1
        out.append(title)
    return out


def _write_sheet(ws: WriteOnlyWorksheet, sheet: Sheet, book: Book, first: bool, refs: dict[str, str]) -> None:
    width = len(sheet.columns)
    last = get_column_letter(width)
    spans = _spans(sheet)
    field_rows = -(-len(sheet.header) // len(spans)) + 1 if sheet.header else 0  # and a blank line after
    header_row = 2 + field_rows
    widths = column_widths(sheet)
    total = sum(widths)  # merged title, header, notes and sign-off rows span every column
    # A write-only sheet streams its column widths, panes and page setup with the first row: set them now.
    for col, column_width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = column_width
    ws.freeze_panes = f"A{header_row + 1}"
    _page_setup(ws, book, sheet, header_row)
    out = _Out(ws)
    heading = sheet.form.title if sheet.form else (book.title if first else sheet.name)
    out.merge(out.put([out.cell(heading, "title")], 22), 1, width)
    if sheet.header:
        _header_fields(out, sheet, spans)
    # The heading row as tall as its most wrapped title: a fixed height clipped "Q/FL2.0702" to "Q/".
    out.put([out.cell(c.title, "heading") for c in sheet.columns],
            _height(max(_lines(c.title, w) for c, w in zip(sheet.columns, widths, strict=True))), header_row)
    looks = ["body_center" if c.center else "body" for c in sheet.columns]
    for whole in sheet.rows:
        for values, lines in _split_row(whole, widths):
            # Explicit heights: LibreOffice does not grow rows to fit wrapped text when it opens a file.
            line = out.row + 1
            out.put([_typed(out, value, column.kind, look, line, refs)
                     for column, value, look in zip(sheet.columns, values, looks, strict=True)],
                    _height(max(sheet.row_lines, lines)))
    last_row = max(out.row, header_row + 1)
    ws.auto_filter.ref = f"A{header_row}:{last}{last_row}"
    for col, column in enumerate(sheet.columns, 1):
        if column.choices and _listable(column.choices):
            # A stop rule: the result column takes only the listed codes, so results can be counted.
            rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
                                  showErrorMessage=True, errorStyle="stop",
                                  error=("、" if book.language == "zh" else ", ").join(column.choices))
            letter = get_column_letter(col)
            rule.add(f"{letter}{header_row + 1}:{letter}{max(last_row, header_row + 200)}")
            ws.data_validations.append(rule)
    row = out.row
    for n, note in enumerate(sheet.notes):
        at = max(row, last_row) + 2 if n == 0 else None
        row = out.put([out.cell(note, "note")], _height(_lines(note, total)), at)
        out.merge(row, 1, width)
    if sheet.signoff:
        blank = "＿＿＿＿＿＿＿＿" if book.language == "zh" else "________________"
        text = "        ".join(f"{who}{'：' if book.language == 'zh' else ': '}{blank}" for who in sheet.signoff)
        # Room for a signature below the text.
        row = out.put([out.cell(text, "signoff")], _height(_lines(text, total)) + 12, max(row, last_row) + 2)
        out.merge(row, 1, width)


def _spans(sheet: Sheet) -> list[tuple[int, int]]:
    """The header's field columns (first, last): two fields a row, or one on narrow sheets."""
    widths = [c.width for c in sheet.columns]
    count = len(widths)
    if count < 4:
        return [(1, count)]
    # The second field starts where half the table's width is reached, leaving each value two columns or more.
    half, mid = sum(widths) / 2, 3
    while mid < count - 1 and sum(widths[:mid - 1]) < half:
        mid += 1
    return [(1, mid - 1), (mid, count)]


def _header_fields(out: _Out, sheet: Sheet, spans: list[tuple[int, int]]) -> None:
    """The sheet header as a form block: a shaded label cell and a bordered value cell per field, two fields a
    row (one on narrow sheets); a blank value is the box the auditor fills in."""
    widths = [c.width for c in sheet.columns]
    fields = list(sheet.header)
    for k in range(0, len(fields), len(spans)):
        lines = 1
        cells: list[Cell | None] = [None] * len(widths)
        merges = []
        for (label, value), (first, end) in zip(fields[k:k + len(spans)], spans, strict=False):
            # A label over as many columns as make it 12 characters wide: "序号" alone would wrap "表单编/号".
            stop = first
            while sum(widths[first - 1:stop]) < _LABEL_WIDTH and stop < end - 1:
                stop += 1
            cells[first - 1], cells[stop] = out.cell(label, "label"), out.cell(value, "value")
            for a, b in ((first, stop), (stop + 1, end)):
                for col in range(a + 1, b + 1):
                    cells[col - 1] = out.cell(None, "covered_end" if col == b else "covered")
                merges.append((a, b))
            lines = max(lines, _lines(label, sum(widths[first - 1:stop])), _lines(value, sum(widths[stop:end])))
        row = out.put(cells, _height(lines) + 6)  # room to write in a blank box
        for a, b in merges:
            out.merge(row, a, b)


def _listable(choices: tuple[str, ...]) -> bool:
    """Whether Excel can offer ``choices`` as a drop-down: comma-separated in a quoted formula of ≤ 255 chars.
    Config values are checked on load; a project's labels.j2 could still give others, which get no drop-down."""
    return not any("," in c or '"' in c for c in choices) and len(",".join(choices)) <= 253


def _height(lines: int) -> float:
    return min(_MAX_HEIGHT, _LINE * lines + 4)


def _page_setup(ws: WriteOnlyWorksheet, book: Book, sheet: Sheet, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"  # the column headings on every printed page
    ws.oddHeader.left.text = book.company
    form = sheet.form or book.form
    ws.oddHeader.center.text = sheet.form.title if sheet.form else book.title
    if form:
        ws.oddHeader.right.text = f"{form.number} {form.version}".strip()  # the version once, never twice
    if len(book.sheets) > 1 and book.form is None:
        ws.page_setup.firstPageNumber = 1
        ws.page_setup.useFirstPageNumber = True
        ws.oddFooter.center.text = _SHEET_PAGE.get(book.language, _SHEET_PAGE["en"])
    else:
        ws.oddFooter.center.text = _PAGE.get(book.language, _PAGE["en"])
