"""Diffs on top of the check: the semantic change list between two versions, and the Word redline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.pipeline import CheckResult, check_project
from proccompile.pipeline.lifecycle import blocking, find_document

if TYPE_CHECKING:
    from proccompile.lifecycle.compare import Side
    from proccompile.lifecycle.semantic import Change


@dataclass
class DiffResult:
    check: CheckResult
    old: Side
    new: Side
    changes: list[Change]


def diff_project(root: Path, code: str, from_rev: str | None, to_rev: str | None) -> DiffResult:
    """The semantic changes of ``code`` between two revisions (default: the version in force, or the previous
    release → the working tree)."""
    from proccompile.lifecycle.compare import default_from, resolve
    from proccompile.lifecycle.semantic import semantic_diff
    from proccompile.model.display import department_name

    checked = check_project(root)
    current = find_document(checked.corpus, code)
    new = resolve(root, checked.corpus, current, to_rev)
    old = resolve(root, checked.corpus, current, from_rev or default_from(checked.corpus, new.doc))
    changes = semantic_diff(old.doc.model, new.doc.model, lambda dept: department_name(checked.corpus, dept),
                            checked.corpus.doctype(current.kind).chapters)
    return DiffResult(checked, old, new, changes)


def redline_project(root: Path, diff: DiffResult) -> bytes | None:
    """The newer side as a Word document with tracked changes against the older, marked as an uncontrolled
    review copy; None when the project has errors (other than the document's own unreleased edits) or
    rendering fails."""
    from proccompile.render.redline import redline

    if blocking(diff.check, diff.new.doc.model.code):
        return None
    return redline(diff.check.corpus, root, diff.old.doc, diff.new.doc, diff.check.diagnostics)
