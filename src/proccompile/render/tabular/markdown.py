"""Markdown: headings, the sheet header as a list, grouped pipe tables and notes; for review in pull requests."""

from __future__ import annotations

from proccompile.views.tables import Book, FormIdentity, Sheet


def to_markdown(book: Book) -> str:
    lines = [f"# {_inline(book.title)}", "", _inline(book.company)]
    if book.form:
        lines[-1] += f" · {_form(book.form)}"
    for sheet in book.sheets:
        lines += ["", f"## {_inline(sheet.name)}", ""]
        if sheet.form:  # the controlled form this sheet is, once
            quoted = f"《{sheet.form.title}》" if book.language == "zh" else f" “{sheet.form.title}”"
            lines += [f"{_form(sheet.form)}{_inline(quoted)}", ""]
        lines += _sheet(sheet, "：" if book.language == "zh" else ": ")
    return "\n".join(lines).rstrip("\n") + "\n"


def _sheet(sheet: Sheet, colon: str) -> list[str]:
    out: list[str] = []
    if sheet.header:
        out += [f"- {_inline(label)}{colon}{_inline(value) or '—'}" for label, value in sheet.header] + [""]
    for group in sheet.groups:
        if group.title:
            out += [f"### {_inline(group.title)}", ""]
        out.append("| " + " | ".join(_cell(c.title) for c in sheet.columns) + " |")
        out.append("|" + "|".join(":-:" if c.center else "---" for c in sheet.columns) + "|")
        out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in group.rows]
        out.append("")
    out += [f"{_inline(note)}\n" for note in sheet.notes]
    if sheet.signoff:
        # A line to sign on: full-width in Chinese text, escaped underscores (not emphasis) in English.
        blank = "＿＿＿＿" if colon == "：" else "\\_" * 10
        out += [" · ".join(f"{_inline(who)}{colon}{blank}" for who in sheet.signoff), ""]
    return out


def _form(form: FormIdentity) -> str:
    return _inline(f"{form.number} {form.version}".strip())


def _inline(text: str) -> str:
    return _html_escaped(text).replace("\n", " ")


def _cell(text: str) -> str:
    # A pipe would end the cell and a newline the row; <br> keeps multi-line cells readable on GitHub.
    return _html_escaped(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _html_escaped(text: str) -> str:
    # Markdown passes raw HTML through: a title holding <img onerror=…> or <script> would run in a viewer.
    # Without < no tag can start; & alone only spells an entity, which shows as text.
    return text.replace("<", "&lt;").replace(">", "&gt;")
