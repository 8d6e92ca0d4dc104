"""A redline: the newer version's Word document with Word tracked changes (w:ins / w:del) against the older one.

Both versions are laid out as view-models; blocks, table rows and characters are aligned with difflib,
and the changed text is marked with private-use characters that survive the ordinary builder. A last
pass over document.xml turns the marks into revision runs with the release's author and date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import replace
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus, Document, Form, Procedure
from proccompile.render.blocks import Block, Cell, DocView, Flowchart, Para, Table
from proccompile.render.package import to_bytes

INS, DEL, END = "\ue011", "\ue012", "\ue013"
_MARKS = INS + DEL + END
_WORD = re.compile(r"[A-Za-z0-9_./:\-]+|\s+|.", re.DOTALL)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AnyDoc = Document[Procedure] | Document[Form]


def merge_views(old: DocView, new: DocView) -> DocView:
    """``new`` with everything that differs from ``old`` marked as inserted or deleted."""
    return replace(new, blocks=list(_merge_blocks(old.blocks, new.blocks)))


def _key(block: Block) -> tuple[object, ...]:
    if isinstance(block, Para):
        return ("p", block.style, block.lead, block.text)
    if isinstance(block, Table):
        return ("t", tuple(tuple(c.text for c in row) for row in block.rows))
    if isinstance(block, Flowchart):
        return ("chart", tuple(p.text for p in block.lead), block.charts)
    return ("break",)


def _merge_blocks(old: Sequence[Block], new: Sequence[Block]) -> Iterator[Block]:
    matcher = difflib.SequenceMatcher(a=[_key(b) for b in old], b=[_key(b) for b in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            yield from new[b0:b1]
            continue
        # Blocks replaced one for one (a reworded paragraph, a table with a changed row) are diffed inside.
        pairs = list(zip(old[a0:a1], new[b0:b1], strict=True)) if a1 - a0 == b1 - b0 else []
        if pairs and all(_pairs(a, b) for a, b in pairs):
            for a, b in pairs:
                yield _merge_pair(a, b)
            continue
        for block in old[a0:a1]:
            yield _whole(block, DEL)
        yield from (_whole(block, INS) for block in new[b0:b1])


def _pairs(a: Block, b: Block) -> bool:
    if isinstance(a, Para) and isinstance(b, Para):
        return a.style == b.style
    if isinstance(a, Table) and isinstance(b, Table):
        return len(a.widths) == len(b.widths)
    # A changed flowchart is shown whole: the old drawing deleted, the new one inserted.
    return type(a) is type(b) and not isinstance(a, Flowchart)


def _merge_pair(a: Block, b: Block) -> Block:
    if isinstance(a, Para) and isinstance(b, Para):
        return replace(b, lead=inline(a.lead, b.lead), text=inline(a.text, b.text))
    if isinstance(a, Table) and isinstance(b, Table):
        return replace(b, rows=tuple(_merge_rows(a.rows, b.rows)))
    return b


def _merge_rows(old: Sequence[tuple[Cell, ...]], new: Sequence[tuple[Cell, ...]]) -> Iterator[tuple[Cell, ...]]:
    texts = difflib.SequenceMatcher(a=[tuple(c.text for c in r) for r in old],
                                    b=[tuple(c.text for c in r) for r in new], autojunk=False)
    for tag, a0, a1, b0, b1 in texts.get_opcodes():
        if tag == "equal":
            yield from new[b0:b1]
        elif tag == "replace" and a1 - a0 == b1 - b0 and all(len(x) == len(y) for x, y in
                                                              zip(old[a0:a1], new[b0:b1], strict=True)):
            for x, y in zip(old[a0:a1], new[b0:b1], strict=True):
                yield tuple(replace(c, text=inline(o.text, c.text)) for o, c in zip(x, y, strict=True))
        else:
            for row in old[a0:a1]:
                yield tuple(replace(c, text=_wrap(c.text, DEL)) for c in row)
            for row in new[b0:b1]:
                yield tuple(replace(c, text=_wrap(c.text, INS)) for c in row)


def _whole(block: Block, mark: str) -> Block:
    if isinstance(block, Para):
        return replace(block, lead=_wrap(block.lead, mark), text=_wrap(block.text, mark))
    if isinstance(block, Table):
        return replace(block, rows=tuple(tuple(replace(c, text=_wrap(c.text, mark)) for c in row)
                                         for row in block.rows))
    if isinstance(block, Flowchart):
        return replace(block, lead=tuple(replace(p, text=_wrap(p.text, mark)) for p in block.lead), marks=(mark, END))
    return block


def _wrap(text: str, mark: str) -> str:
    return f"{mark}{text}{END}" if text else ""


def inline(old: str, new: str) -> str:
    """``new`` with the words deleted from ``old`` and inserted into it marked.

    A word is a run of Latin letters, digits and the punctuation inside dates, codes and versions
    (2020-01-10, Q/FL2.0813, B/0), or one CJK character, so a changed date is replaced whole.
    """
    if old == new:
        return new
    a, b = _WORD.findall(old), _WORD.findall(new)
    out = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(b[b0:b1]))
            continue
        out.append(_wrap("".join(a[a0:a1]), DEL))
        out.append(_wrap("".join(b[b0:b1]), INS))
    return "".join(out)


def track_changes(data: bytes, author: str, when: dt.date) -> bytes:
    """Turn the marks in a built document into tracked insertions and deletions."""
    document = docx.Document(io.BytesIO(data))
    stamp = {qn("w:author"): author, qn("w:date"): f"{when.isoformat()}T00:00:00Z"}
    ids = iter(range(1, 1_000_000))
    body = document.element.body
    for p in list(body.iter(qn("w:p"))):
        states = _mark_paragraph(p, stamp, ids)
        if states in ({INS}, {DEL}):
            _mark_paragraph_end(p, next(iter(states)), stamp, ids)
    for tr in list(body.iter(qn("w:tr"))):
        states = {s for p in tr.iter(qn("w:p")) for s in _run_states(p)}
        if states in ({INS}, {DEL}):
            tr_pr = tr.find(qn("w:trPr"))
            if tr_pr is None:
                tr_pr = etree.SubElement(tr, qn("w:trPr"))
                tr.insert(0 if tr.find(qn("w:tblPrEx")) is None else 1, tr_pr)
            tr_pr.append(_revision("w:ins" if states == {INS} else "w:del", stamp, ids))
    return to_bytes(document)


def _mark_paragraph(p: etree._Element, stamp: dict[str, str], ids: Iterator[int]) -> set[str]:
    """Split the paragraph's runs at the marks; returns the states of its text (INS, DEL, "" unchanged)."""
    state, seen = "", set()
    for r in [child for child in p if child.tag == qn("w:r")]:
        props = r.find(qn("w:rPr"))
        pieces: list[tuple[str, etree._Element]] = []
        for child in [c for c in r if c.tag != qn("w:rPr")]:
            if child.tag != qn("w:t") or not any(m in (child.text or "") for m in _MARKS):
                pieces.append((state, child))
                continue
            segments = list(_split(child.text or "", state))
            state = segments[-1][1]  # a mark left open continues into the next run
            for text, segment_state in segments:
                if text:
                    t = etree.Element(qn("w:t"))
                    t.text = text
                    t.set(_XML_SPACE, "preserve")
                    pieces.append((segment_state, t))
        for piece_state, group in _grouped(pieces):
            run = etree.Element(qn("w:r"))
            if props is not None:
                run.append(deepcopy(props))
            for child in group:
                if piece_state == DEL and child.tag == qn("w:t"):
                    child.tag = qn("w:delText")
                run.append(child)
            if piece_state:
                wrapper = _revision("w:ins" if piece_state == INS else "w:del", stamp, ids)
                wrapper.append(run)
                run = wrapper
            r.addprevious(run)
            if any(c.tag in (qn("w:t"), qn("w:delText"), qn("w:drawing")) for c in group):
                seen.add(piece_state)
        p.remove(r)
    return seen


def _run_states(p: etree._Element) -> set[str]:
    states = set()
    for r in p.iter(qn("w:r")):
        if r.find(qn("w:t")) is None and r.find(qn("w:delText")) is None:
            continue
        parent = r.getparent()
        states.add(INS if parent.tag == qn("w:ins") else DEL if parent.tag == qn("w:del") else "")
    return states


def _split(text: str, state: str) -> Iterator[tuple[str, str]]:
    start = 0
    for i, char in enumerate(text):
        if char in _MARKS:
            yield text[start:i], state
            state = "" if char == END else char
            start = i + 1
    yield text[start:], state


def _grouped(pieces: list[tuple[str, etree._Element]]) -> Iterator[tuple[str, list[etree._Element]]]:
    group: list[etree._Element] = []
    current = None
    for state, element in pieces:
        if group and state != current:
            yield current or "", group
            group = []
        current = state
        group.append(element)
    if group:
        yield current or "", group


def _mark_paragraph_end(p: etree._Element, state: str, stamp: dict[str, str], ids: Iterator[int]) -> None:
    # A wholly inserted or deleted paragraph takes its paragraph mark with it, so accepting or rejecting
    # leaves no empty line behind.
    p_pr = p.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = etree.Element(qn("w:pPr"))
        p.insert(0, p_pr)
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = etree.SubElement(p_pr, qn("w:rPr"))
    r_pr.insert(0, _revision("w:ins" if state == INS else "w:del", stamp, ids))


def _revision(tag: str, stamp: dict[str, str], ids: Iterator[int]) -> etree._Element:
    element = etree.Element(qn(tag))
    element.set(qn("w:id"), str(next(ids)))
    for key, value in stamp.items():
        element.set(key, value)
    return element


def redline(corpus: Corpus, root: Path, old: AnyDoc, new: AnyDoc, bag: Diagnostics) -> bytes | None:
    """The redline of ``old`` → ``new``; author and date of the tracked changes come from the newer revision entry."""
    from proccompile.model.dates import form_dates, newest_procedure_date
    from proccompile.model.display import company_name
    from proccompile.render.document import build_docx
    from proccompile.render.form import form_view
    from proccompile.render.procedure import procedure_view
    from proccompile.render.reference_document import load_base
    from proccompile.views.wording import Texts

    texts = Texts(root, corpus.config.language, bag, limits=corpus.config.limits)
    base = load_base(root, company_name(corpus), bag, corpus.config.limits.reference_docx_bytes,
                     language=corpus.config.language)
    fallback = form_dates(corpus).get(new.model.code, newest_procedure_date(corpus.procedures))

    def view(doc: AnyDoc) -> DocView:
        if isinstance(doc.model, Procedure):
            return procedure_view(corpus, doc, texts)
        return form_view(corpus, doc, texts, doc.model.effective or doc.model.issued or fallback)

    old_view, new_view = view(old), view(new)
    if bag.has_errors:
        return None
    last = new.model.revisions[-1] if new.model.revisions else None
    author = last.author if last else company_name(corpus)
    when = last.date if last else (new.model.issued or fallback)
    return track_changes(build_docx(merge_views(old_view, new_view), base), author, when)
