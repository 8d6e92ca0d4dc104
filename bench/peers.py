"""The peers: the same documents through docxtpl (one prepared template) and pandoc (markdown, one process each).

Both get every text of the document, grouped under its top-level keys, and one table (the first list
of mappings: records of a procedure, fields of a form), which is about what our documents print.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [] if value is None else [str(value)]


def content(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    sections = [{"title": str(key), "paragraphs": _texts(value)} for key, value in data.items()
                if key not in ("code", "title", "version")]
    table = next((v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)), [])
    rows = [{"cells": (_texts(row) + ["", "", ""])[:3]} for row in table]
    return {"code": data.get("code", ""), "title": data.get("title", ""), "version": data.get("version", ""),
            "sections": sections, "rows": rows}


def docxtpl_available() -> bool:
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return False
    return True


def docxtpl_template(path: Path) -> None:
    """A Word template with the same parts: title block, sections of paragraphs, a three-column table."""
    import docx

    document = docx.Document()
    document.add_paragraph("{{ code }}    {{ version }}")
    document.add_heading("{{ title }}", level=1)
    document.add_paragraph("{%p for s in sections %}")
    document.add_heading("{{ s.title }}", level=2)
    document.add_paragraph("{%p for p in s.paragraphs %}")
    document.add_paragraph("{{ p }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("A", "B", "C"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for cell, index in zip(table.rows[2].cells, range(3), strict=True):
        cell.text = f"{{{{ r.cells[{index}] }}}}"
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    document.save(path)


def time_docxtpl(paths: list[Path]) -> float:
    """Seconds to render ``paths`` with docxtpl in this process, bytes to memory."""
    from docxtpl import DocxTemplate

    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.docx"
        docxtpl_template(template)
        start = time.perf_counter()
        for path in paths:
            document = DocxTemplate(template)
            document.render(content(path))
            document.save(io.BytesIO())
        return time.perf_counter() - start


def markdown(path: Path) -> str:
    c = content(path)
    lines = [f"# {c['title']}", "", f"{c['code']}    {c['version']}", ""]
    for section in c["sections"]:
        lines += [f"## {section['title']}", ""] + [line for p in section["paragraphs"] for line in (p, "")]
    if c["rows"]:
        lines += ["| A | B | C |", "|---|---|---|"]
        lines += ["| " + " | ".join(cell.replace("|", "/").replace("\n", " ") for cell in r["cells"]) + " |"
                  for r in c["rows"]]
    return "\n".join(lines) + "\n"


def pandoc_available() -> bool:
    return shutil.which("pandoc") is not None


def time_pandoc(paths: list[Path]) -> float:
    """Seconds to convert ``paths`` with one pandoc process each (markdown written beforehand, not timed)."""
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for index, path in enumerate(paths):
            source = Path(folder) / f"{index}.md"
            source.write_text(markdown(path), encoding="utf-8")
            sources.append(source)
        start = time.perf_counter()
        for source in sources:
            subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(source.with_suffix(".docx")),
                            str(source)], check=True)
        return time.perf_counter() - start
