"""Wording: a step's text must not contradict its own fields (立即 beside a time limit)."""

from __future__ import annotations

import re

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.refs import steps

# Words that set no time at all: "immediately" next to `time_limit: 24h` leaves the auditor two limits.
_AT_ONCE = re.compile(r"立即|立刻|马上|即刻|\bimmediately\b|\bat once\b|\bwithout delay\b", re.IGNORECASE)


def immediate_with_limit(corpus: Corpus, bag: Diagnostics) -> None:
    for doc in corpus.documents():
        for loc, step in steps(doc.model):
            found = _AT_ONCE.search(step.text) if step.time_limit is not None else None
            if found and step.time_limit is not None:
                bag.add("PC322", f"The step says `{found.group()}` but has a time limit of {step.time_limit}",
                        doc.span(*loc, "time_limit"),
                        help="Say which applies: drop the word from the text, or split the urgent case into its "
                             "own step with its own `time_limit`")


# A limit that runs before an event, in the step's own words: 提前5个工作日, 开始前30天, 5天前, at least two
# weeks before, 3 days prior to, in advance. A bare "before release" only orders two steps and is no limit.
# `before: true` and an `anchor` say it in the YAML.
_CJK_NUMBER = r"[\d一二三四五六七八九十两半]+\s*(?:个)?(?:分钟|小时|天|日|工作日|周|星期|个月|月|年)"
_NUMBER = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty)"
_UNIT = r"(?:min(?:ute)?s?|h(?:ours?)?|(?:working |calendar |business )?days?|weeks?|months?|years?)"
BEFORE_WORDS = re.compile(
    rf"提前\s*(?:至少|不少于)?\s*{_CJK_NUMBER}|(?:之|以)?前\s*(?:至少|不少于)?\s*{_CJK_NUMBER}"
    rf"|{_CJK_NUMBER}(?:之|以)?前"
    rf"|\b{_NUMBER}[\s-]+{_UNIT}\s+(?:before|prior to|ahead of|in advance)\b|\bin advance\b", re.IGNORECASE)


def before_without_anchor(corpus: Corpus, bag: Diagnostics) -> None:
    """A step whose text sets its limit before an event, while the YAML counts it after one (the default)."""
    for doc in corpus.documents():
        for loc, step in steps(doc.model):
            if step.time_limit is None or step.before:
                continue
            found = BEFORE_WORDS.search(step.text)
            if found:
                bag.add("PC325", f"The step says `{found.group()}`, a limit before an event, but its "
                        f"time limit of {step.time_limit} counts after one", doc.span(*loc, "time_limit"),
                        help="Add `before: true` and the event as `anchor` (e.g. anchor: 销售季节开始), so "
                             "the checklist asks whether it is done that long before the event")
