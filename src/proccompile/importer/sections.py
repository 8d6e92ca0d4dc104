"""The numbered sections of a procedure mapped onto the model: purpose … records."""

from __future__ import annotations

import re
from typing import Any

from proccompile.importer.docx_reader import Para, Table
from proccompile.importer.headings import Section, level2
from proccompile.importer.lookup import EMPTY, Lookup, parse_duration, squeeze
from proccompile.importer.result import Draft
from proccompile.importer.tables import cell, column

_NUMBER = re.compile(r"^\d+(?:\s*[.．]\s*\d+)+[.．]?[\s\u3000]*")
_ITEM = re.compile(r"^(?:[a-z]{1,2}[)）]|[（(]\d+[)）]|\d+[)）]|[-•·●])\s*")
_ATTACHMENT = re.compile(r"^(?:附件|附录|Attachment)\s*\d+\s*[:：.]?[\s\u3000]*")
_STEP = re.compile(r"^(\d+\s*[.．]\s*\d+\s*[.．]\s*\d+)[.．]?[\s\u3000]*(.+)$", re.S)


class SectionReader:
    """Reads each known section into ``draft.data``; whatever has no place is listed in ``draft.unmapped``."""

    def __init__(self, lookup: Lookup, draft: Draft) -> None:
        self.lookup, self.draft = lookup, draft
        self.none = {squeeze(lookup.label("none_text")).lower(), "无", "none.", "none", "不适用"}

    def read(self, section: Section) -> None:
        if section.key is None:
            self.draft.skip(section.heading.where, section.heading.text, "section the model has no place for")
            for block in section.blocks:
                self._skip(block, f"section `{section.heading.text}` has no place in a procedure")
            return
        getattr(self, section.key)(section)

    # -- helpers -----------------------------------------------------------------------------------------
    def _skip(self, block: Para | Table, reason: str) -> None:
        if isinstance(block, Para):
            self.draft.skip(block.where, block.text, reason)
        else:
            for i, row in enumerate(block.rows):
                self.draft.skip(block.row_where(i), " | ".join(row), reason)

    def _paras(self, section: Section) -> list[Para]:
        texts = [b for b in section.blocks if isinstance(b, Para) and b.text]
        for b in section.blocks:
            if isinstance(b, Table):
                self._skip(b, f"table in section `{section.heading.text}`")
        return [p for p in texts if squeeze(p.text).lower() not in self.none]

    def _text(self, section: Section) -> None:
        paras = self._paras(section)
        if paras:
            self.draft.data[section.key or ""] = "\n".join(p.text for p in paras)

    purpose = scope = _text

    def terms(self, section: Section) -> None:
        terms = []
        for para in self._paras(section):
            text = _NUMBER.sub("", para.text)
            term, _, definition = _split_label(text)
            if term and definition:
                terms.append({"term": term, "definition": definition})
            else:
                self.draft.skip(para.where, para.text, "a term without `term：definition`")
        if terms:
            self.draft.data["terms"] = terms

    def responsibilities(self, section: Section) -> None:
        duties: dict[str, list[str]] = {}
        current: str | None = None
        for para in self._paras(section):
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
            elif current is not None:
                duties[current].append(_ITEM.sub("", para.text))
            else:
                self.draft.skip(para.where, para.text, "a duty before any department")
        entries = [{"department": d, "duties": items} for d, items in duties.items() if items]
        if entries:
            self.draft.data["responsibilities"] = entries

    def _department_at_start(self, text: str) -> tuple[str, str] | None:
        """(id, name as written) of the department ``text`` starts with; a short unknown name is proposed."""
        for dept in self.lookup.departments_in(text[:20]):
            for name in (d for d in _names(self.lookup, dept) if text.startswith(d)):
                return dept, name
        name = text.strip()
        if 1 < len(name) <= 12 and not re.search(r"[，。,;；]", name):
            return self.lookup.department_or_proposed(name), name
        return None

    def process(self, section: Section) -> None:
        sections: list[dict[str, Any]] = []
        caption: str | None = None  # title of a step's own table, announced by "表 5.1.3 …" before it
        for block in section.blocks:
            if isinstance(block, Table):
                if not sections:
                    sections.append({"title": section.heading.text.split(maxsplit=1)[-1], "steps": []})
                if caption is not None and sections[-1]["steps"] and not self._is_step_table(block):
                    sections[-1]["steps"][-1]["table"] = _own_table(block, caption)
                else:
                    self._step_table(block, sections[-1])
                caption = None
                continue
            if not block.text:
                continue
            announced = self._table_caption(block.text)
            if announced is not None:
                caption = announced
                continue
            sub = level2(block.text)
            step = _STEP.match(block.text)
            if step:
                if not sections:
                    sections.append({"title": section.heading.text.split(maxsplit=1)[-1], "steps": []})
                sections[-1]["steps"].append(self._step(step.group(2).strip(), block))
            elif sub is not None:
                sections.append({"title": sub[1], "steps": []})
            elif sections and sections[-1]["steps"]:
                last = sections[-1]["steps"][-1]
                last["text"] += "\n" + block.text
            elif sections:
                intro = sections[-1].get("intro")
                sections[-1]["intro"] = f"{intro}\n{block.text}" if intro else block.text
            else:
                self.draft.skip(block.where, block.text, "text before the first subsection of the procedure")
        kept = []
        for s in sections:
            if s["steps"]:
                kept.append({k: s[k] for k in ("title", "intro", "steps") if k in s})
            else:
                self.draft.skip(section.heading.where, s["title"], "subsection without steps")
        if kept:
            self.draft.data["process"] = kept

    def _step(self, text: str, para: Para) -> dict[str, Any]:
        step: dict[str, Any] = {"text": text}
        owners = self.lookup.departments_in(text)
        if owners:
            step["owner"] = owners[0]
        else:
            self.draft.skip(para.where, text, "step names no known department: give its `owner`")
        records = self.lookup.codes_in(text, "form")
        if records:
            step["records"] = records
        return step

    def _table_caption(self, text: str) -> str | None:
        """The title in a step-table caption such as `表 5.1.3 分送处理权限` ('' without one), else None."""
        lead = re.escape(self.lookup.label("step_table").strip())
        match = re.fullmatch(rf"{lead}\s*\d+(?:\.\d+)+(?:\s+(.*))?", text.strip())
        return (match.group(1) or "").strip() if match else None

    def _is_step_table(self, table: Table) -> bool:
        label = self.lookup.label
        header = table.rows[0] if table.rows else ()
        return column(header, label("step_text"), "工作内容", "内容", "工作要求", "活动", "Activity") is not None

    def _step_table(self, table: Table, target: dict[str, Any]) -> None:
        label = self.lookup.label
        header = table.rows[0]
        text = column(header, label("step_text"), "工作内容", "内容", "工作要求", "活动", "Activity")
        owner = column(header, label("step_owner"), "责任部门", "责任人", "负责部门", "Responsible")
        limit = column(header, label("step_limit"), "时限", "完成时限", "Time limit")
        records = column(header, label("step_records"), "形成记录", "记录", "Records")
        if text is None:
            self._skip(table, "a table without a work-content column")
            return
        for i, row in enumerate(table.rows[1:], 1):
            where = table.row_where(i)
            body, related = _split_related(cell(row, text), label("step_related"))
            if not body:
                continue
            body, items, notes = _split_lines(body, label("bullet").strip(), label("step_note").strip())
            step: dict[str, Any] = {"text": body}
            owner_text, _, support_text = cell(row, owner).partition("\n" + label("step_support"))
            if owner_text not in EMPTY:
                step["owner"] = self.lookup.department_or_proposed(owner_text.strip())
            else:
                self.draft.skip(where, body, "step without a responsible department")
            support = [self.lookup.department_or_proposed(name) for name in re.split(r"[、,，]\s*", support_text)
                       if name.strip()]
            if support:
                step["support"] = support
            if items:
                step["items"] = items
            if notes:
                step["notes"] = notes
            limit_text = cell(row, limit)
            if limit_text not in EMPTY:
                limit_fields = _time_limit(limit_text)
                if limit_fields:
                    step.update(limit_fields)
                else:
                    self.draft.skip(where, limit_text, "time limit that is not a duration")
            codes = self.lookup.codes_in(cell(row, records), "form")
            if codes:
                step["records"] = codes
            cited = [self._citation(c, where) for c in related]
            if any(cited):
                step["related"] = [c for c in cited if c]
            target["steps"].append(step)

    def _citation(self, text: str, where: str) -> str | None:
        code = self.lookup.document_code(text)
        if code is None:
            self.draft.skip(where, text, "cited document is neither a procedure code nor in `external_documents`")
        return code

    def commitments(self, section: Section) -> None:
        label = self.lookup.label
        entries = []
        for block in section.blocks:
            if not isinstance(block, Table):
                if isinstance(block, Para) and block.text:
                    self.draft.skip(block.where, block.text, "text beside the commitments table")
                continue
            header = block.rows[0]
            cols = [column(header, label(k)) for k in ("commit_metric", "commit_target", "commit_measure",
                                                       "commit_owner", "commit_records")]
            for row in block.rows[1:]:
                metric, target, measured, owner, records = (cell(row, c) for c in cols)
                if not metric:
                    continue
                entry: dict[str, Any] = {"metric": metric, "target": target, "measured_by": measured}
                if owner not in EMPTY:
                    entry["owner"] = self.lookup.department_or_proposed(owner)
                codes = self.lookup.codes_in(records, "form")
                if codes:
                    entry["records"] = codes
                entries.append(entry)
        if entries:
            self.draft.data["commitments"] = entries

    def related(self, section: Section) -> None:
        codes = [c for p in self._paras(section) if (c := self._citation(_NUMBER.sub("", p.text), p.where))]
        if codes:
            self.draft.data["related_documents"] = codes

    def attachments(self, section: Section) -> None:
        entries = []
        for para in self._paras(section):
            title = _ATTACHMENT.sub("", para.text).strip()
            entry: dict[str, Any] = {}
            codes = self.lookup.codes_in(title, "form")
            if codes:
                title = re.sub(r"\s*[（(][^（()）]*[)）]\s*$", "", title)
                entry["form"] = codes[0]
            entries.append({"title": title, **entry})
        if entries:
            self.draft.data["attachments"] = entries

    def records(self, section: Section) -> None:
        label = self.lookup.label
        entries = []
        for block in section.blocks:
            if not isinstance(block, Table):
                if isinstance(block, Para) and block.text and squeeze(block.text).lower() not in self.none:
                    self.draft.skip(block.where, block.text, "text beside the records table")
                continue
            header = block.rows[0]
            name = column(header, label("record_name"), "记录名称", "名称")
            form = column(header, label("record_form"), "表单编号", "记录编号", "编号")
            keeper = column(header, label("record_keeper"), "保存部门", "保管部门", "归档部门", "保存单位")
            retention = column(header, label("record_retention"), "保存期限", "保存期", "保管期限")
            storage = column(header, label("record_storage"), "保存方式", "保存地点", "存放方式")
            for i, row in enumerate(block.rows[1:], 1):
                codes = self.lookup.codes_in(cell(row, form) or cell(row, name), "form")
                if not codes:
                    self.draft.skip(block.row_where(i), " | ".join(row), "record without a form code")
                    continue
                entry: dict[str, Any] = {"form": codes[0]}
                if cell(row, keeper) not in EMPTY:
                    entry["keeper"] = self.lookup.department_or_proposed(cell(row, keeper))
                kept = cell(row, retention)
                if kept not in EMPTY:
                    duration = parse_duration(kept)
                    if duration:
                        entry["retention"] = duration
                    else:
                        self.draft.skip(block.row_where(i), kept, "retention that is not a duration")
                if cell(row, storage) not in EMPTY:
                    entry["storage"] = cell(row, storage)
                entries.append(entry)
        if entries:
            self.draft.data["records"] = entries


def _names(lookup: Lookup, dept: str) -> list[str]:
    found = lookup.config.department(dept)
    return sorted((n for n in (found.zh, found.en) if n), key=len, reverse=True) if found else []


def _split_label(text: str) -> tuple[str, str, str]:
    for sep in ("：", ":"):
        if sep in text:
            head, _, rest = text.partition(sep)
            return head.strip(), sep, rest.strip()
    return text, "", ""


def _split_related(text: str, lead: str) -> tuple[str, list[str]]:
    if "\n" + lead not in text:
        return text.strip(), []
    body, _, cited = text.partition("\n" + lead)
    return body.strip(), [c.strip() for c in re.split(r"[；;]", cited) if c.strip()]



def _split_lines(text: str, bullet: str, note: str) -> tuple[str, list[str], list[str]]:
    """A step cell's text, its bullet items and its notes, each printed on a line of its own."""
    body, items, notes = [], [], []
    for line in text.split("\n"):
        stripped = line.strip()
        if bullet and stripped.startswith(bullet):
            items.append(stripped.removeprefix(bullet).strip())
        elif note and stripped.startswith(note):
            notes.append(stripped.removeprefix(note).strip())
        else:
            body.append(line)
    return "\n".join(body).strip(), items, notes


_ANCHOR_ZH = re.compile(r"(?P<anchor>.+?)(?P<side>前|后)\s*(?P<limit>\S.*)")
_ANCHOR_EN = re.compile(r"(?P<limit>.+?)\s+(?P<side>before|after)\s+(?P<anchor>.+)")


def _time_limit(text: str) -> dict[str, Any] | None:
    """`time_limit` (with `anchor`, `before`) from a printed limit: 24 小时, 收到投诉后 48 小时, 2 weeks before X."""
    duration = parse_duration(text)
    if duration:
        return {"time_limit": duration}
    for pattern in (_ANCHOR_ZH, _ANCHOR_EN):
        match = pattern.fullmatch(text.strip())
        if match and (duration := parse_duration(match.group("limit"))):
            before = match.group("side") in ("前", "before")
            fields: dict[str, Any] = {"time_limit": duration, "anchor": match.group("anchor").strip()}
            return {**fields, "before": True} if before else fields
    return None


def _own_table(table: Table, title: str) -> dict[str, Any]:
    """A step's own small table: its first row is the columns, the rest its rows."""
    columns, *rows = [list(row) for row in table.rows]
    return {**({"title": title} if title else {}), "columns": columns, "rows": rows}
