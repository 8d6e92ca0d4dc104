"""The modelled corpus: config, procedures and forms with their sources, indexed by code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Generic, TypeVar

from proccompile.diagnostics import Span
from proccompile.load.source import LazySource, SourceFile
from proccompile.model.config import ProjectConfig
from proccompile.model.form import Form
from proccompile.model.lock import Lock
from proccompile.model.procedure import Procedure

if TYPE_CHECKING:
    from proccompile.model.names import DocNames

M = TypeVar("M", Procedure, Form)


@dataclass(frozen=True)
class Document(Generic[M]):
    """A modelled document together with the file it came from, so checks can locate findings."""

    model: M
    source: SourceFile

    def span(self, *loc: str | int, key: bool = False) -> Span:
        return self.source.span(loc, key=key)


@dataclass(frozen=True, slots=True)
class NamedDoc:
    """A document's name table with the file it came from: all the corpus-wide checks need of it."""

    names: DocNames
    source: SourceFile | LazySource

    def span(self, *loc: str | int, key: bool = False) -> Span:
        return self.source.span(loc, key=key)


@dataclass
class Corpus:
    config: ProjectConfig
    config_source: SourceFile
    procedures: list[Document[Procedure]] = field(default_factory=list)
    forms: list[Document[Form]] = field(default_factory=list)
    broken_codes: set[str] = field(default_factory=set)
    """Codes declared by files that failed to load or model; references to them are not reported."""
    broken_stems: set[str] = field(default_factory=set)
    """File names (without suffix) of files that failed; files are named after their code."""
    broken_procedures: int = 0
    """Procedure files that failed; what they reference is unknown, so unused-form findings are held back."""
    lock: Lock | None = None
    """The lock file, when the project has one; released content is judged against it."""
    in_force: dict[str, Document[Procedure] | Document[Form]] = field(default_factory=dict)
    """By code, the released content of documents with an open revision, as stored under `in-force/`: the
    controlled copy while the working file holds the next version."""
    in_force_named: dict[str, NamedDoc] = field(default_factory=dict)
    """The name tables of those stored copies (kept when models are not), what the corpus-wide checks read."""
    broken_in_force: set[str] = field(default_factory=set)
    """Codes whose stored copy exists but did not load or model (its findings are reported)."""
    today: dt.date | None = None
    """The date reviews are judged at (`--today`, SOURCE_DATE_EPOCH or the clock); None skips review checks."""
    named: list[NamedDoc] = field(default_factory=list)
    """Every document that modelled, procedures first, as name tables: what the corpus-wide checks read.
    A check that did not model a file again (its result was cached) has its table but not its model."""
    lookups: set[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    """While a set, every (kind, code) looked up is added to it: what a view read, so a rebuild knows
    which documents a rendering depends on."""

    def procedure(self, code: str) -> Document[Procedure] | None:
        if self.lookups is not None:
            self.lookups.add(("procedure", code))
        return self._procedures_by_code.get(code)

    def form(self, code: str) -> Document[Form] | None:
        if self.lookups is not None:
            self.lookups.add(("form", code))
        return self._forms_by_code.get(code)

    # Built on first lookup, after the model stage has finished filling the corpus.
    @cached_property
    def _procedures_by_code(self) -> dict[str, Document[Procedure]]:
        return _first_by_code(self.procedures)

    @cached_property
    def _forms_by_code(self) -> dict[str, Document[Form]]:
        return _first_by_code(self.forms)

    def named_kind(self, kind: str) -> Iterator[NamedDoc]:
        return (n for n in self.named if n.names.kind == kind)

    def named_by_code(self, kind: str) -> dict[str, NamedDoc]:
        """The first document of ``kind`` per code, as ``procedure`` and ``form`` look them up."""
        index: dict[str, NamedDoc] = {}
        for named in self.named_kind(kind):
            index.setdefault(named.names.code, named)
        return index

    def documents(self) -> Iterator[Document[Procedure] | Document[Form]]:
        yield from self.procedures
        yield from self.forms

    def in_force_only(self) -> Corpus:
        """The corpus as it is in force: a document under revision by its stored released content, so what is
        published (the site) never shows a draft of the next version as the current one."""
        if not self.in_force:
            return self

        def swap(doc: Document[M]) -> Document[M]:
            stored = self.in_force.get(doc.model.code)
            return stored if stored is not None and type(stored.model) is type(doc.model) else doc

        def swap_named(doc: NamedDoc) -> NamedDoc:
            stored = self.in_force_named.get(doc.names.code)
            return stored if stored is not None and stored.names.kind == doc.names.kind else doc

        return replace(self, procedures=[swap(d) for d in self.procedures], forms=[swap(d) for d in self.forms],
                       named=[swap_named(d) for d in self.named], in_force={}, in_force_named={})

    def is_broken(self, code: str) -> bool:
        """Whether ``code`` may belong to a file that failed to load, so references to it are not judged."""
        return code in self.broken_codes or code.replace("/", "-") in self.broken_stems


def _first_by_code(docs: list[Document[M]]) -> dict[str, Document[M]]:
    index: dict[str, Document[M]] = {}
    for doc in docs:
        index.setdefault(doc.model.code, doc)
    return index

