"""A table cell naming records: title and printed form number on separate lines."""

from __future__ import annotations

from proccompile.model import Corpus
from proccompile.model.display import QUOTES, record_citation


def records_cell(corpus: Corpus, codes: list[str], language: str) -> str:
    # Name and number on separate lines: a narrow cell would otherwise break the number at its slash.
    close = QUOTES[language][1]
    return "\n".join(record_citation(corpus, code).replace(close + " ", close, 1).replace(close, close + "\n", 1)
                     for code in codes)
