"""The modelled corpus: config and every document with its source, by type and indexed by code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from proccompile.diagnostics import Span
from proccompile.load.source import LazySource, SourceFile
from proccompile.model.actors import Actor, actor_index
from proccompile.model.config import ProjectConfig
from proccompile.model.doctypes import DocumentType, document_types
from proccompile.model.document import ControlledDocument
from proccompile.model.form import Form
from proccompile.model.lock import Lock
from proccompile.model.procedure import Procedure

if TYPE_CHECKING:
    from proccompile.model.names import DocNames

M = TypeVar("M", bound=ControlledDocument, covariant=True)


@dataclass(frozen=True)
class Document(Generic[M]):
    """A modelled document together with the file it came from, so checks can locate findings."""

    model: M
    source: SourceFile

    @property
    def kind(self) -> str:
        """The id of the document's type (procedure, form, manual …)."""
        return self.model.KIND

    def span(self, *loc: str | int, key: bool = False) -> Span:
        return self.source.span(loc, key=key)


AnyDocument = Document[ControlledDocument]


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
    by_type: dict[str, list[AnyDocument]] = field(default_factory=dict)
    """Documents by type id, each list in file order."""
    broken_codes: set[str] = field(default_factory=set)
    """Codes declared by files that failed to load or model; references to them are not reported."""
    broken_stems: set[str] = field(default_factory=set)
    """File names (without suffix) of files that failed; files are named after their code."""
    broken_procedures: int = 0
    """Procedure files that failed; what they reference is unknown, so unused-form findings are held back."""
    lock: Lock | None = None
    """The lock file, when the project has one; released content is judged against it."""
    in_force: dict[str, AnyDocument] = field(default_factory=dict)
    """By code, the released content of documents with an open revision, as stored under `in-force/`: the
    controlled copy while the working file holds the next version."""
    in_force_named: dict[str, NamedDoc] = field(default_factory=dict)
    """The name tables of those stored copies (kept when models are not), what the corpus-wide checks read."""
    broken_in_force: set[str] = field(default_factory=set)
    """Codes whose stored copy exists but did not load or model (its findings are reported)."""
    today: dt.date | None = None
    """The date reviews are judged at (`--today`, SOURCE_DATE_EPOCH or the clock); None skips review checks."""
    named: list[NamedDoc] = field(default_factory=list)
    """Every document that modelled, type by type, as name tables: what the corpus-wide checks read.
    A check that did not model a file again (its result was cached) has its table but not its model."""
    lookups: set[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    """While a set, every (kind, code) looked up is added to it: what a view read, so a rebuild knows
    which documents a rendering depends on."""

    @cached_property
    def actors(self) -> dict[str, Actor]:
        """Departments, roles and groups by id."""
        return actor_index(self.config)

    @cached_property
    def types(self) -> tuple[DocumentType, ...]:
        """The project's document types, procedures and forms first."""
        return document_types(self.config)

    def doctype(self, type_id: str) -> DocumentType:
        return next(t for t in self.types if t.id == type_id)

    def alone(self, doc: AnyDocument) -> Corpus:
        """A corpus of ``doc`` alone, with this one's config (what the checks of one document read)."""
        one = Corpus(self.config, self.config_source)
        one.__dict__.update(types=self.types, actors=self.actors)  # the cached properties, computed once
        one.of_type(doc.kind).append(doc)
        return one

    def of_type(self, type_id: str) -> list[AnyDocument]:
        """The documents of one type, in file order (a list the model stage fills)."""
        return self.by_type.setdefault(type_id, [])

    @property
    def procedures(self) -> list[Document[Procedure]]:
        return cast("list[Document[Procedure]]", self.of_type("procedure"))

    @property
    def forms(self) -> list[Document[Form]]:
        return cast("list[Document[Form]]", self.of_type("form"))

    def procedure(self, code: str) -> Document[Procedure] | None:
        if self.lookups is not None:
            self.lookups.add(("procedure", code))
        return cast("Document[Procedure] | None", self._by_code.get(("procedure", code)))

    def form(self, code: str) -> Document[Form] | None:
        if self.lookups is not None:
            self.lookups.add(("form", code))
        return cast("Document[Form] | None", self._by_code.get(("form", code)))

    def document(self, code: str) -> AnyDocument | None:
        """The document with ``code``, of any type (the first one when a code is used twice, PC302)."""
        if self.lookups is not None:
            self.lookups.add(("document", code))
        return self._any_by_code.get(code)

    def lookup(self, kind: str, code: str) -> AnyDocument | None:
        """What ``procedure``, ``form`` (``kind``) or ``document`` (any type) finds for ``code``, unrecorded."""
        return self._any_by_code.get(code) if kind == "document" else self._by_code.get((kind, code))

    # Built on first lookup, after the model stage has finished filling the corpus.
    @cached_property
    def _by_code(self) -> dict[tuple[str, str], AnyDocument]:
        index: dict[tuple[str, str], AnyDocument] = {}
        for doc in self.documents():
            index.setdefault((doc.kind, doc.model.code), doc)
        return index

    @cached_property
    def _any_by_code(self) -> dict[str, AnyDocument]:
        index: dict[str, AnyDocument] = {}
        for doc in self.documents():
            index.setdefault(doc.model.code, doc)
        return index

    def named_kind(self, kind: str) -> Iterator[NamedDoc]:
        return (n for n in self.named if n.names.kind == kind)

    def named_by_code(self, kind: str) -> dict[str, NamedDoc]:
        """The first document of ``kind`` (a type id, or ``document`` for any type) per code, as ``procedure``,
        ``form`` and ``document`` look them up."""
        index: dict[str, NamedDoc] = {}
        for named in self.named if kind == "document" else self.named_kind(kind):
            index.setdefault(named.names.code, named)
        return index

    def documents(self) -> Iterator[AnyDocument]:
        """Every document, type by type in the project's type order."""
        for doctype in self.types:
            yield from self.by_type.get(doctype.id, ())

    def in_force_only(self) -> Corpus:
        """The corpus as it is in force: a document under revision by its stored released content, so what is
        published (the site) never shows a draft of the next version as the current one."""
        if not self.in_force:
            return self

        def swap(doc: AnyDocument) -> AnyDocument:
            stored = self.in_force.get(doc.model.code)
            return stored if stored is not None and stored.kind == doc.kind else doc

        def swap_named(doc: NamedDoc) -> NamedDoc:
            stored = self.in_force_named.get(doc.names.code)
            return stored if stored is not None and stored.names.kind == doc.names.kind else doc

        return replace(self, by_type={kind: [swap(d) for d in docs] for kind, docs in self.by_type.items()},
                       named=[swap_named(d) for d in self.named], in_force={}, in_force_named={})

    def is_broken(self, code: str) -> bool:
        """Whether ``code`` may belong to a file that failed to load, so references to it are not judged."""
        return code in self.broken_codes or code.replace("/", "-") in self.broken_stems
