"""Which procedures an audit covers: the ones named, in their order, or every one in force."""

from __future__ import annotations

from collections.abc import Iterable

from proccompile.diagnostics.suggest import did_you_mean
from proccompile.diagnostics.usage import UsageError
from proccompile.model import Corpus
from proccompile.model.corpus import Document
from proccompile.model.procedure import Procedure


class UnknownProcedure(UsageError):
    """``--procedure`` named a code that is not in the corpus."""

    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"no procedure `{code}` in the project", help=did_you_mean(code, known))
        self.code, self.known = code, known


class ProcedureNotInForce(UsageError):
    """``--procedure`` named a draft or obsolete procedure without the option that admits it."""

    def __init__(self, code: str, status: str) -> None:
        option = "--include-drafts" if status == "draft" else "--include-obsolete"
        what = "a draft, not yet in force" if status == "draft" else "obsolete (withdrawn)"
        super().__init__(f"procedure `{code}` is {what}; its checklist would audit requirements nobody has to "
                         "meet", help=f"Add {option} to audit it anyway: its items are then worded as {status}")
        self.code, self.status = code, status


def select_procedures(corpus: Corpus, codes: Iterable[str] = (), *, include_drafts: bool = False,
                      include_obsolete: bool = False) -> list[Document[Procedure]]:
    """The named procedures in the order given, or every released one (drafts and obsolete ones are not in force,
    and are refused by name unless their option admits them)."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        return [doc for doc in corpus.procedures if doc.model.status == "released"]
    chosen = []
    for code in codes:
        doc = corpus.procedure(code)
        if doc is None:
            raise UnknownProcedure(code, [d.model.code for d in corpus.procedures])
        status = doc.model.status
        if (status == "draft" and not include_drafts) or (status == "obsolete" and not include_obsolete):
            raise ProcedureNotInForce(code, status)
        chosen.append(doc)
    return chosen
