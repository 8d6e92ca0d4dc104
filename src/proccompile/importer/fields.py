"""Values labelled one by one on the cover, in header tables and in page headers and footers: the document
number, version, dates, title and owner, and the layout around them (page numbers, the company, stamps).

A labelled value is either read or listed with the reason it could not be (a date that does not parse,
a code outside the house pattern, an owner that is no department): a label never swallows its value.
"""

from __future__ import annotations

import re
from typing import Any

from proccompile.importer.docx_reader import Para, Table
from proccompile.importer.labels import DATE_WORDS, FIELD_LABELS, STATUS_WORDS, WEAK_NUMBER_LABELS, norm, squeeze
from proccompile.importer.lookup import EMPTY, Lookup, looks_like_code
from proccompile.importer.result import Draft

# The project's labels for the same fields, as its own build prints them in the page header.
_PROJECT_LABELS = {"number": ("header_number",), "version": ("header_version",), "effective": ("header_effective",),
                   "page": ("header_page",)}
DEPARTMENT_WORDS = re.compile(r"(部|科|室|处|中心|车间|办公室|组|department|dept\.?|office|team|group|division|unit)$",
                               re.IGNORECASE)
_PAGE = re.compile(r"^(?:第\s*\d+\s*页\s*[，,]?\s*共\s*\d+\s*页|共\s*\d+\s*页\s*第\s*\d+\s*页|(?:page\s*)?\d+\s*"
                   r"(?:of|/)\s*\d+|page\s*\d+)$", re.IGNORECASE)
_SEGMENTS = re.compile(r"\t|[ \u3000]{2,}|\u3000")


def _spaced(word: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in word)


_LABELS = "|".join(sorted((_spaced(w) for words in FIELD_LABELS.values() for w in words), key=len, reverse=True))
_LABEL_AT_START = re.compile(rf"^(?P<label>{_LABELS})(?![A-Za-z])\s*[:：]?\s*", re.IGNORECASE)
# Further labels within one segment need their colon: `Revision: C Effective Date: 03/15/2024`.
_LABEL_INSIDE = re.compile(rf"(?<![A-Za-z])(?:{_LABELS})(?![A-Za-z])\s*[:：]", re.IGNORECASE)
_DATE_FILLER = re.compile(r"[\s:：,，.。()（）]|date|日期|" + "|".join(w for ws in DATE_WORDS.values() for w in ws),
                          re.IGNORECASE)


class FieldReader:
    """Reads labelled values into ``values`` (field → value: text, a date or a department id)."""

    def __init__(self, lookup: Lookup, draft: Draft, values: dict[str, Any]) -> None:
        self.lookup, self.draft, self.values = lookup, draft, values
        self.company = {squeeze(n) for n in (lookup.config.company.zh, lookup.config.company.en) if n}
        self.stamps = {norm(lookup.label(f"{kind}_{s}")): s for s in ("released", "draft", "obsolete")
                       for kind in ("stamp", "note")}

    def label_key(self, text: str, neighbour: str = "") -> str | None:
        flat = norm(text)
        for key, words in FIELD_LABELS.items():
            if flat in words or any(flat == self.lookup.flat_label(k) for k in _PROJECT_LABELS.get(key, ())):
                return key
        if flat in WEAK_NUMBER_LABELS and self.lookup.codes_in(neighbour, "procedure"):
            return "number"
        return None

    # -- tables ----------------------------------------------------------------------------------------------
    def table(self, table: Table) -> bool:
        """Read every label of ``table`` not read yet with the value to its right (or below it, when the
        labels run across a row); True when the table held any such label."""
        any_label = False
        for r, row in enumerate(table.rows):
            for i, text in enumerate(row):
                where = table.cell_where(r, i)
                if where in self.draft.used or where in self.draft.listed:
                    continue
                key = self.label_key(text)
                value_at = self._value_cell(table, r, i) if key or norm(text) in WEAK_NUMBER_LABELS else None
                value = table.rows[value_at[0]][value_at[1]].strip() if value_at else ""
                key = key or self.label_key(text, value)
                if key is None:
                    self.layout(text, where)
                    continue
                any_label = True
                self.draft.use(where)
                if value_at is None or value in EMPTY:
                    if value_at is not None:
                        self.draft.use(table.cell_where(*value_at))  # a dash or 无: nothing to read
                    continue
                value_where = table.cell_where(*value_at)
                problem = self.accept(key, value)
                if problem is None:
                    self.draft.use(value_where)
                else:
                    self.draft.skip(value_where, value, f"{text.strip()}: {problem}", (value_where,))
        return any_label

    def _value_cell(self, table: Table, r: int, i: int) -> tuple[int, int] | None:
        right = (r, i + 1) if i + 1 < len(table.rows[r]) else None
        if right is not None and self.label_key(table.rows[r][i + 1]) is None:
            return right
        below = table.at(r + 1, table.grid(r, i))
        if below is not None and self.label_key(table.rows[r + 1][below]) is None:
            return r + 1, below
        return None

    # -- values ----------------------------------------------------------------------------------------------
    def accept(self, key: str, value: str) -> str | None:
        """Store ``value`` as ``key``; the reason when it cannot be."""
        if key == "number":
            if self.lookup.codes_in(value, "procedure"):
                self.values.setdefault("number", value)
                return None
            pattern = self.lookup.patterns["procedure"]
            if looks_like_code(value):
                return f"document code `{value}` does not match the house pattern numbering.procedure `{pattern}`"
            return f"no document code matching numbering.procedure `{pattern}`"
        if key in ("effective", "issued"):
            found = self.lookup.date(value)
            if found is None or found.date is None:
                return found.problem if found and found.problem else f"`{value}` is not a date"
            self.values.setdefault(key, found.date)
            return None
        if key == "owner":
            dept = self.lookup.department(value)
            if dept is None and DEPARTMENT_WORDS.search(value.strip()):
                dept = self.lookup.department_or_proposed(value)
            if dept is None:
                return f"`{value}` is not a department in proccompile.yaml; give `owner` a department id"
            self.values.setdefault("owner", dept)
            return None
        if key == "status":
            status = self.stamps.get(norm(value)) or STATUS_WORDS.get(norm(value))
            if status is None:
                return f"`{value}` is not a status (released, draft or obsolete)"
            self.values.setdefault("status", status)
            return None
        if key != "page":
            self.values.setdefault(key, value)
        return None

    def layout(self, text: str, where: str) -> bool:
        """Mark ``text`` read when it is layout the build prints itself: the company, a page number, a
        status stamp, the title or number already read."""
        flat = squeeze(text)
        if not flat:
            return False
        lines = [squeeze(line) for line in text.splitlines() if line.strip()]
        if all(self._layout_line(line) for line in lines):
            self.draft.use(where)
            return True
        return False

    def _layout_line(self, flat: str) -> bool:
        if flat in self.company or _PAGE.match(flat) or norm(flat) in self.stamps:
            if norm(flat) in self.stamps:
                self.values.setdefault("status", self.stamps[norm(flat)])
            return True
        return any(flat == squeeze(str(self.values.get(k, "\0"))) for k in ("title", "number", "version"))

    # -- paragraphs ------------------------------------------------------------------------------------------
    def paragraph(self, para: Para) -> str | None:
        """Read a cover or page-margin paragraph made of labelled values and layout; None when every part
        of it was read (it is marked), else why not (it is left for the caller to list)."""
        problems: list[str] = []
        for part in para.text.split("\t"):
            if self._layout_line(squeeze(part)) or self._blank_date(part):  # whole notes and blanks have spaces inside
                continue
            for segment in (s.strip() for s in _SEGMENTS.split(part)):
                starts = [0, *(m.start() for m in _LABEL_INSIDE.finditer(segment) if m.start() > 0)]
                for piece in (segment[a:b].strip() for a, b in zip(starts, [*starts[1:], len(segment)], strict=True)):
                    problem = self._segment(piece) if piece else None
                    if problem and problem not in problems:
                        problems.append(problem)
        if problems:
            return "; ".join(problems)
        self.draft.use_para(para)
        return None

    def _segment(self, segment: str) -> str | None:
        if self._layout_line(squeeze(segment)):
            return None
        dated = self._date_word(segment)
        if dated is not None:
            return dated or None
        match = _LABEL_AT_START.match(segment)
        if match and (key := self.label_key(match.group("label"))) is not None:
            value = segment[match.end():].strip()
            if not value or value in EMPTY:
                return None if key == "page" else f"`{match.group('label').strip()}` with no value"
            problem = self.accept(key, value)
            return f"{match.group('label').strip()}: {problem}" if problem else None
        if self.lookup.printed_code(segment, "procedure"):  # the number line under the title
            self.values.setdefault("number", segment)
            return None
        return "cover text with no place in a procedure"

    def _blank_date(self, text: str) -> bool:
        """A blank to fill in (`____-__-__ 发布`, `　　年　　月　　日 实施`): no date, and nothing to read."""
        blank = squeeze(self.lookup.label("date_blank"))
        rest = squeeze(text)
        for words in DATE_WORDS.values():
            for word in words:
                rest = rest.replace(word, "")
        return bool(blank) and rest == blank

    def _date_word(self, segment: str) -> str | None:
        """'' when ``segment`` is an issue or effective date (`2024-03-01 发布`, `Issued 2024-03-01`) and was
        read, the reason when it names one that cannot be read, None when it names none."""
        flat = segment.casefold()
        key = next((k for k, words in DATE_WORDS.items() if any(w in flat for w in words)), None)
        if key is None:
            return None
        found = self.lookup.date(segment)
        if found is not None and _DATE_FILLER.sub("", segment.replace(found.text, "")):
            return None  # more than a date and its word: a sentence, read as one
        if found is None or found.date is None:
            return f"{key} date: " + (found.problem if found and found.problem else f"no date in `{segment}`")
        self.values.setdefault(key, found.date)
        return ""
