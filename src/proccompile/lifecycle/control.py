"""Record a periodic review or a withdrawal in a document's own file, without a new version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ruamel.yaml.comments import CommentedSeq

from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.yamledit import append_item, block, set_key
from proccompile.load.house_format import house_yaml
from proccompile.model.control import ReviewResult
from proccompile.model.corpus import AnyDocument

AnyDoc = AnyDocument
# Control records go after the revision history, or in a form without one, under the identifying lines.
_AFTER = ("revisions", "approvals", "effective", "issued", "status", "version")


def plan_review(doc: AnyDoc, by: str, date: dt.date, result: ReviewResult, note: str | None,
                tree: Any = None) -> Any:
    """The file's tree (or ``tree``, an edit of it already planned) with one more entry under `reviews`."""
    model = doc.model
    if model.status != "released":
        raise UsageError(f"`{model.code}` is {model.status}; only documents in force are reviewed", exit_code=1)
    start = model.effective or model.issued
    if start and date < start:
        raise UsageError(f"Review date {date} is before `{model.code}` took effect ({start})", exit_code=1)
    if model.reviews and date < model.reviews[-1].date:
        raise UsageError(f"Review date {date} is before the last review ({model.reviews[-1].date})", exit_code=1,
                         help="Record reviews in the order they happened")
    entry: dict[str, object] = {"date": date, "by": by, "result": result}
    if note:
        entry["note"] = note
    if tree is None:
        tree = house_yaml().load(doc.source.text)
    reviews = tree.get("reviews")
    if isinstance(reviews, CommentedSeq):
        append_item(reviews, block(entry))
    else:
        set_key(tree, "reviews", block([entry]), after=_AFTER)
    return tree


def plan_retire(doc: AnyDoc, reason: str, date: dt.date, replaced_by: str | None = None) -> Any:
    """The file's tree marked obsolete, with the withdrawal date, reason and replacement; its history is kept."""
    model = doc.model
    if model.open_revision is not None:
        raise UsageError(f"`{model.code}` has revision `{model.open_revision.version}` open", exit_code=1,
                         help=f"Release or cancel it first (`proccompile revise {model.code} --cancel`)")
    if replaced_by == model.code:
        raise UsageError(f"`{model.code}` cannot replace itself", help="Give the code of the document that "
                                                                       "takes its place")
    if model.status == "obsolete":
        raise UsageError(f"`{model.code}` is already obsolete", exit_code=1)
    if model.status == "draft":
        raise UsageError(f"`{model.code}` is a draft that was never released", exit_code=1,
                         help="Delete the draft's file instead; only released documents are withdrawn")
    if model.issued and date < model.issued:
        raise UsageError(f"Withdrawal date {date} is before `{model.code}` was issued ({model.issued})", exit_code=1)
    tree = house_yaml().load(doc.source.text)
    set_key(tree, "status", "obsolete", after=("version",))
    withdrawal: dict[str, object] = {"date": date, "reason": reason}
    if replaced_by:
        withdrawal["replaced_by"] = replaced_by
    set_key(tree, "withdrawn", block(withdrawal), after=("effective", "issued", "status", "version"))
    return tree
