"""The process section (工作程序 / PROCEDURE): subsections of steps from step tables or numbered paragraphs,
with bullets and lettered items as the step's `items:` and notes as its `notes:`."""

from __future__ import annotations

import re
from typing import Any

from proccompile.importer.docx_reader import Para, Table
from proccompile.importer.headings import Section, level2
from proccompile.importer.lookup import EMPTY, Lookup, looks_like_code, parse_duration
from proccompile.importer.result import Draft
from proccompile.importer.tables import Columns, find_columns

_STEP = re.compile(r"^(\d+\s*[.．]\s*\d+\s*[.．]\s*\d+)[.．]?[\s\u3000]*(.+)$", re.S)
_SUBSTEP = re.compile(r"^\d+(?:\s*[.．]\s*\d+){3,}[.．]?[\s\u3000]*(.+)$", re.S)
_ITEM = re.compile(r"^(?:[a-z][)）]|[（(]\w{1,2}[)）]|\d+[)）]|[-•·●▪◆○■□➢–*]\s)\s*")
_BULLET_GLYPH = re.compile(r"^[•·●▪◆○■□➢]\s*")
_NOTE = re.compile(r"^(?:注|备注|Note|NOTE)\s*\d*\s*[:：]\s*")
_ANCHOR_ZH = re.compile(r"(?P<anchor>.+?)(?P<side>前|后)\s*(?P<limit>\S.*)")
_ANCHOR_EN = re.compile(r"(?P<limit>.+?)\s+(?P<side>before|after|of|from)\s+(?P<anchor>.+)", re.IGNORECASE)
STEP_KEYS = ("step_no", "step_text", "step_owner", "step_limit", "step_records")


def read_process(section: Section, lookup: Lookup, draft: Draft) -> None:
    _Process(section, lookup, draft).read()


class _Process:
    def __init__(self, section: Section, lookup: Lookup, draft: Draft) -> None:
        self.section, self.lookup, self.draft = section, lookup, draft
        self.subsections: list[dict[str, Any]] = []
        self.sources: list[list[Para]] = []  # per subsection, the paragraphs that hold no step (listed if it has none)

    def read(self) -> None:
        caption: str | None = None  # title of a step's own table, announced by "表 5.1.3 …" before it
        for block in self.section.blocks:
            if isinstance(block, Table):
                self._table(block, caption)
                caption = None
            elif block.text:
                announced = self._table_caption(block.text)
                if announced is not None:
                    caption = announced
                    self.draft.use_para(block)
                else:
                    self._para(block)
        kept = []
        for sub, sources in zip(self.subsections, self.sources, strict=True):
            if "intro" in sub:
                sub["intro"] = "\n".join(sub["intro"])
            for step in sub["steps"]:
                if "more" in step:
                    step["text"] = "\n".join([step["text"], *step.pop("more")])
            if sub["steps"]:
                kept.append({k: sub[k] for k in ("title", "intro", "steps") if k in sub})
                for para in sources:
                    self.draft.use_para(para)
            else:
                for para in sources:
                    self.draft.skip(para.where, para.text, "subsection without steps")
        if kept:
            self.draft.data["process"] = kept

    def _open(self, title: str, source: Para | None) -> None:
        self.subsections.append({"title": title, "steps": []})
        self.sources.append([source] if source is not None else [])

    def _current(self) -> dict[str, Any]:
        if not self.subsections:
            self._open(self.section.title, None)
        return self.subsections[-1]

    def _last_step(self) -> dict[str, Any] | None:
        return self.subsections[-1]["steps"][-1] if self.subsections and self.subsections[-1]["steps"] else None

    def _para(self, para: Para) -> None:
        text, last = para.text, self._last_step()
        sub, step, substep = level2(text), _STEP.match(text), _SUBSTEP.match(text)
        if substep and last is not None:  # 5.1.1.1 under step 5.1.1
            last.setdefault("items", []).append(substep.group(1).strip())
        elif step or substep:
            self._paragraph_step(step.group(2).strip() if step else substep.group(1).strip(), para)  # type: ignore[union-attr]
        elif para.numbered and not para.is_heading:  # an item of Word's own numbered list: its number is not text
            self._paragraph_step(text, para)
        elif sub is not None and _sentence(sub[1]):
            self._paragraph_step(sub[1], para)  # `5.1 Purchasing reviews each order.`: a step, not a title
        elif sub is not None or (para.is_heading and not para.bullet):
            self._open(sub[1] if sub else text, para)
            return
        elif last is not None and (para.bullet or _ITEM.match(text)):
            last.setdefault("items", []).append(_ITEM.sub("", _BULLET_GLYPH.sub("", text)).strip())
        elif last is not None and _NOTE.match(text):
            last.setdefault("notes", []).append(_NOTE.sub("", text).strip())
        elif last is not None:
            last.setdefault("more", []).append(text)  # joined at the end: += would copy the text every time
        elif self.subsections:
            self.subsections[-1].setdefault("intro", []).append(text)
            self.sources[-1].append(para)
            return
        else:
            self.draft.skip(para.where, text, "text before the first subsection of the procedure")
            return
        self.draft.use_para(para)

    def _paragraph_step(self, text: str, para: Para) -> None:
        step: dict[str, Any] = {"text": text}
        owners = self.lookup.departments_in(text)
        if owners:
            step["owner"] = owners[0]
        else:
            self.draft.missing(text, "step names no known department: give its `owner`", para.where)
        records = self.lookup.codes_in(text, "form")
        if records:
            step["records"] = records
            for code in records:
                self.draft.cite(code)
        self._current()["steps"].append(step)

    def _table_caption(self, text: str) -> str | None:
        """The title in a step-table caption such as `表 5.1.3 分送处理权限` ('' without one), else None."""
        lead = re.escape(self.lookup.label("step_table").strip())
        match = re.fullmatch(rf"{lead}\s*\d+(?:\.\d+)+(?:\s+(.*))?", text.strip())
        return (match.group(1) or "").strip() if match else None

    def _table(self, table: Table, caption: str | None) -> None:
        columns = find_columns(table, self.lookup, STEP_KEYS, ("step_text",))
        last = self._last_step()
        if caption is not None and last is not None and columns is None:
            last["table"] = _own_table(table, caption)
            self.draft.use_table(table)
        elif columns is None:
            self.draft.skip_block(table, "a table in the process without an activity (工作内容) column")
        else:
            self._step_table(columns)

    def _step_table(self, columns: Columns) -> None:
        label, table, draft = self.lookup.label, columns.table, self.draft
        target = self._current()
        for r in columns.body:
            body, related = _split_related(columns.value(r, "step_text"), label("step_related"))
            if not body:
                if any(c.strip() for c in table.rows[r]):
                    draft.skip_row(table, r, "step row without an activity")
                continue
            body, items, notes = _split_lines(body, label("bullet").strip(), label("step_note").strip())
            step: dict[str, Any] = {"text": body}
            columns.use(draft, r, "step_text", "step_no")
            owner_text, _, support_text = columns.value(r, "step_owner").partition("\n" + label("step_support"))
            if owner_text not in EMPTY:
                step["owner"] = self.lookup.shared(owner_text) or self.lookup.department_or_proposed(owner_text.strip())
                columns.use(draft, r, "step_owner")
            else:
                draft.missing(body, "step without a responsible department", table.row_where(r))
            support = [self.lookup.department_or_proposed(name) for name in re.split(r"[、,，]\s*", support_text)
                       if name.strip()]
            if support:
                step["support"] = support
            if items:
                step["items"] = items
            if notes:
                step["notes"] = notes
            self._limit(columns, r, step)
            self._records(columns, r, step)
            cited = [self._citation(c, table.row_where(r)) for c in related]
            if any(cited):
                step["related"] = [c for c in cited if c]
            target["steps"].append(step)
        columns.settle(draft, "a step")

    def _limit(self, columns: Columns, r: int, step: dict[str, Any]) -> None:
        text = columns.value(r, "step_limit")
        if text in EMPTY:
            columns.use(self.draft, r, "step_limit")
            return
        fields = _time_limit(text)
        if fields:
            step.update(fields)
            columns.use(self.draft, r, "step_limit")
        else:
            self.draft.skip_cell(columns.table, r, columns.index(r, "step_limit") or 0,
                                 "time limit that is not a duration")

    def _records(self, columns: Columns, r: int, step: dict[str, Any]) -> None:
        text = columns.value(r, "step_records")
        codes = self.lookup.codes_in(text, "form")
        index = columns.index(r, "step_records")
        if codes:
            step["records"] = codes
            for code in codes:
                self.draft.cite(code)
            columns.use(self.draft, r, "step_records")
        elif text in EMPTY:
            columns.use(self.draft, r, "step_records")
        elif index is not None:
            self.draft.skip_cell(columns.table, r, index, record_problem(text, self.lookup))

    def _citation(self, text: str, where: str) -> str | None:
        code = self.lookup.document_code(text)
        if code is None:
            self.draft.missing(text, "cited document is neither a procedure code nor in `external_documents`", where)
        return code


def record_problem(text: str, lookup: Lookup) -> str:
    """Why a records cell gives no form: its codes break the house pattern, or it has none."""
    codes = [w for w in re.split(r"[\s,，、;；《》()（）]+", text) if w and looks_like_code(w)]
    pattern = lookup.patterns["form"]
    if codes:
        return f"form code `{codes[0]}` does not match the house pattern numbering.form `{pattern}`"
    return "record without a form code"


def _sentence(title: str) -> bool:
    return len(title) > 40 or title.rstrip().endswith(("。", ".", "；", ";"))


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
        if bullet and stripped.startswith(bullet) or _BULLET_GLYPH.match(stripped):
            items.append(_BULLET_GLYPH.sub("", stripped.removeprefix(bullet)).strip())
        elif note and stripped.startswith(note):
            notes.append(stripped.removeprefix(note).strip())
        else:
            body.append(line)
    return "\n".join(body).strip(), items, notes


def _time_limit(text: str) -> dict[str, Any] | None:
    """`time_limit` (with `anchor`, `before`) from a printed limit: 24 小时, 收到投诉后 48 小时, 2 weeks before X."""
    duration = parse_duration(text)
    if duration:
        return {"time_limit": duration}
    for pattern in (_ANCHOR_ZH, _ANCHOR_EN):
        match = pattern.fullmatch(text.strip())
        if match and (duration := parse_duration(match.group("limit"))):
            before = match.group("side").lower() in ("前", "before")
            fields: dict[str, Any] = {"time_limit": duration, "anchor": match.group("anchor").strip()}
            return {**fields, "before": True} if before else fields
    return None


def _own_table(table: Table, title: str) -> dict[str, Any]:
    """A step's own small table: its first row is the columns, the rest its rows."""
    columns, *rows = [list(row) for row in table.rows]
    return {**({"title": title} if title else {}), "columns": columns, "rows": rows}
