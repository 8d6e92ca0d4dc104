"""Semantic diff: what a reviewer sees changed between two versions, by printed section, not by YAML line."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from proccompile.lifecycle.flow_diff import flow_changes
from proccompile.model.chapters import (
    Attachment,
    ClauseChapter,
    Commitment,
    DataTable,
    Operation,
    RecordEntry,
    Responsibility,
    Section,
    Step,
    StepTable,
    Term,
)
from proccompile.model.document import ChapterSpec, ControlledDocument
from proccompile.model.form import Form, FormSection
from proccompile.model.numbering import Numbering, numbering

Action = Literal["added", "removed", "changed"]
T = TypeVar("T")
# Keys that describe the release itself (shown in the heading), not the content under review.
_CONTROL_KEYS = frozenset({"version", "status", "issued", "effective", "approvals", "revisions", "reviews",
                           "distribution", "withdrawn", "open_revision", "$schema"})


@dataclass(frozen=True)
class Change:
    action: Action
    where: str
    """Printed section number (5.2.3) or field name for unnumbered parts."""
    what: str
    old: str | None = None
    new: str | None = None


def semantic_diff(old: ControlledDocument, new: ControlledDocument, name: Callable[[str], str] = str,
                  chapters: tuple[ChapterSpec, ...] | None = None, *, history: bool = True) -> list[Change]:
    """The changes from ``old`` to ``new``; ``name`` prints a department id (销售部 for sales); ``chapters`` are the
    type's chapters in the project's order (by default the model's). Without ``history`` the revision-history
    entries are left out: what remains is the change of content."""
    chapters = type(new).CHAPTERS if chapters is None else chapters
    if type(old) is type(new) and any(spec.kind != "form" for spec in chapters):
        changes = list(_chaptered(old, new, name, chapters))
    else:
        changes = list(_generic("", _content(old.model_dump(mode="json")), _content(new.model_dump(mode="json"))))
    if isinstance(old, Form) and isinstance(new, Form):
        changes += _printed_order("", old, new)
        for i, (a, b) in enumerate(zip(old.sections, new.sections, strict=False)):
            changes += _printed_order(f"sections.{i}", a, b)
    return changes + list(_revisions(old, new)) if history else changes


def _printed_order(where: str, old: Form | FormSection, new: Form | FormSection) -> list[Change]:
    """A form prints its parts in the order the file writes them: a new order is a change a reviewer sees."""
    before, after = [k for k, _ in old.printed()], [k for k, _ in new.printed()]
    common = [k for k in before if k in after]
    if common == [k for k in after if k in before]:
        return []
    return [Change("changed", where, "print order", ", ".join(before), ", ".join(after))]


def _revisions(old: ControlledDocument, new: ControlledDocument) -> Iterator[Change]:
    """Revision-history entries: what the newer version's entry says (an open revision's planned entry too)."""
    entries = [(r.version, f"{r.change} ({r.author}, {r.date})") for r in new.revisions]
    if new.open_revision is not None:
        planned = new.open_revision
        who = ", ".join(filter(None, (planned.author, planned.request, "not released")))
        entries.append((planned.version, f"{planned.change} ({who})"))
    before = {r.version: f"{r.change} ({r.author}, {r.date})" for r in old.revisions}
    for version, text in entries:
        if version not in before:
            yield Change("added", "revisions", f"revision {version}", None, text)
        elif before[version] != text:
            yield Change("changed", "revisions", f"revision {version}", before[version], text)


def _chaptered(old: ControlledDocument, new: ControlledDocument, name: Callable[[str], str],
               chapters: tuple[ChapterSpec, ...]) -> Iterator[Change]:
    n_old, n_new = numbering(old, chapters), numbering(new, chapters)
    for field in ("title", "owner"):
        yield from _value(_where(n_new, field), field, getattr(old, field), getattr(new, field))
    text = [spec for spec in chapters if spec.kind in ("text", "scope")]
    for spec in text:
        yield from _value(_where(n_new, spec.id), spec.id, getattr(old, spec.key), getattr(new, spec.key))
    yield from _members("iso_clauses", "clause", getattr(old, "iso_clauses", []),
                        getattr(new, "iso_clauses", []))
    yield from _value("chapter_order", "chapter order", getattr(old, "chapter_order", []),
                      getattr(new, "chapter_order", []))
    yield from _free_chapters(old, new, n_old, n_new)
    for spec in chapters:
        differ = _DIFFERS.get(spec.kind)
        if differ is not None:
            yield from differ(_Sides(spec, n_old, n_new, name), getattr(old, spec.key), getattr(new, spec.key))


def _free_chapters(old: ControlledDocument, new: ControlledDocument, n_old: Numbering,
                   n_new: Numbering) -> Iterator[Change]:
    """A document's own chapters, matched by title, at the number each version prints them under."""
    def at(numbers: Numbering, i: int) -> str:
        return _where(numbers, f"chapters[{i}]")

    yield from _keyed(getattr(old, "chapters", []), getattr(new, "chapters", []), lambda c: c.title,
                      lambda i, _c, side: at(n_old if side == "old" else n_new, i), lambda c: f"chapter {c.title}",
                      lambda a, b: _fields(a, b, ("text", "items", "table", "picture", "before", "after")),
                      shown=lambda c: c.text or c.title)


def _clauses(sides: _Sides, old: list[ClauseChapter], new: list[ClauseChapter]) -> Iterator[Change]:
    """A manual's clause chapters, matched and placed by their clause."""
    yield from _keyed(old, new, lambda c: c.clause, lambda _i, c, _side: c.clause, lambda c: f"clause {c.clause}",
                      lambda a, b: _fields(a, b, ("title", "text", "items", "picture", "documents")),
                      shown=lambda c: c.text or c.clause)


def _operations(sides: _Sides, old: list[Operation], new: list[Operation]) -> Iterator[Change]:
    """A work instruction's steps, aligned by their text as a procedure's steps are."""
    matcher = difflib.SequenceMatcher(a=[o.text for o in old], b=[o.text for o in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for a, b in zip(range(a0, a1), range(b0, b1), strict=True):
                where = sides.item(b, "new")
                yield from _value(where, "step", old[a].text, new[b].text)
                yield from _fields(old[a], new[b], ("key_points", "records", "picture"), where=where,
                                   prefix="step ")
            continue
        for a in range(a0, a1):
            yield Change("removed", sides.item(a, "old"), "step", old[a].text, None)
        for b in range(b0, b1):
            yield Change("added", sides.item(b, "new"), "step", None, new[b].text)


def _list(sides: _Sides, old: list[str], new: list[str]) -> Iterator[Change]:
    yield from _lines(_where(sides.new, sides.id), sides.id, old, new)


def _tables(sides: _Sides, old: list[DataTable], new: list[DataTable]) -> Iterator[Change]:
    for i in range(max(len(old), len(new))):
        where = sides.item(i, "new" if i < len(new) else "old")
        a, b = (old[i] if i < len(old) else None), (new[i] if i < len(new) else None)
        if a is None or b is None:
            yield Change("added" if a is None else "removed", where, "table", None if a is None else _text(a),
                         None if b is None else _text(b))
            continue
        yield from _value(where, "table title", a.title, b.title)
        yield from _value(where, "table columns", a.columns, b.columns)
        yield from _lines(where, "table row", [" | ".join(r) for r in a.rows], [" | ".join(r) for r in b.rows])
        yield from _lines(where, "table note", a.notes, b.notes)


@dataclass(frozen=True)
class _Sides:
    """What a chapter's differ needs besides the two contents: the chapter, both numberings, department names."""

    spec: ChapterSpec
    old: Numbering
    new: Numbering
    name: Callable[[str], str]

    @property
    def id(self) -> str:
        return self.spec.id

    def numbers(self, side: str) -> Numbering:
        return self.old if side == "old" else self.new

    def item(self, i: int, side: str) -> str:
        numbers = self.numbers(side)
        return numbers.item(self.id, i) if self.id in numbers.sections else self.id

    def at(self, _i: int, _item: object, side: str) -> str:
        return _where(self.numbers(side), self.id)


def _terms(sides: _Sides, old: list[Term], new: list[Term]) -> Iterator[Change]:
    yield from _keyed(old, new, lambda t: t.term, lambda i, _t, side: sides.item(i, side),
                      lambda t: f"term {t.term}", lambda a, b: _value("", "", a.definition, b.definition),
                      shown=lambda t: t.definition)


def _responsibilities(sides: _Sides, old: list[Responsibility], new: list[Responsibility]) -> Iterator[Change]:
    def inner(a: Responsibility, b: Responsibility) -> Iterator[Change]:
        yield from _lines("", "", a.duties, b.duties)
        yield from _lines("", "authority", a.authorities, b.authorities)

    yield from _keyed(old, new, lambda r: "+".join(r.department), lambda i, _r, side: sides.item(i, side),
                      lambda r: "duty of " + ", ".join(sides.name(d) for d in r.department), inner,
                      shown=lambda r: "；".join([*r.duties, *r.authorities]))


def _commitments(sides: _Sides, old: list[Commitment], new: list[Commitment]) -> Iterator[Change]:
    yield from _keyed(old, new, lambda c: c.metric, sides.at, lambda c: f"KPI {c.metric}",
                      lambda a, b: _fields(a, b, ("target", "measured_by", "owner", "time_limit", "records")))


def _related(sides: _Sides, old: list[str], new: list[str]) -> Iterator[Change]:
    yield from _members(_where(sides.new, sides.id), "related document", old, new)


def _attachments(sides: _Sides, old: list[Attachment], new: list[Attachment]) -> Iterator[Change]:
    yield from _keyed(old, new, lambda a: a.title, sides.at, lambda a: f"attachment {a.title}",
                      lambda a, b: _fields(a, b, ("form", "file")))


def _records(sides: _Sides, old: list[RecordEntry], new: list[RecordEntry]) -> Iterator[Change]:
    yield from _keyed(old, new, lambda r: r.name, sides.at, lambda r: f"record {r.name}",
                      lambda a, b: _fields(a, b, ("keeper", "medium", "retention", "storage")))


def _sections(sides: _Sides, old: list[Section], new: list[Section]) -> Iterator[Change]:
    n_old, n_new, chapter = sides.old, sides.new, sides.id
    titles_old = [s.title for s in old]
    titles_new = [s.title for s in new]
    for i, section in enumerate(new):
        if section.title not in titles_old:
            yield Change("added", n_new.item(chapter, i), "section", None, section.title)
            continue
        before = old[titles_old.index(section.title)]
        yield from _value(n_new.item(chapter, i), "section intro", before.intro, section.intro)
        yield from _steps(before.steps, section.steps, titles_old.index(section.title), i,
                          lambda i, j: n_old.sub(chapter, i, j), lambda i, j: n_new.sub(chapter, i, j))
    for i, section in enumerate(old):
        if section.title not in titles_new:
            yield Change("removed", n_old.item(chapter, i), "section", section.title, None)
    yield from (Change(*change) for change in flow_changes(old, new, chapter, n_old, n_new))


def _steps(old: list[Step], new: list[Step], i_old: int, i_new: int, num_old: Callable[[int, int], str],
           num_new: Callable[[int, int], str]) -> Iterator[Change]:
    matcher = difflib.SequenceMatcher(a=[s.text for s in old], b=[s.text for s in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for a, b in zip(range(a0, a1), range(b0, b1), strict=True):
                yield from _step(old[a], new[b], num_new(i_new, b))
            continue
        for a in range(a0, a1):
            yield Change("removed", num_old(i_old, a), "step", old[a].text, None)
        for b in range(b0, b1):
            yield Change("added", num_new(i_new, b), "step", None, new[b].text)


def _step(old: Step, new: Step, where: str) -> Iterator[Change]:
    """Everything a step prints: text, bullets, notes, its table, who does it, by when, what it records."""
    yield from _value(where, "step", old.text, new.text)
    yield from _lines(where, "step item", old.items, new.items)
    yield from _lines(where, "step note", old.notes, new.notes)
    yield from _fields(old, new, ("owner", "support", "time_limit", "anchor", "before", "records", "related",
                                  "clauses"), where=where, prefix="step ")
    yield from _table(old.table, new.table, where)


def _table(old: StepTable | None, new: StepTable | None, where: str) -> Iterator[Change]:
    if old is None or new is None:
        yield from _value(where, "step table", _table_text(old), _table_text(new))
        return
    yield from _value(where, "step table title", old.title, new.title)
    yield from _value(where, "step table columns", " | ".join(old.columns), " | ".join(new.columns))
    yield from _lines(where, "step table row", [" | ".join(r) for r in old.rows], [" | ".join(r) for r in new.rows])


def _table_text(table: StepTable | None) -> str | None:
    if table is None:
        return None
    rows = "; ".join(" | ".join(row) for row in table.rows)
    return f"{table.title + ': ' if table.title else ''}{' | '.join(table.columns)}; {rows}"


def _keyed(old: Sequence[T], new: Sequence[T], key: Callable[[T], str], where: Callable[[int, T, str], str],
           label: Callable[[T], str], inner: Callable[[T, T], Iterator[Change]],
           shown: Callable[[T], str] | None = None) -> Iterator[Change]:
    """Items matched by ``key``: added, removed, or the ``inner`` changes of an item present in both."""
    show = shown or _text
    old_by = {key(item): (i, item) for i, item in enumerate(old)}
    new_keys = {key(item) for item in new}
    for i, item in enumerate(new):
        if key(item) not in old_by:
            yield Change("added", where(i, item, "new"), label(item), None, show(item))
            continue
        for change in inner(old_by[key(item)][1], item):
            yield Change(change.action, change.where or where(i, item, "new"),
                         label(item) + (f" {change.what}" if change.what else ""), change.old, change.new)
    for k, (i, item) in old_by.items():
        if k not in new_keys:
            yield Change("removed", where(i, item, "old"), label(item), show(item), None)


def _fields(old: object, new: object, names: Sequence[str], *, where: str = "", prefix: str = "") -> Iterator[Change]:
    for name in names:
        yield from _value(where, prefix + name.replace("_", " "), getattr(old, name), getattr(new, name))


def _value(where: str, what: str, old: object, new: object) -> Iterator[Change]:
    if old == new:
        return
    if old in (None, [], ""):
        yield Change("added", where, what, None, _text(new))
    elif new in (None, [], ""):
        yield Change("removed", where, what, _text(old), None)
    else:
        yield Change("changed", where, what, _text(old), _text(new))


def _lines(where: str, what: str, old: Sequence[str], new: Sequence[str]) -> Iterator[Change]:
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace" and a1 - a0 == b1 - b0:
            for a, b in zip(range(a0, a1), range(b0, b1), strict=True):
                yield Change("changed", where, what, old[a], new[b])
        elif tag != "equal":
            for a in range(a0, a1):
                yield Change("removed", where, what, old[a], None)
            for b in range(b0, b1):
                yield Change("added", where, what, None, new[b])


def _members(where: str, what: str, old: Sequence[str], new: Sequence[str]) -> Iterator[Change]:
    for item in new:
        if item not in old:
            yield Change("added", where, what, None, item)
    for item in old:
        if item not in new:
            yield Change("removed", where, what, item, None)


def _generic(path: str, old: object, new: object) -> Iterator[Change]:
    """Forms: every field by path; list items with a `label` are matched by it, others by position."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from _generic(f"{path}.{key}" if path else str(key), old.get(key), new.get(key))
    elif isinstance(old, list) and isinstance(new, list) and _labelled(old) and _labelled(new):
        yield from _generic(path, {i["label"]: i for i in old}, {i["label"]: i for i in new})
    elif isinstance(old, list) and isinstance(new, list):
        yield from _lines(path, "", [_text(i) for i in old], [_text(i) for i in new])
    else:
        yield from _value(path, "", old, new)


def _labelled(items: list[object]) -> bool:
    return all(isinstance(i, dict) and isinstance(i.get("label"), str) for i in items)


def _content(data: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in data.items() if k not in _CONTROL_KEYS}


_DIFFERS: dict[str, Callable[[_Sides, Any, Any], Iterator[Change]]] = {
    "terms": _terms,
    "responsibilities": _responsibilities,
    "steps": _sections,
    "commitments": _commitments,
    "related": _related,
    "attachments": _attachments,
    "records": _records,
    "clauses": _clauses,
    "operations": _operations,
    "list": _list,
    "table": _tables,
}


def _where(n: Numbering, section: str) -> str:
    return n.section(section) if section in n.sections else section


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if hasattr(value, "model_dump"):
        dumped = value.model_dump(mode="json", exclude_defaults=True)
        return "; ".join(f"{k}: {_text(v)}" for k, v in dumped.items())
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)
