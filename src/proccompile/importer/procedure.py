"""One Word procedure → the plain data of a draft procedure: header, cover, sections, approvals, revisions."""

from __future__ import annotations

import re
from typing import Any

from proccompile.importer.docx_reader import Para, Table, WordDocument
from proccompile.importer.headings import split_sections
from proccompile.importer.lookup import Lookup, parse_date, squeeze
from proccompile.importer.result import Draft
from proccompile.importer.sections import SectionReader
from proccompile.importer.tables import (
    is_approval_table,
    is_header_table,
    is_revision_table,
    read_approvals,
    read_header,
    read_revisions,
)
from proccompile.model.procedure import Procedure

FIELD_ORDER = tuple(Procedure.model_fields)
_CLAUSE = re.compile(r"\d+(?:\.\d+)*")


def procedure_draft(doc: WordDocument, lookup: Lookup) -> Draft:
    draft = Draft()
    cover, sections = split_sections(doc.body, lookup)
    header = _header(doc, lookup, draft)
    approvals: dict[str, dict[str, Any]] = {}
    revisions: list[dict[str, Any]] = []
    # Approval and revision tables stand on the cover in some houses and after the records in others.
    for section in sections:
        kept = []
        for block in section.blocks:
            if not _shared_block(block, lookup, draft, approvals, revisions, header):
                kept.append(block)
        section.blocks = kept
    for block in cover:
        if not _shared_block(block, lookup, draft, approvals, revisions, header) and isinstance(block, Para):
            _cover_para(block, lookup, draft, header)
        elif isinstance(block, Table) and not (is_approval_table(block, lookup) or is_revision_table(block, lookup)
                                               or is_header_table(block)):
            for i, row in enumerate(block.rows):
                draft.skip(block.row_where(i), " | ".join(row), "table on the cover that is not recognised")
    reader = SectionReader(lookup, draft)
    for section in sections:
        reader.read(section)
    _identity(doc, lookup, draft, header, revisions)
    if approvals:
        draft.data["approvals"] = approvals
    if revisions:
        draft.data["revisions"] = revisions
    else:
        draft.skip("the document", "revision history", "no revision table found")
    draft.data = {k: draft.data[k] for k in FIELD_ORDER if k in draft.data}
    return draft


def _header(doc: WordDocument, lookup: Lookup, draft: Draft) -> dict[str, str]:
    header: dict[str, str] = {}
    stamps = {squeeze(lookup.label(f"stamp_{s}")): s for s in ("released", "draft", "obsolete")}
    for table in doc.header_tables:
        header |= {k: v for k, v in read_header(table, draft, "the page header").items() if k not in header}
        for row in table.rows:
            for text in row:
                for line in text.splitlines():
                    if squeeze(line) in stamps:
                        header.setdefault("status", stamps[squeeze(line)])
    if doc.status and squeeze(doc.status) in stamps:
        header.setdefault("status", stamps[squeeze(doc.status)])
    return header


def _shared_block(block: Para | Table, lookup: Lookup, draft: Draft, approvals: dict[str, dict[str, Any]],
                  revisions: list[dict[str, Any]], header: dict[str, str]) -> bool:
    """Reads a block that means the same anywhere in the document; True when it was one."""
    if isinstance(block, Table):
        if is_approval_table(block, lookup):
            approvals.update(read_approvals(block, lookup, draft))
        elif is_revision_table(block, lookup):
            revisions.extend(read_revisions(block, lookup, draft))
        elif is_header_table(block):
            header.update({k: v for k, v in read_header(block, draft, block.where).items() if k not in header})
        else:
            return False
        return True
    signed = _approvals_in_text(block.text, lookup)
    if len(signed) >= 2:
        approvals.update(signed)
        return True
    return False


def _approvals_in_text(text: str, lookup: Lookup) -> dict[str, dict[str, Any]]:
    """编制：张明 2020-01-06　审核：李华 … written as one line, as many houses sign at the foot."""
    found: dict[str, dict[str, Any]] = {}
    names = "|".join(re.escape(n) for n in sorted(lookup.roles, key=len, reverse=True))
    for match in re.finditer(rf"({names})\s*[：:]\s*([^\s：:]+)(?:\s*(\d{{4}}[-./年]\d{{1,2}}[-./月]\d{{1,2}}日?))?",
                             squeeze_keep_breaks(text)):
        entry: dict[str, Any] = {"name": match.group(2)}
        if match.group(3) and parse_date(match.group(3)):
            entry["date"] = parse_date(match.group(3))
        if parse_date(match.group(2)) is None:
            found[lookup.roles[match.group(1)]] = entry
    return found


def squeeze_keep_breaks(text: str) -> str:
    return re.sub(r"[\u3000]+", " ", text)


def _cover_para(para: Para, lookup: Lookup, draft: Draft, header: dict[str, str]) -> None:
    text = para.text
    if not text or lookup.is_label(text, "kind_procedure", "revisions", "kind_form"):
        return
    if para.style.lower().startswith("title") and "title" not in draft.data:
        draft.data["title"] = text
        return
    if lookup.is_label(para.lead, "distribution"):
        return
    if para.lead and lookup.is_label(para.lead, "clauses") or ("条款" in text or "clauses" in text.lower()):
        rest = text[len(para.lead):] if para.lead else re.split(r"[：:]", text, maxsplit=1)[-1]
        draft.data["iso_clauses"] = _CLAUSE.findall(rest)
        return
    if _dates(text, draft) or header.get("number", "\0") in text:
        return
    draft.skip(para.where, text, "cover text with no place in a procedure")


def _dates(text: str, draft: Draft) -> bool:
    """Issue and effective dates written as `2024-03-01 发布` or `Issued: 2024-03-01`; True when the line is one."""
    found = False
    for part in re.split(r"[\t\n]|\s{2,}", text):
        flat = squeeze(part).lower()
        key = "issued" if ("发布" in flat or "issued" in flat) else "effective" if (
            "实施" in flat or "effective" in flat or "生效" in flat) else None
        if key is None:
            continue
        found = True
        date = parse_date(part)
        if date:
            draft.data[key] = date
    return found


def _identity(doc: WordDocument, lookup: Lookup, draft: Draft, header: dict[str, str],
              revisions: list[dict[str, Any]]) -> None:
    data = draft.data
    codes = lookup.codes_in(header.get("number", ""), "procedure") or lookup.codes_in(doc.identifier, "procedure")
    if codes:
        data["code"] = codes[0]
    else:
        draft.skip("the document", header.get("number", "document code"), "no procedure code in the house pattern")
    title = data.get("title") or header.get("title") or doc.title
    if title:
        data["title"] = title
    else:
        draft.skip("the document", "title", "no title found (a Title-style paragraph or a 文件名称 cell)")
    version = header.get("version") or doc.version or (revisions[-1]["version"] if revisions else "")
    if version:
        data["version"] = version
    data["status"] = header.get("status", "draft")
    if "status" not in header:
        draft.skip("the document", "status", "no 受控/草稿/作废 mark found; the draft says `draft`")
    for key in ("issued", "effective"):
        if key not in data and parse_date(header.get(key, "")):
            data[key] = parse_date(header[key])
    if "owner" in header:
        data["owner"] = lookup.department_or_proposed(header["owner"])
    else:
        draft.skip("the document", "owner", "no owning department (归口部门) found: add `owner`")
    if "iso_clauses" not in data and doc.keywords and all(_CLAUSE.fullmatch(k.strip())
                                                          for k in doc.keywords.split(",")):
        data["iso_clauses"] = [k.strip() for k in doc.keywords.split(",")]
