"""What a time limit means for the auditor: how long, counted from or to which event, and in which direction."""

from __future__ import annotations

from typing import Any

from proccompile.model import Corpus
from proccompile.model.display import time_limit_text
from proccompile.model.numbering import numbering_in
from proccompile.model.procedure import Procedure
from proccompile.model.text_width import text_ems
from proccompile.validate.wording import BEFORE_WORDS


def limit_facts(corpus: Corpus, p: Procedure, i: int, j: int, language: str) -> dict[str, Any]:
    """Template values of step ``j`` of subsection ``i``, which has a time limit.

    ``direction``: ``after`` (done within the limit after the event), ``before`` (done at least the limit before
    it) or ``unclear`` (the text speaks of a limit before an event but the YAML does not say so: PC325 in
    ``check``; the question then names the limit without claiming either). ``event_kind`` says where the event
    comes from: the step's ``anchor``, the ``previous`` step of the subsection, or ``none`` (the first step,
    which names no event: the question says the procedure leaves it open).
    """
    step = p.process[i].steps[j]
    assert step.time_limit is not None
    duration = step.time_limit.display(language)
    if language == "zh":
        duration = duration.replace(" ", "")  # "24 小时" beside "2个工作日" reads as two authors
    if step.before:
        direction = "before"
    elif BEFORE_WORDS.search(step.text):
        direction = "unclear"
    else:
        direction = "after"
    if step.anchor is not None:
        event_kind, event, event_section = "anchor", step.anchor, ""
    elif j > 0:
        previous = p.process[i].steps[j - 1]
        event_kind, event, event_section = "previous", _short(previous.text), numbering_in(corpus, p).step(i, j - 1)
    else:
        event_kind, event, event_section = "none", "", ""
    limit = time_limit_text(step, language)
    return {"duration": duration, "direction": direction, "event_kind": event_kind, "event": event,
            "event_section": event_section, "limit": limit.replace(" ", "") if language == "zh" else limit}


def _short(text: str, size: float = 24) -> str:
    """The first clause of a step, at most ``size`` ems (24 CJK characters), to name it as the event a limit runs
    from."""
    first = text.strip().rstrip("。．.；;")
    for mark in ("，", "；", "。", ", ", "; "):
        head = first.split(mark)[0]
        if head and len(head) < len(first):
            first = head
    if text_ems(first) <= size:
        return first
    cut = first
    while cut and text_ems(cut) > size - 1:
        cut = cut[:-1]
    if " " in cut and first[len(cut):len(cut) + 1] not in (" ", ""):
        cut = cut.rsplit(" ", 1)[0]  # English is cut between words
    return cut.rstrip() + "…"
