"""Page addresses of the site and the where-used index: who cites a procedure, uses a form, names a department."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from proccompile.model import Corpus
from proccompile.model.display import (
    department_name,
    document_citation,
    form_number,
    procedure_number,
)
from proccompile.model.form import Form
from proccompile.model.numbering import numbering
from proccompile.model.output_names import page_relpath
from proccompile.model.procedure import Procedure
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

    def __init__(self, make: Callable[[Procedure, Ref], Use]) -> None:
        self._make = make
        self._found: dict[str, list[tuple[Procedure, Ref]]] = defaultdict(list)
        self._made: dict[str, list[Use]] = {}

    def add(self, procedure: Procedure, ref: Ref) -> None:
        self._found[ref.target].append((procedure, ref))

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
        for doc in self.corpus.procedures:
            p = doc.model
            for ref in document_refs(p):
                if ref.target != p.code:
                    self.cited_by.add(p, ref)
            for ref in form_refs(p):
                self.used_in.add(p, ref)
            for ref in department_refs(p):
                self.named_in.add(p, ref)

    def _use(self, p: Procedure, ref: Ref) -> Use:
        number, row = numbering(p).cite(ref.loc)
        place = f"{number} #{row}" if row else number
        return Use(p.code, p.title, place, ref.role, self.procedure_url(p.code), self.status(p))

    def status(self, model: Procedure | Form) -> str:
        """The status the site shows: ``pending`` for a released version not yet effective, else the document's."""
        if model.status == "released" and self.today is not None and model.effective is not None \
                and model.effective > self.today:
            return "pending"
        return model.status

    @staticmethod
    def procedure_url(code: str) -> str:
        return page_relpath("procedure", code)

    @staticmethod
    def form_url(code: str) -> str:
        return page_relpath("form", code)

    @staticmethod
    def department_url(dept_id: str) -> str:
        return page_relpath("department", dept_id)

    def department(self, dept_id: str) -> dict[str, str]:
        return {"name": department_name(self.corpus, dept_id), "url": self.department_url(dept_id)}

    def form(self, code: str) -> dict[str, str]:
        doc = self.corpus.form(code)
        if doc is None:
            return {"title": code, "number": code, "url": "", "status": ""}
        return {"title": doc.model.title, "number": form_number(self.corpus, doc.model),
                "url": self.form_url(code), "status": self.status(doc.model)}

    def document(self, code: str) -> dict[str, str]:
        doc = self.corpus.procedure(code)
        return {"text": document_citation(self.corpus, code),
                "url": self.procedure_url(code) if doc else "", "status": self.status(doc.model) if doc else ""}

    def procedure_number(self, code: str) -> str:
        doc = self.corpus.procedure(code)
        return procedure_number(self.corpus, doc.model) if doc else code
