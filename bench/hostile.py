"""Word files `import` must finish within its bounds (20 s, 1 GB) or refuse: the three bombs of the hardening
issue at full size, and the largest documents the limits let through."""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

from corpus import ROOT

sys.path.insert(0, str(ROOT))

from tests.importer import bombs  # noqa: E402

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _with_body(path: Path, body: str) -> None:
    """A copy of the bombs' base document whose body is ``body`` (paragraph XML)."""
    base = bombs._base()
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        xml = source.read("word/document.xml").decode("utf-8")
    head, tail = xml.split("<w:body>")
    document = head + "<w:body>" + body + tail[tail.index("<w:sectPr"):]
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = document.encode("utf-8") if item.filename == "word/document.xml" else source.read(item.filename)
            out.writestr(item.filename, data)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def make_hostile(folder: Path) -> dict[str, Path]:
    """name → file, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {name: folder / f"{name}.docx" for name in
             ("image_bomb", "document_bomb", "grid_span", "most_paragraphs", "largest_draft")}
    bombs.image_bomb(files["image_bomb"], mebibytes=800)
    bombs.document_bomb(files["document_bomb"], mebibytes=2400)
    bombs.grid_span(files["grid_span"])
    letters = random.Random(1)

    def words(n: int) -> str:
        return "".join(letters.choice("质量部门记录表单程序文件检验登记处理顾客投诉") for _ in range(n))

    start = _p("1 目的") + _p(words(20)) + _p("5 工作程序") + _p("5.1 受理")
    # Just under the 50,000 paragraphs import reads.
    _with_body(files["most_paragraphs"], start + "".join(_p(f"质量部 {words(30)}") for _ in range(49_000)))
    # Just under limits.max_file_bytes of text: the largest draft import writes.
    _with_body(files["largest_draft"], start + "".join(_p(f"5.1.{n} 质量部 {words(60)}") for n in range(1, 4600)))
    return files
