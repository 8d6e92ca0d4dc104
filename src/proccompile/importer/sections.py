"""The numbered sections of a procedure mapped onto the model: purpose, scope, terms, duties, commitments,
related documents and attachments (the process and the records have modules of their own)."""

from __future__ import annotations

import re
from typing import Any

from proccompile.importer.docx_reader import Para, Table
from proccompile.importer.fields import DEPARTMENT_WORDS
from proccompile.importer.headings import Section, hint, level2
from proccompile.importer.labels import norm
from proccompile.importer.lookup import EMPTY, Lookup, looks_like_code
from proccompile.importer.process import read_process
from proccompile.importer.records import read_records
from proccompile.importer.result import Draft
from proccompile.importer.tables import find_columns

NUMBER = re.compile(r"^\d+(?:\s*[.．]\s*\d+)+[.．]?[\s\u3000]*")
ITEM = re.compile(r"^(?:[a-z]{1,2}[)）.]|[（(]\d+[)）]|\d+[)）]|[-•·●▪◆○■□➢–*])\s*")
_ATTACHMENT = re.compile(r"^(?:附件|附录|附表|Attachment|Appendix|Exhibit|Annex)\s*[A-Z\d]*\s*[:：.\-–]?[\s\u3000]*",
                         re.IGNORECASE)
_TRAILING_CODE = re.compile(r"\s*[（(]([^（()）]*)[)）]\s*$")
_NONE = ("无", "none", "none.", "n/a", "不适用", "notapplicable", "notapplicable.")


class SectionReader:
    """Reads each section into ``draft.data``; every paragraph and cell is marked read or listed."""

    def __init__(self, lookup: Lookup, draft: Draft) -> None:
        self.lookup, self.draft = lookup, draft
        self.none = {norm(lookup.label("none_text")), *_NONE}

    def read(self, section: Section) -> None:
        if section.key is None:
            self.draft.skip(section.heading.where, section.heading.text, hint(section.title, self.lookup))
            for block in section.blocks:
                self.draft.skip_block(block, f"in section `{section.title}`, which has no place in a procedure")
            return
        self.draft.use_para(section.heading)
        getattr(self, section.key)(section)

    def is_none(self, text: str) -> bool:
        return norm(text) in self.none

    def paras(self, section: Section, *, tables: bool = True) -> list[Para]:
        """The section's paragraphs with text (its inline text first); an explicit 无 / None is read as nothing.
        Tables are listed unless ``tables`` is False (the caller reads them)."""
        found = [Para(section.heading.number, section.inline, place=section.heading.place)] if section.inline else []
        for block in section.blocks:
            if isinstance(block, Table):
                if tables:
                    self.draft.skip_block(block, f"table in section `{section.title}`")
            elif block.text and self.is_none(block.text):
                self.draft.use_para(block)
            elif block.text:
                found.append(block)
        return found

    def _text(self, section: Section) -> None:
        paras = self.paras(section)
        if paras:
            self.draft.data[section.key or ""] = "\n".join(p.text for p in paras)
            for para in paras:
                self.draft.use_para(para)

    purpose = scope = _text

    def terms(self, section: Section) -> None:
        terms = []
        for block in section.blocks:
            if isinstance(block, Table):
                terms += self._terms_table(block)
        for para in self.paras(section, tables=False):
            term, definition = _term(ITEM.sub("", NUMBER.sub("", para.text)))
            if term and definition:
                terms.append({"term": term, "definition": definition})
                self.draft.use_para(para)
            else:
                self.draft.skip(para.where, para.text, "a term without `term：definition`")
        if terms:
            self.draft.data["terms"] = terms

    def _terms_table(self, table: Table) -> list[dict[str, Any]]:
        header = [norm(c) for c in table.rows[0]]
        if len(header) < 2 or not {header[0], header[-1]} & {"术语", "term", "terms", "abbreviation", "定义",
                                                               "definition", "meaning", "description"}:
            self.draft.skip_block(table, "table in the terms section without Term | Definition columns")
            return []
        self.draft.use_row(table, 0)
        found = []
        for r in range(1, len(table.rows)):
            row = table.rows[r]
            if len(row) == 2 and row[0].strip() and row[1].strip():
                found.append({"term": row[0].strip(), "definition": row[1].strip()})
                self.draft.use_row(table, r)
            else:
                self.draft.skip_row(table, r, "term row without a term and its definition")
        return found

    def responsibilities(self, section: Section) -> None:
        duties: dict[str, list[str]] = {}
        current: str | None = None
        for block in section.blocks:
            if isinstance(block, Table):
                self._duties_table(block, duties)
        for para in self.paras(section, tables=False):
            sub = level2(para.text)
            if sub is not None:
                name, sep, rest = _split_label(sub[1])
                dept = self._department_at_start(name if sep else sub[1])
                if dept is None:
                    self.draft.skip(para.where, para.text, "no department named at the start")
                    current = None
                    continue
                current = dept[0]
                duties.setdefault(current, [])
                rest = rest if sep else sub[1][len(dept[1]):].lstrip("：: ")
                if rest:
                    duties[current].append(rest)
                self.draft.use_para(para)
            elif (named := self._department_named(para)) is not None:  # `Quality Department: keeps …` unnumbered
                current, rest = named
                duties.setdefault(current, [])
                if rest:
                    duties[current].append(rest)
                self.draft.use_para(para)
            elif current is not None:
                duties[current].append(ITEM.sub("", para.text))
                self.draft.use_para(para)
            else:
                self.draft.skip(para.where, para.text, "a duty before any department")
        # A duty several actors share is kept under their ids joined by SHARED, and written as their list.
        entries = [{"department": d.split(SHARED) if SHARED in d else d, "duties": items} for d, items in duties.items()
                   if items]
        if entries:
            self.draft.data["responsibilities"] = entries

    def _duties_table(self, table: Table, duties: dict[str, list[str]]) -> None:
        header = [norm(c) for c in table.rows[0]]
        who = {"部门", "岗位", "职能", "角色", "department", "role", "position", "function", "title"}
        what = {"职责", "职责与权限", "responsibility", "responsibilities", "duties", "authority"}
        if len(header) != 2 or header[0] not in who or header[1] not in what:
            self.draft.skip_block(table, "table in the responsibilities section without Department | Duties columns")
            return
        self.draft.use_row(table, 0)
        for r in range(1, len(table.rows)):
            name, text = (c.strip() for c in table.rows[r])
            dept = self._department_at_start(name) if name else None
            lines = [ITEM.sub("", line.strip()) for line in text.splitlines() if line.strip()]
            if dept is None or not lines:
                self.draft.skip_row(table, r, "no department named" if dept is None else "a department without duties")
                continue
            duties.setdefault(dept[0], []).extend(lines)
            self.draft.use_row(table, r)

    def _department_named(self, para: Para) -> tuple[str, str] | None:
        """(id, duty) of an unnumbered `Department: duty` line, or of a heading that is only a department name."""
        head, sep, rest = _split_label(ITEM.sub("", para.text))
        if not sep and not (para.is_heading or para.lead.strip() == para.text):
            return None
        dept = self.lookup.department(head)
        if dept is None and DEPARTMENT_WORDS.search(head) and len(head) <= 30:
            dept = self.lookup.department_or_proposed(head)
        return (dept, rest) if dept is not None else None

    def _department_at_start(self, text: str) -> tuple[str, str] | None:
        """(id, name as written) of the department ``text`` starts with; a short unknown name is proposed. Actors
        sharing a duty (销售部、国贸部) are their ids joined by SHARED."""
        shared = self.lookup.shared(text)
        if shared is not None:
            return SHARED.join(shared), text
        for dept in self.lookup.departments_in(text[:20]):
            for name in (d for d in _names(self.lookup, dept) if text.startswith(d)):
                return dept, name
        name = text.strip()
        short = len(name) <= 12 or (len(name) <= 40 and DEPARTMENT_WORDS.search(name) is not None)
        if 1 < len(name) and short and not re.search(r"[，。,;；]", name):
            return self.lookup.department_or_proposed(name), name
        return None

    def process(self, section: Section) -> None:
        read_process(section, self.lookup, self.draft)

    def records(self, section: Section) -> None:
        read_records(section, self.lookup, self.draft, self.is_none)

    def revisions(self, section: Section) -> None:
        # Revision tables are read wherever they stand; what remains here is text.
        for para in self.paras(section):
            self.draft.skip(para.where, para.text, "text in the revision history")

    def commitments(self, section: Section) -> None:
        entries = []
        for block in section.blocks:
            if isinstance(block, Para):
                if block.text:
                    self.draft.skip(block.where, block.text, "text beside the commitments table")
                continue
            columns = find_columns(block, self.lookup, ("seq", "commit_metric", "commit_target", "commit_measure",
                                                        "commit_owner", "commit_records"), ("commit_metric",))
            if columns is None:
                self.draft.skip_block(block, "a table without a commitments header")
                continue
            for r in columns.body:
                metric = columns.value(r, "commit_metric")
                if not metric:
                    self.draft.skip_row(block, r, "commitment without an item")
                    continue
                entry: dict[str, Any] = {"metric": metric, "measured_by": columns.value(r, "commit_measure")}
                target = columns.value(r, "commit_target")
                if not self.lookup.is_label(target, "target_not_set"):  # 目标未规定: the KPI has no target yet
                    entry = {"metric": metric, "target": target, **entry}
                owner = columns.value(r, "commit_owner")
                if owner not in EMPTY:
                    entry["owner"] = self.lookup.department_or_proposed(owner)
                codes = self.lookup.codes_in(columns.value(r, "commit_records"), "form")
                if codes:
                    entry["records"] = codes
                columns.use(self.draft, r, "commit_metric", "commit_target", "commit_measure", "commit_owner",
                            "commit_records")
                entries.append(entry)
            columns.settle(self.draft, "a commitment")
        if entries:
            self.draft.data["commitments"] = entries

    def related(self, section: Section) -> None:
        codes = []
        for para in self.paras(section):
            code = self.citation(ITEM.sub("", NUMBER.sub("", para.text)), para.where)
            if code:
                codes.append(code)
                self.draft.use_para(para)
        if codes:
            self.draft.data["related_documents"] = codes

    def citation(self, text: str, where: str) -> str | None:
        code = self.lookup.document_code(text)
        if code is None:
            self.draft.skip(where, text, "cited document is neither a procedure code nor in `external_documents`")
        return code

    def attachments(self, section: Section) -> None:
        entries = []
        for para in self.paras(section):
            title = _ATTACHMENT.sub("", ITEM.sub("", para.text)).strip()
            entry: dict[str, Any] = {"title": title}
            codes = self.lookup.codes_in(title, "form")
            trailing = _TRAILING_CODE.search(title)
            if codes:
                entry["title"] = _TRAILING_CODE.sub("", title) or title
                entry["form"] = codes[0]
                self.draft.cite(codes[0], entry["title"])
            elif trailing and looks_like_code(trailing.group(1)):
                self.draft.skip(para.where, para.text, f"form code `{trailing.group(1)}` does not match the house "
                                f"pattern numbering.form `{self.lookup.patterns['form']}`")
                continue
            entries.append(entry)
            self.draft.use_para(para)
        if entries:
            self.draft.data["attachments"] = entries


def _names(lookup: Lookup, dept: str) -> list[str]:
    found = lookup.config.department(dept)
    return sorted((n for n in (found.zh, found.en) if n), key=len, reverse=True) if found else []


SHARED = "\x1f"


def _split_label(text: str) -> tuple[str, str, str]:
    for sep in ("：", ":"):
        if sep in text:
            head, _, rest = text.partition(sep)
            return head.strip(), sep, rest.strip()
    return text, "", ""


def _term(text: str) -> tuple[str, str]:
    """(term, definition) of `term：definition`, `term: definition` or `term – definition`."""
    head, sep, rest = _split_label(text)
    if sep:
        return head, rest
    parts = re.split(r"\s+[–—-]\s+", text, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else ("", "")
