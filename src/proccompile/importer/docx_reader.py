"""A Word document as located paragraphs and tables in reading order, and every other text it holds.

python-docx opens the (already checked) package and gives styles, headers, footers and properties; the
body is walked as XML because python-docx's paragraph text leaves out tracked insertions, content
controls, smart tags and simple fields, and expands a table's merged cells one grid column at a time
(a crafted gridSpan of 2·10⁹ would never finish). Here a cell is read once, whatever it spans.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from proccompile.importer.lists import ListStyles, xpath_string
from proccompile.importer.package import Refused, open_word

# A procedure has a few thousand paragraphs and cells; past this the file is refused rather than read slowly.
MAX_UNITS = 50_000
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_P, _TBL, _TR, _TC, _R, _SDT = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:r", "w:sdtContent"))
# Runs under these are not the paragraph's current text: deleted or moved away, or a text box's own.
_NOT_OWN = frozenset(qn(t) for t in ("w:del", "w:moveFrom", "w:p", "w:txbxContent"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Shapes drawn as one drawing: a group (DrawingML or VML) or a drawing canvas.
_GROUPS = frozenset(("{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}wgp",
                     "{http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas}wpc",
                     "{urn:schemas-microsoft-com:vml}group"))
_T, _BR, _CR, _HYPHEN, _VAL, _TYPE = (qn(t) for t in ("w:t", "w:br", "w:cr", "w:noBreakHyphen", "w:val", "w:type"))
_TABS = frozenset(qn(t) for t in ("w:tab", "w:ptab"))
_BOLD = f"{qn('w:rPr')}/{qn('w:b')}"
_STYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"
_NOTES_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True)


@dataclass(frozen=True)
class Para:
    number: int
    """1-based position among its part's paragraphs, as the unmapped list names it."""
    text: str
    style: str = ""
    lead: str = ""
    """Bold text at the start of the paragraph (a list number or a label), when there is any."""
    bullet: bool = False
    """A bulleted item of a Word list (the bullet is not in the text)."""
    numbered: bool = False
    """A numbered item of a Word list (the number is not in the text)."""
    place: str = ""
    """Where the paragraph stands when not in the body: `page header`, `page footer 2`."""

    @property
    def where(self) -> str:
        return f"{self.place} paragraph {self.number}" if self.place else f"paragraph {self.number}"

    @property
    def is_heading(self) -> bool:
        return self.style.lower().replace(" ", "").startswith(("heading", "title", "标题"))


@dataclass(frozen=True)
class Table:
    number: int
    rows: tuple[tuple[str, ...], ...]
    """Each row's cells, a merged cell once."""
    keys: tuple[tuple[str, ...], ...] = ()
    """Per cell, the name of the source cell its text is (a vertically merged cell is one source cell)."""
    columns: tuple[tuple[int, ...], ...] = ()
    """Per cell, the grid column it starts at."""
    place: str = ""

    @property
    def where(self) -> str:
        return f"{self.place} table {self.number}" if self.place else f"table {self.number}"

    def row_where(self, index: int) -> str:
        return f"{self.where} row {index + 1}"

    def cell_where(self, row: int, index: int) -> str:
        if self.keys:
            return self.keys[row][index]
        return f"{self.row_where(row)} cell {index + 1}"

    def at(self, row: int, grid: int) -> int | None:
        """Index of the cell of ``row`` that covers grid column ``grid``."""
        if not 0 <= row < len(self.rows):
            return None
        if not self.columns:
            return grid if 0 <= grid < len(self.rows[row]) else None
        index = bisect.bisect_right(self.columns[row], grid) - 1  # starts ascend: a span is never negative
        return index if index >= 0 else None

    def grid(self, row: int, index: int) -> int:
        return self.columns[row][index] if self.columns else index


Block = Para | Table


@dataclass(frozen=True)
class Extra:
    """Text the importer does not read (a text box, a table inside a cell, a footnote), listed as such."""

    where: str
    text: str
    reason: str


@dataclass
class WordDocument:
    body: list[Block]
    furniture: list[Block] = field(default_factory=list)
    """Paragraphs and tables of the page headers and footers."""
    extras: list[Extra] = field(default_factory=list)
    title: str = ""
    identifier: str = ""
    version: str = ""
    keywords: str = ""
    status: str = ""

    @property
    def header_tables(self) -> list[Table]:
        return [b for b in self.furniture if isinstance(b, Table)]


def read_docx(path: Path, max_bytes: int = 20_000_000) -> WordDocument:
    """Raises Refused (a ValueError) with the reason when ``path`` cannot be read as a Word document."""
    document = open_word(path, max_bytes)
    body = document.element.body
    units = int(etree._Element.xpath(body, "count(.//w:p) + count(.//w:tc)", namespaces=_NS))
    if units > MAX_UNITS:
        raise Refused(f"it holds {units:,} paragraphs and table cells; import reads at most {MAX_UNITS:,}")
    reader = _Reader(_style_names(document), ListStyles.of(document))
    blocks = reader.blocks(body, "")
    furniture: list[Block] = []
    for place, element in _page_parts(document):
        furniture += reader.blocks(element, place)
    reader.notes(document)
    core = document.core_properties
    return WordDocument(blocks, furniture, reader.extras, core.title or "", core.identifier or "",
                        core.version or "", core.keywords or "", core.content_status or "")


def _style_names(document: Document) -> dict[str, str]:
    return {style.style_id: style.name or "" for style in document.styles}


def _page_parts(document: Document) -> list[tuple[str, etree._Element]]:
    """(name, root) of every page header and footer part, headers first, each once."""
    found: dict[str, list[tuple[str, etree._Element]]] = {"page header": [], "page footer": []}
    seen = set()
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        part = rel.target_part
        if part.partname in seen:
            continue
        seen.add(part.partname)
        kind = "page header" if rel.reltype == RT.HEADER else "page footer"
        found[kind].append((str(part.partname), part.element))
    parts = []
    for kind, items in found.items():
        for n, (_, element) in enumerate(sorted(items, key=lambda item: item[0]), 1):
            parts.append((kind if len(items) == 1 else f"{kind} {n}", element))
    return parts


class _Reader:
    def __init__(self, styles: dict[str, str], lists: ListStyles) -> None:
        self.styles, self.lists = styles, lists
        self.extras: list[Extra] = []

    def blocks(self, container: etree._Element, place: str) -> list[Block]:
        found: list[Block] = []
        counts = {"p": 0, "t": 0}
        for element in _block_elements(container):
            if element.tag == _P:
                counts["p"] += 1
                para = self.para(element, counts["p"], place)
                found.append(para)
                self._text_boxes(element, para.where)
            else:
                counts["t"] += 1
                table = self.table(element, counts["t"], place)
                if table.rows:
                    found.append(table)
        return found

    def para(self, p: etree._Element, number: int, place: str) -> Para:
        found = p.find(_STYLE)
        style_id = found.get(_VAL, "") if found is not None else ""
        kind = self.lists.kind(p, style_id)
        return Para(number, paragraph_text(p).strip(), self.styles.get(style_id, ""), _lead(p),
                    kind == "bullet", kind == "number", place)

    def table(self, tbl: etree._Element, number: int, place: str) -> Table:
        where = f"{place} table {number}" if place else f"table {number}"
        rows, keys, columns = [], [], []
        above: dict[int, tuple[str, str]] = {}  # grid column → (text, key) of the cell a vertical merge continues
        for r, tr in enumerate(tbl.iterchildren(_TR), 1):
            texts, names, starts = [], [], []
            grid = _grid_before(tr)
            for c, tc in enumerate(_cells(tr), 1):
                key = f"{where} row {r} cell {c}"
                content = _block_elements(tc)
                paragraphs = [e for e in content if e.tag == _P]
                text = "\n".join(paragraph_text(p) for p in paragraphs).strip()
                for p in paragraphs:
                    self._text_boxes(p, key)
                for n, inner in enumerate((e for e in content if e.tag == _TBL), 1):
                    self._nested(inner, f"{key}, table {n} inside it")
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val")) != "restart" and not text and grid in above:
                    text, key = above[grid]
                else:
                    above[grid] = (text, key)
                texts.append(text)
                names.append(key)
                starts.append(grid)
                grid += _span(tc)
            rows.append(tuple(texts))
            keys.append(tuple(names))
            columns.append(tuple(starts))
        return Table(number, tuple(rows), tuple(keys), tuple(columns), place)

    def notes(self, document: Document) -> None:
        """Footnotes and endnotes: text of the document the model has no place for, so each is listed."""
        for reltype, kind in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
            for rel in document.part.rels.values():
                if rel.is_external or rel.reltype != reltype:
                    continue
                try:
                    root = etree.fromstring(rel.target_part.blob, _NOTES_PARSER)
                except etree.XMLSyntaxError:
                    continue  # not well-formed: python-docx would not have opened the document either
                for note in root.iterchildren(qn(f"w:{kind}")):
                    if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                        continue
                    text = "\n".join(t for p in note.iter(_P) if (t := paragraph_text(p).strip()))
                    if text:
                        self.extras.append(Extra(f"{kind} {note.get(qn('w:id'))}", text, f"a {kind}"))

    def _nested(self, tbl: etree._Element, where: str) -> None:
        for r, tr in enumerate(tbl.iterchildren(_TR), 1):
            for c, tc in enumerate(_cells(tr), 1):
                text = "\n".join(paragraph_text(p) for p in tc.iter(_P)).strip()
                if text:
                    self.extras.append(Extra(f"{where} row {r} cell {c}", text, "a table inside a table cell"))

    def _text_boxes(self, p: etree._Element, where: str) -> None:
        """Each text box listed once with its text; the text boxes of one drawing (grouped shapes, a canvas: a
        flowchart) listed together as that drawing."""
        boxes = [b for b in p.iter(qn("w:txbxContent")) if not any(a.tag == _FALLBACK for a in b.iterancestors())]
        drawings: dict[etree._Element, list[str]] = {}
        for box in boxes:
            text = "\n".join(t for q in box.iter(_P) if (t := paragraph_text(q).strip()))
            if text:
                groups = [a for a in box.iterancestors() if a.tag in _GROUPS]
                drawings.setdefault(groups[-1] if groups else box, []).append(text)  # the outermost group
        counts = {"drawing": 0, "text box": 0}
        for drawing, texts in drawings.items():
            kind = "text box" if drawing.tag == qn("w:txbxContent") else "drawing"
            counts[kind] += 1
            reason = ("a text box" if kind == "text box"
                      else f"a drawing of {len(texts)} shapes with text, such as a flowchart")
            self.extras.append(Extra(f"{where}, {kind} {counts[kind]}", "\n".join(texts), reason))


def _block_elements(container: etree._Element) -> list[etree._Element]:
    """Paragraphs and tables in reading order, through content controls and custom XML around them."""
    found = []
    for child in container:
        if child.tag in (_P, _TBL):
            found.append(child)
        elif child.tag in (_SDT, qn("w:sdt"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
            found += _block_elements(child)
    return found


def _cells(tr: etree._Element) -> list[etree._Element]:
    """A row's cells, through content controls and custom XML around them."""
    found = []
    for child in tr:
        if child.tag == _TC:
            found.append(child)
        elif child.tag in (qn("w:sdt"), _SDT, qn("w:customXml")):
            found += _cells(child)
    return found


def paragraph_text(p: etree._Element) -> str:
    """The paragraph's current text: every run it holds, inserted ones included, deleted ones not."""
    parts: list[str] = []
    for run in p.iter(_R):
        parent = run.getparent()
        while parent is not None and parent is not p and parent.tag not in _NOT_OWN:
            parent = parent.getparent()
        if parent is p:
            _run_text(run, parts)
    return "".join(parts)


def _run_text(run: etree._Element, parts: list[str]) -> None:
    # As python-docx's run text (tabs, breaks, hyphens), without an XPath query per run.
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _TABS:
            parts.append("\t")
        elif tag == _CR or (tag == _BR and child.get(_TYPE) in (None, "textWrapping")):
            parts.append("\n")
        elif tag == _HYPHEN:
            parts.append("-")


def _lead(p: etree._Element) -> str:
    """Text of the runs at the start of ``p`` set in bold by direct formatting."""
    lead: list[str] = []
    for run in p.iterchildren(_R):
        bold = run.find(_BOLD)
        if bold is None or bold.get(_VAL) in ("0", "false", "off"):
            break
        before = len(lead)
        _run_text(run, lead)
        if len(lead) == before:
            break
    return "".join(lead)


def _span(tc: etree._Element) -> int:
    # Any number Word could not have written counts as one column: the value is never used to expand.
    raw = xpath_string(tc, "w:tcPr/w:gridSpan/@w:val")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 4 else 1


def _grid_before(tr: etree._Element) -> int:
    raw = xpath_string(tr, "w:trPr/w:gridBefore/@w:val")
    return int(raw) if raw.isdigit() and len(raw) < 4 else 0
