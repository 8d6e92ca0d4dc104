"""One Word procedure → the plain data of a draft procedure: page margins, cover, sections, approvals, revisions."""

from __future__ import annotations

import re
from typing import Any

from proccompile.importer.docx_reader import Block, Para, Table, WordDocument
from proccompile.importer.fields import FieldReader
from proccompile.importer.headings import LEVEL1, hint, split_sections
from proccompile.importer.lookup import Lookup
from proccompile.importer.result import Draft, settle
from proccompile.importer.sections import SectionReader
from proccompile.importer.signatures import GridReader, approvals_in_text
from proccompile.importer.tables import read_revisions, revision_columns
from proccompile.model.procedure import Procedure

FIELD_ORDER = tuple(Procedure.model_fields)
_CLAUSE = re.compile(r"\d+(?:\.\d+)*")


class _Reader:
    def __init__(self, doc: WordDocument, lookup: Lookup) -> None:
        self.doc, self.lookup = doc, lookup
        self.draft = Draft()
        self.values: dict[str, Any] = {}
        self.fields = FieldReader(lookup, self.draft, self.values)
        self.approvals: dict[str, dict[str, Any]] = {}
        self.revisions: list[dict[str, Any]] = []

    def read(self) -> Draft:
        cover, sections = split_sections(self.doc.body, self.lookup)
        # Approval and revision tables stand on the cover in some houses and after the records in others.
        for section in sections:
            section.blocks = [b for b in section.blocks if not self._shared(b, in_cover=False)]
        deferred: list[Para] = []
        for block in cover:
            if not self._shared(block, in_cover=True):
                self._cover(block, deferred)
        reader = SectionReader(self.lookup, self.draft)
        for section in sections:
            reader.read(section)
        # Page headers and footers repeat the title, number and version: read after the body has given them.
        for block in self.doc.furniture:
            self._margin(block)
        for para in deferred:  # a cover line may repeat what the page header gives (the number and version)
            problem = self.fields.paragraph(para)
            if problem is not None:
                self.draft.skip(para.where, para.text, self._cover_reason(para, problem))
        if not sections:
            self.draft.missing("sections", "no section headings such as `1 目的`, `1.0 PURPOSE` or `PURPOSE` were "
                                           "recognised; the paragraphs are listed as cover text")
        self._identity()
        draft = self.draft
        if self.approvals:
            draft.data["approvals"] = self.approvals
        if self.revisions:
            draft.data["revisions"] = self.revisions
        else:
            draft.missing("revision history", "no revision table found")
        draft.data = {k: draft.data[k] for k in FIELD_ORDER if k in draft.data}
        return draft

    def _margin(self, block: Block) -> None:
        """A page header or footer: labelled values, the status stamp and layout; the rest is listed."""
        if isinstance(block, Table):
            self._signatures(block)
            self.fields.table(block)
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    where = block.cell_where(r, c)
                    if text and where not in self.draft.used and where not in self.draft.listed:
                        self.draft.skip(where, text, f"text in the {block.place}")
        elif block.text:
            problem = self.fields.paragraph(block)
            if problem is not None:
                self.draft.skip(block.where, block.text, f"text in the {block.place}")

    def _shared(self, block: Block, *, in_cover: bool) -> bool:
        """Read a block that means the same anywhere in the document; True when it was one."""
        if isinstance(block, Table):
            columns = revision_columns(block, self.lookup)
            if columns is not None:
                self.revisions.extend(read_revisions(columns, self.lookup, self.draft))
                return True
            if self._signatures(block):
                self.fields.table(block)
                return True
            return False
        signed, nameless = approvals_in_text(block.text, self.lookup)
        if len(signed) + len(nameless) >= (1 if in_cover else 2):
            for role, entry in signed.items():
                self.approvals.setdefault(role, entry)
            for role in nameless:
                self.draft.missing(role, "approval without a name", block.where)
            self.draft.use_para(block)
            return True
        return False

    def _signatures(self, table: Table) -> bool:
        if not any(self.lookup.role(text) for row in table.rows for text in row):
            return False
        for role, entry in GridReader(table, self.lookup, self.draft).read().items():
            self.approvals.setdefault(role, entry)
        return True

    def _cover(self, block: Block, deferred: list[Para]) -> None:
        draft, lookup = self.draft, self.lookup
        if isinstance(block, Table):
            if not self.fields.table(block):
                draft.skip_block(block, "table on the cover that is not recognised")
            return
        text = block.text
        if not text:
            return
        if lookup.is_label(text, "kind_procedure", "kind_form") or lookup.is_label(block.lead, "distribution"):
            draft.use_para(block)
        elif block.style.lower().startswith("title") and "title" not in self.values:
            self.values["title"] = text
            draft.use_para(block)
        elif block.lead and lookup.is_label(block.lead, "clauses") or "条款" in text or "clauses" in text.lower():
            rest = text[len(block.lead):] if block.lead else re.split(r"[：:]", text, maxsplit=1)[-1]
            draft.data["iso_clauses"] = _CLAUSE.findall(rest)
            draft.use_para(block)
        elif self.fields.paragraph(block) is not None:
            deferred.append(block)

    def _cover_reason(self, para: Para, problem: str) -> str:
        match = LEVEL1.match(para.text)
        if para.is_heading or (match and para.text.isupper()):
            return "looks like a heading, but " + hint(match.group("title") if match else para.text, self.lookup)
        return problem

    def _identity(self) -> None:
        doc, lookup, data, values, draft = self.doc, self.lookup, self.draft.data, self.values, self.draft
        codes = lookup.codes_in(str(values.get("number", "")), "procedure") or lookup.codes_in(doc.identifier,
                                                                                               "procedure")
        if codes:
            data["code"] = codes[0]
        else:
            draft.missing("document code", f"no code matching numbering.procedure `{lookup.patterns['procedure']}`")
        title = values.get("title") or doc.title
        if title:
            data["title"] = title
        else:
            draft.missing("title", "no title found (a Title-style paragraph or a 文件名称 / Title cell)")
        version = values.get("version") or doc.version or (self.revisions[-1]["version"] if self.revisions else "")
        if version:
            data["version"] = version
        data["status"] = values.get("status", "draft")
        if "status" not in values:
            marks = "/".join(lookup.label(f"stamp_{s}") for s in ("released", "draft", "obsolete"))
            draft.missing("status", f"no {marks} mark found; the draft says `draft`")
        for key in ("issued", "effective"):
            if key in values:
                data[key] = values[key]
        if "owner" in values:
            data["owner"] = values["owner"]
        else:
            draft.missing("owner", "no owning department (归口部门 / Process Owner) found: add `owner`")
        if "iso_clauses" not in data and doc.keywords and all(_CLAUSE.fullmatch(k.strip())
                                                              for k in doc.keywords.split(",")):
            data["iso_clauses"] = [k.strip() for k in doc.keywords.split(",")]


def procedure_draft(doc: WordDocument, lookup: Lookup) -> Draft:
    draft = _Reader(doc, lookup).read()
    draft.account = settle(doc, draft)
    return draft
