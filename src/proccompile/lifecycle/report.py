"""The semantic change list as text for a terminal, Markdown for a pull-request comment, or JSON."""

from __future__ import annotations

import json
import re

from proccompile.lifecycle.compare import Side
from proccompile.lifecycle.semantic import Change

DIFF_FORMATS = ("text", "md", "json")
_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def heading(old: Side, new: Side) -> str:
    model = new.doc.model
    return f"{model.code} {model.title}: {old.label} → {new.label}"


def as_text(old: Side, new: Side, changes: list[Change]) -> str:
    lines = [heading(old, new)]
    width = max((len(c.where) for c in changes), default=0)
    for c in changes:
        detail = f"{c.old} → {c.new}" if c.action == "changed" else (c.new if c.action == "added" else c.old)
        lines.append(f"  {_SIGN[c.action]} {c.where:<{width}}  {' '.join(filter(None, (c.action, c.what)))}: {detail}")
    lines.append(_summary(changes))
    return "\n".join(lines) + "\n"


def as_markdown(old: Side, new: Side, changes: list[Change]) -> str:
    lines = [f"### {_cell(heading(old, new))}", ""]
    if changes:
        lines += ["| § | Change | What | Before | After |", "|---|---|---|---|---|"]
        lines += [f"| {_cell(c.where)} | {c.action} | {_cell(c.what)} | {_cell(c.old or '')} | {_cell(c.new or '')} |"
                  for c in changes]
        lines.append("")
    lines.append(_summary(changes))
    return "\n".join(lines) + "\n"


def as_json(old: Side, new: Side, changes: list[Change]) -> str:
    model = new.doc.model
    payload = {
        "code": model.code, "title": model.title,
        "from": {"label": old.label, "version": old.doc.model.version},
        "to": {"label": new.label, "version": model.version},
        "changes": [{"action": c.action, "where": c.where, "what": c.what, "old": c.old, "new": c.new}
                    for c in changes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _summary(changes: list[Change]) -> str:
    counts = {a: sum(c.action == a for c in changes) for a in ("added", "removed", "changed")}
    if not changes:
        return "No content changes."
    return ", ".join(f"{n} {a}" for a, n in counts.items() if n) + "."


# Markdown for a pull-request comment shows the text, never acts on it: HTML and every character that
# starts emphasis, a link, an image, code or a table cell are escaped, and bare URLs (which GitHub turns
# into links by itself) are set as code.
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+")
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _cell(text: str) -> str:
    """``text`` as literal Markdown on one line (a pipe or a line break would end the table cell)."""
    text = " ".join(text.split())
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(_escape(text[last:match.start()]))
        out.append(_code(match.group(0)))
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def _escape(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text)
    return "".join(_HTML.get(char, char) for char in escaped)


def _code(text: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    # Inside a table cell even a code span ends at a pipe.
    return f"{fence} {text.replace('|', '%7C')} {fence}"


RENDERERS = {"text": as_text, "md": as_markdown, "json": as_json}
