"""Format diagnostics as text (full, concise), JSON or GitHub annotations; returns strings, prints nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable

from proccompile.diagnostics.codes import Severity
from proccompile.diagnostics.model import Diagnostic, Diagnostics

FORMATS = ("full", "concise", "json", "github")


def render(bag: Diagnostics, fmt: str, *, files: int, color: bool = False) -> str:
    items = list(bag)
    if fmt == "json":
        return json.dumps(_as_json(items, bag, files), ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = [_github(d) for d in items]
    elif fmt == "concise":
        lines = [_concise(d) for d in items]
    else:
        lines = [_full(d, color) for d in items]
    lines.append(summary(bag, files))
    return "\n".join(lines)


def summary(bag: Diagnostics, files: int) -> str:
    errors, warnings = bag.count(Severity.ERROR), bag.count(Severity.WARNING)
    if not errors and not warnings:
        return f"All checks passed ({_plural(files, 'file')})."
    with_findings = len({d.span.path for d in bag})
    parts = [p for p in (_plural(errors, "error") if errors else "", _plural(warnings, "warning") if warnings else "") if p]
    return f"Found {' and '.join(parts)} in {_plural(with_findings, 'file')}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _location(d: Diagnostic) -> str:
    span = d.span
    return f"{span.path}:{span.line}:{span.col}" if span.line else span.path


def _concise(d: Diagnostic) -> str:
    tag = "" if d.severity is Severity.ERROR else f" [{d.severity.value}]"
    return f"{_location(d)}: {d.code.id}{tag} {d.message}"


def _full(d: Diagnostic, color: bool) -> str:
    head = f"{d.severity.value}[{d.code.id}]"
    if color:
        tint = "\x1b[1;31m" if d.severity is Severity.ERROR else "\x1b[1;33m"
        head = f"{tint}{head}\x1b[0m"
    lines = [f"{head}: {d.message}", f" --> {_location(d)}"]
    lines += _snippet(d.span)
    for related in d.related:
        lines.append(f"note: {related.message}")
        lines.append(f" --> {related.span.path}:{related.span.line}:{related.span.col}")
    if d.help:
        lines.append(f"help: {d.help}")
    lines.append("")
    return "\n".join(lines)


def _snippet(span) -> list[str]:  # type: ignore[no-untyped-def]
    if span.source_line is None or not span.line:
        return []
    number = str(span.line)
    pad = " " * len(number)
    text = span.source_line.replace("\t", " ")
    caret = " " * (span.col - 1) + "^" * max(1, span.width)
    return [f"{pad} |", f"{number} | {text}", f"{pad} | {caret}", f"{pad} |"]


def _github(d: Diagnostic) -> str:
    level = "error" if d.severity is Severity.ERROR else "warning"
    where = f"file={d.span.path}"
    if d.span.line:
        where += f",line={d.span.line},col={d.span.col}"
    message = d.message + (f" (help: {d.help})" if d.help else "")
    return f"::{level} {where},title={d.code.id} {d.code.slug}::{_escape(message)}"


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _as_json(items: Iterable[Diagnostic], bag: Diagnostics, files: int) -> dict:
    return {
        "diagnostics": [
            {
                "code": d.code.id,
                "slug": d.code.slug,
                "severity": d.severity.value,
                "message": d.message,
                "path": d.span.path,
                "line": d.span.line,
                "col": d.span.col,
                "help": d.help,
                "related": [
                    {"message": r.message, "path": r.span.path, "line": r.span.line, "col": r.span.col}
                    for r in d.related
                ],
            }
            for d in items
        ],
        "summary": {
            "errors": bag.count(Severity.ERROR),
            "warnings": bag.count(Severity.WARNING),
            "files": files,
        },
    }
