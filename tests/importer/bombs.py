"""Hostile .docx files, small on disk: a zip-bombed image, a zip-bombed document.xml, a 2·10⁹-column gridSpan,
an entity declaration and a package listing too many parts. Each is a real Word document otherwise."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx

_CHUNK = b"\0" * (1 << 20)


def _png() -> bytes:
    """A one-pixel PNG: python-docx measures a picture when it is added."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def _base(*, picture: bool = False) -> bytes:
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "文件编号", "QP-09"
    d.add_heading("1 目的", level=1)
    d.add_paragraph("规定一件事。")
    if picture:
        d.add_picture(io.BytesIO(_png()))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _rewrite(data: bytes, path: Path, replace: dict[str, bytes | int], extra: int = 0) -> None:
    """Copy the package to ``path``; an int in ``replace`` makes that part that many MiB of zeros (streamed, so
    the test never holds it), ``extra`` adds that many empty parts."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            value = replace.get(item.filename, source.read(item.filename))
            if isinstance(value, int):
                with out.open(item.filename, "w", force_zip64=True) as part:
                    for _ in range(value):
                        part.write(_CHUNK)
            else:
                out.writestr(item.filename, value)
        for n in range(extra):
            out.writestr(f"customXml/item{n}.bin", b"")


def image_bomb(path: Path, mebibytes: int = 400) -> None:
    """A document whose picture inflates to ``mebibytes`` MiB; its text is an ordinary procedure."""
    data = _base(picture=True)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        media = next(n for n in source.namelist() if n.startswith("word/media/"))
    _rewrite(data, path, {media: mebibytes})


def document_bomb(path: Path, mebibytes: int = 100) -> None:
    """A document.xml of ``mebibytes`` MiB, almost all of it one run of blanks inside the body."""
    data = _base()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("word/document.xml")
    head, tail = xml.split(b"<w:body>")
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item.filename, source.read(item.filename))
                continue
            with out.open(item.filename, "w", force_zip64=True) as part:
                part.write(head + b"<w:body>")
                blanks = b" " * (1 << 20)
                for _ in range(mebibytes):
                    part.write(blanks)
                part.write(tail)


def grid_span(path: Path, span: str = "2000000000") -> None:
    """A table whose first cell claims to span ``span`` grid columns, above a vertically merged cell."""
    data = _base()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("word/document.xml").decode("utf-8")
    cell = '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="4320"/></w:tcPr>'
    first = xml.index(cell)
    xml = (xml[:first] + f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge w:val="restart"/></w:tcPr>'
           + xml[first + len(cell):])
    row_end = xml.index("</w:tr>") + len("</w:tr>")
    merged = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999999999999999"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
              "<w:tc><w:p><w:r><w:t>QP-09</w:t></w:r></w:p></w:tc></w:tr>")
    xml = xml[:row_end] + merged * 2000 + xml[row_end:]
    _rewrite(data, path, {"word/document.xml": xml.encode("utf-8")})


def entity(path: Path) -> None:
    data = _base()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("word/document.xml")
    declared = xml.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>', 1)
    _rewrite(data, path, {"word/document.xml": declared})


def many_parts(path: Path, parts: int = 10_050) -> None:
    _rewrite(_base(), path, {}, extra=parts)
