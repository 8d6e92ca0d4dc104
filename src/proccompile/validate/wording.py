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
