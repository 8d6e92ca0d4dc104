"""Page addresses of the site and the where-used index: who cites a procedure, uses a form, names a department."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from proccompile.model import Corpus
from proccompile.model.actors import departments_of
from proccompile.model.display import (
    department_name,
    document_citation,
    document_number,
    form_number,
)
from proccompile.model.document import ControlledDocument
from proccompile.model.numbering import numbering_in
from proccompile.model.output_names import page_relpath
from proccompile.model.refs import Ref, department_refs, document_refs, form_refs


@dataclass(frozen=True)
class Use:
    """One place a procedure names something: the procedure, the printed number (5.1.3) and the role."""

    code: str
    title: str
    number: str
    role: str
    url: str
    status: str


class Uses:
    """Where each target is named, target → [Use]; a list is made when first asked for, since a page shows
    the uses of one target (and `serve` renders one page after an edit)."""

    def __init__(self, make: Callable[[ControlledDocument, Ref], Use]) -> None:
        self._make = make
        self._found: dict[str, list[tuple[ControlledDocument, Ref]]] = defaultdict(list)
        self._made: dict[str, list[Use]] = {}

    def add(self, document: ControlledDocument, ref: Ref, target: str | None = None) -> None:
        """A use of ``ref.target`` (listed under ``target`` when given: a role's use on its department's page)."""
        self._found[target or ref.target].append((document, ref))

    def get(self, target: str, default: list[Use] | None = None) -> list[Use] | None:
        if target not in self._found:
            return default
        made = self._made.get(target)
        if made is None:
            made = self._made[target] = [self._make(p, ref) for p, ref in self._found[target]]
        return made

    def __getitem__(self, target: str) -> list[Use]:
        return self.get(target, []) or []


@dataclass
class Links:
    corpus: Corpus
    today: dt.date | None = None
    """The day versions are judged at: a released version effective after it is marked not yet effective."""
    cited_by: Uses = field(init=False)
    used_in: Uses = field(init=False)
    named_in: Uses = field(init=False)

    def __post_init__(self) -> None:
        self.cited_by, self.used_in, self.named_in = Uses(self._use), Uses(self._use), Uses(self._use)
        for doc in self.corpus.documents():
            if not self.corpus.doctype(doc.kind).chaptered:
                continue  # a form names only its owner and the holders of its copies
            p = doc.model
            for ref in document_refs(p):
                if ref.target != p.code:
                    self.cited_by.add(p, ref)
            for ref in form_refs(p):
                self.used_in.add(p, ref)
            for ref in department_refs(p):
                # A department's page lists what it is named in itself, as one of its roles or within a group.
                for target in dict.fromkeys((ref.target, *departments_of(self.corpus.actors, (ref.target,)))):
                    self.named_in.add(p, ref, target)

    def _use(self, p: ControlledDocument, ref: Ref) -> Use:
        number, row = numbering_in(self.corpus, p).cite(ref.loc)
        place = f"{number} #{row}" if row else number
        return Use(p.code, p.title, place, ref.role, self.document_url(p.code), self.status(p))

    def status(self, model: ControlledDocument) -> str:
        """The status the site shows: ``pending`` for a released version not yet effective, else the document's."""
        if model.status == "released" and self.today is not None and model.effective is not None \
                and model.effective > self.today:
            return "pending"
        return model.status

    def document_url(self, code: str) -> str:
        """The page of any document, in its type's folder: procedures/Q-FL2.0813.html, manuals/Q-SC01.html."""
        doc = self.corpus.document(code)
        folder = self.corpus.doctype(doc.kind).folder if doc is not None else "procedures"
        return page_relpath(doc.kind if doc else "procedure", code, folder=folder)

    def procedure_url(self, code: str) -> str:
        return page_relpath("procedure", code, folder=self.corpus.doctype("procedure").folder)

    def form_url(self, code: str) -> str:
        return page_relpath("form", code, folder=self.corpus.doctype("form").folder)

    @staticmethod
    def department_url(dept_id: str) -> str:
        return page_relpath("department", dept_id)

    def department(self, dept_id: str) -> dict[str, str]:
        """The name and page of an actor: a department's page, a role's place on its department's page; a group
        has no page of its own (its name is printed without a link)."""
        actor = self.corpus.actors.get(dept_id)
        url = self.department_url(dept_id)
        if actor is not None and actor.kind == "role" and actor.department is not None:
            url = f"{self.department_url(actor.department)}#role-{dept_id}"
        elif actor is not None and actor.kind == "group":
            url = ""
        return {"name": department_name(self.corpus, dept_id), "url": url}

    def form(self, code: str) -> dict[str, str]:
        doc = self.corpus.form(code)
        if doc is None:
            return {"title": code, "number": code, "url": "", "status": ""}
        return {"title": doc.model.title, "number": form_number(self.corpus, doc.model),
                "url": self.form_url(code), "status": self.status(doc.model)}

    def document(self, code: str) -> dict[str, str]:
        doc = self.corpus.document(code)
        return {"text": document_citation(self.corpus, code),
                "url": self.document_url(code) if doc else "", "status": self.status(doc.model) if doc else ""}

    def procedure_number(self, code: str) -> str:
        """The printed number of any document (the name is kept for the templates that call it)."""
        doc = self.corpus.document(code)
        return document_number(self.corpus, doc.model) if doc else code
