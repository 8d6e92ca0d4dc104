"""The reader sees all the text of a Word file: tracked insertions, content controls, smart tags and fields
count; deletions do not; text boxes, tables inside cells and footnotes are listed, never dropped."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

from proccompile.importer.docx_reader import Extra, Para, Table, read_docx
from tests.helpers import run_split

BASE = Path(__file__).parents[1] / "cases" / "base"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"'
BODY = [
    f'<w:p {NS}><w:r><w:t>1 目的</w:t></w:r></w:p>',
    # An insertion and a smart tag count, a deletion does not; a simple field's shown result counts.
    f'<w:p {NS}><w:r><w:t xml:space="preserve">规定 </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>插入的</w:t>'
    f'</w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
    f'<w:smartTag w:uri="u" w:element="date"><w:r><w:t>2024年3月1日</w:t></w:r></w:smartTag>'
    f'<w:fldSimple w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>',
    # A content control around a paragraph, and a text box inside one.
    f'<w:sdt {NS}><w:sdtContent><w:p><w:r><w:t>受控的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    f'<w:p {NS}><w:r><w:t>旁边有文本框</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
    f'<w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>',
    # A table inside a table cell; a content control and a text box in the next cell.
    f'<w:tbl {NS}><w:tr><w:tc><w:p><w:r><w:t>外层</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内层</w:t>'
    f'</w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc><w:sdt><w:sdtContent><w:p><w:r><w:t>控件里</w:t></w:r>'
    f'<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>格里的框</w:t></w:r></w:p></w:txbxContent>'
    f'</v:textbox></v:shape></w:pict></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>',
]


def _document(path: Path) -> None:
    d = docx.Document()
    body = d.element.body
    for xml in BODY:
        body.insert(len(body) - 1, parse_xml(xml))
    d.save(str(path))


def test_every_text_is_read_or_kept_for_listing(tmp_path: Path) -> None:
    _document(tmp_path / "a.docx")
    doc = read_docx(tmp_path / "a.docx")
    paragraphs = [b.text for b in doc.body if isinstance(b, Para)]
    assert paragraphs == ["1 目的", "规定 插入的2024年3月1日7", "受控的段落", "旁边有文本框"]
    tables = [b for b in doc.body if isinstance(b, Table)]
    assert tables[0].rows == (("外层", "控件里"),)
    assert doc.extras == [Extra("paragraph 4, text box 1", "文本框里的字", "a text box"),
                          Extra("table 1 row 1 cell 1, table 1 inside it row 1 cell 1", "内层",
                                "a table inside a table cell"),
                          Extra("table 1 row 1 cell 2, text box 1", "格里的框", "a text box")]


def test_footnotes_are_listed(tmp_path: Path) -> None:
    root = tmp_path / "qms"
    shutil.copytree(BASE, root)
    d = docx.Document()
    d.add_heading("1 目的", 1)
    d.add_paragraph("规定一件事。")
    buffer = io.BytesIO()
    d.save(buffer)
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>脚注的文字</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(root / "note.docx", "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", notes)
    code, output, _ = run_split(["import", "note.docx", "-o", "drafts"], root)
    assert code == 0
    assert "  note.docx: footnote 1: not mapped (a footnote): 脚注的文字" in output.splitlines()


def _box(text: str) -> str:
    return (f"<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
            "</wps:wsp>")


def test_a_drawing_of_grouped_shapes_is_listed_once_with_all_its_text(tmp_path: Path) -> None:
    """A flowchart drawn as grouped shapes (nested groups too), on a canvas or as a VML group is one drawing, not a
    text box per shape; a lone text box beside it stays a text box, and empty shapes count for nothing."""
    ns = (f'{NS} xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
          'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    group = f"<wpg:wgp>{_box('开始')}<wpg:grpSp>{_box('5.1.1 确认')}{_box('')}</wpg:grpSp>{_box('结束')}</wpg:wgp>"
    canvas = f"<wpc:wpc>{_box('合格？')}{_box('是')}</wpc:wpc>"
    vml = ('<w:pict><v:group><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:txbxContent>'
           '</v:textbox></v:shape><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>乙</w:t></w:r></w:p>'
           '</w:txbxContent></v:textbox></v:shape></v:group></w:pict>')
    lone = ('<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>旁注</w:t></w:r></w:p></w:txbxContent>'
            '</v:textbox></v:shape></w:pict>')
    d = docx.Document()
    body = d.element.body
    body.insert(0, parse_xml(f'<w:p {ns}><w:r><w:t>流程图如下</w:t></w:r><w:r>{group}</w:r><w:r>{lone}</w:r>'
                             f'<w:r>{canvas}</w:r><w:r>{vml}</w:r></w:p>'))
    d.save(str(tmp_path / "a.docx"))
    doc = read_docx(tmp_path / "a.docx")
    assert [b.text for b in doc.body if isinstance(b, Para)] == ["流程图如下"]
    reason = "a drawing of {} shapes with text, such as a flowchart"
    assert doc.extras == [Extra("paragraph 1, drawing 1", "开始\n5.1.1 确认\n结束", reason.format(3)),
                          Extra("paragraph 1, text box 1", "旁注", "a text box"),
                          Extra("paragraph 1, drawing 2", "合格？\n是", reason.format(2)),
                          Extra("paragraph 1, drawing 3", "甲\n乙", reason.format(2))]
