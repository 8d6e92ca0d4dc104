"""A Word document as a flat list of located paragraphs and tables, in reading order (python-docx)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph


@dataclass(frozen=True)
class Para:
    number: int
    """1-based position among the body's paragraphs, as the unmapped list names it."""
    text: str
    style: str = ""
    lead: str = ""
    """Bold text at the start of the paragraph (a list number or a label), when there is any."""

    @property
    def where(self) -> str:
        return f"paragraph {self.number}"

    @property
    def is_heading(self) -> bool:
        return self.style.lower().replace(" ", "").startswith(("heading", "title"))


@dataclass(frozen=True)
class Table:
    number: int
    rows: tuple[tuple[str, ...], ...]

    @property
    def where(self) -> str:
        return f"table {self.number}"

    def row_where(self, index: int) -> str:
        return f"table {self.number} row {index + 1}"


Block = Para | Table


@dataclass
class WordDocument:
    body: list[Block]
    header_tables: list[Table] = field(default_factory=list)
    title: str = ""
    identifier: str = ""
    version: str = ""
    keywords: str = ""
    status: str = ""


def read_docx(path: Path) -> WordDocument:
    """Raises ValueError (with the reason) when ``path`` is not a Word document python-docx can open."""
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise ValueError(f"not a .docx Word document ({type(exc).__name__})") from None
    body = _body(document)
    header_tables: list[Table] = []
    for section in document.sections:
        header_tables += [Table(0, rows) for table in section.header.tables if (rows := _rows(table))]
    core = document.core_properties
    return WordDocument(body, header_tables, core.title or "", core.identifier or "", core.version or "",
                        core.keywords or "", core.content_status or "")


def _body(document: DocxDocument) -> list[Block]:
    blocks: list[Block] = []
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            paragraphs += 1
            blocks.append(Para(paragraphs, item.text.strip(), item.style.name if item.style else "", _lead(item)))
        elif isinstance(item, DocxTable):
            tables += 1
            rows = _rows(item)
            if rows:  # a table without rows holds nothing; readers may rely on a header row
                blocks.append(Table(tables, rows))
    return blocks


def _lead(paragraph: DocxParagraph) -> str:
    lead = ""
    for run in paragraph.runs:
        if not run.bold or not run.text:
            break
        lead += run.text
    return lead


def _rows(table: DocxTable) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A horizontally merged cell is returned once per grid column; keep it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        rows.append(tuple(cells))
    return tuple(rows)
