"""Audit outputs on top of the check: the checklist, the registers, the recall log, and where-used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.pipeline import CheckResult, check_project, guard_outputs

if TYPE_CHECKING:  # the audit stage is imported lazily, like render, so `check` starts fast
    from proccompile.audit.books import Request
    from proccompile.audit.where import WhereResult
    from proccompile.views.tables import Book


@dataclass
class AuditResult:
    """Outcome of `checklist` and `register`: the check, and the files written (or the text for stdout)."""

    check: CheckResult
    outputs: list[Path] = field(default_factory=list)
    text: str | None = None


def checklist_project(root: Path, out: Path | None, fmt: str, request: Request | None = None) -> AuditResult:
    """Check, derive the audit checklist (or clause coverage), render it, write it; nothing when check fails.

    ``out`` None returns text formats in ``text`` instead of writing. Raises UsageError (from audit/) for
    problems with the command's options, such as an unknown ``--procedure``.
    """
    from proccompile.audit.books import Request, checklist_book

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return AuditResult(checked)
    book = checklist_book(checked.corpus, root, checked.diagnostics, request or Request())
    return render_and_write(checked, book, root, out, fmt)


def register_project(root: Path, out: Path | None, fmt: str, today: dt.date | None = None) -> AuditResult:
    """Check, then write the registers: documents, records, responsibility matrix, external documents, and
    the distribution and recall log; rows past their next review are flagged when ``today`` is given."""
    from proccompile.audit.books import register_book

    checked = check_project(root, today)
    if checked.diagnostics.has_errors:
        return AuditResult(checked)
    return render_and_write(checked, register_book(checked.corpus, root, checked.diagnostics), root, out, fmt)


def render_and_write(checked: CheckResult, book: Book, root: Path, out: Path | None, fmt: str) -> AuditResult:
    from proccompile.render.tabular import render_book
    from proccompile.write.atomic import write_atomic

    files = render_book(book, fmt, root, checked.diagnostics, checked.corpus.config.limits)
    if checked.diagnostics.has_errors:  # a broken project template (PC501): write nothing
        return AuditResult(checked)
    if out is None:  # stdout: one table at most, since several csv tables in a row cannot be parsed
        return AuditResult(checked, text=files[0][1].decode("utf-8-sig"))  # no BOM on a terminal or pipe
    paths = [out if i == 0 else out.with_name(out.name.removesuffix(out.suffix) + suffix)
             for i, (suffix, _) in enumerate(files)]
    guard_outputs(root, paths, checked.corpus)  # every target is judged before the first is written
    for path, (_, data) in zip(paths, files, strict=True):
        write_atomic(path, data)
    return AuditResult(checked, paths)


def where_project(root: Path, code: str) -> tuple[CheckResult, WhereResult]:
    """Check, then find every reference to ``code``; answers even when check has findings."""
    from proccompile.audit.where import where_used

    checked = check_project(root)
    return checked, where_used(checked.corpus, code)
