"""A redline: the newer version's Word document with Word tracked changes (w:ins / w:del) against the older one.

Both versions are laid out as view-models and merged (redline_merge.py), the changed text marked with
private-use characters that survive the ordinary builder. A last pass over document.xml turns the
marks into revision runs with the release's author and date. A redline is never a controlled copy:
it carries the review stamp, watermark and footer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from proccompile.diagnostics import Diagnostics, Severity
from proccompile.model import Corpus, Document
from proccompile.model.corpus import AnyDocument
from proccompile.render.package import to_bytes
from proccompile.render.redline_merge import DEL, END, INS, merge_views

_MARKS = INS + DEL + END
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AnyDoc = AnyDocument


def track_changes(data: bytes, author: str, when: dt.date) -> bytes:
    """Turn the marks in a built document into tracked insertions and deletions."""
    document = docx.Document(io.BytesIO(data))
    stamp = {qn("w:author"): author, qn("w:date"): f"{when.isoformat()}T00:00:00Z"}
    ids = iter(range(1, 1_000_000))
    body = document.element.body
    for p in list(body.iter(qn("w:p"))):
        states = _mark_paragraph(p, stamp, ids)
        # A cell keeps its one paragraph: a name typed into a blank signature cell is an inserted run, not an
        # inserted paragraph (the row's own mark covers a wholly inserted or deleted row).
        cell = p.getparent()
        alone = cell is not None and cell.tag == qn("w:tc") and len(cell.findall(qn("w:p"))) == 1
        if states in ({INS}, {DEL}) and not alone:
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
    """The redline of ``old`` → ``new``, stamped as an uncontrolled review copy. A newer side under an open
    revision is laid out as that revision would issue it (planned version and history entry, no signatures);
    author and date of the tracked changes come from its revision (or the newer revision entry)."""
    from proccompile.model.dates import form_dates, newest_procedure_date
    from proccompile.model.display import company_name, document_number
    from proccompile.model.revision import under_review
    from proccompile.render.document import build_docx
    from proccompile.render.page_marks import as_review
    from proccompile.render.reference_document import load_base
    from proccompile.render.views import view_of
    from proccompile.views.wording import Texts

    errors = bag.count(Severity.ERROR)  # the check's own (a document's unreleased edits) are not rendering's
    texts = Texts(root, corpus.config.language, bag, limits=corpus.config.limits,
                  clause_set=corpus.config.audit.clause_set)
    base = load_base(root, company_name(corpus), bag, corpus.config.limits.reference_docx_bytes,
                     language=corpus.config.language)
    fallback = form_dates(corpus).get(new.model.code, newest_procedure_date(corpus.procedures))

    revision = new.model.open_revision
    newer: AnyDoc = Document(under_review(new.model), new.source) if revision is not None else new
    old_view, new_view = view_of(corpus, old, texts, fallback), view_of(corpus, newer, texts, fallback)
    if bag.count(Severity.ERROR) > errors:
        return None
    last = new.model.revisions[-1] if new.model.revisions else None
    if revision is not None:
        author, when = revision.author or company_name(corpus, new.model), revision.opened
    else:
        author = last.author if last else company_name(corpus, new.model)
        when = last.date if last else (new.model.issued or fallback)
    model = newer.model
    merged = as_review(merge_views(old_view, new_view), texts, document_number(corpus, model), model.version, when)
    return track_changes(build_docx(merged, base), author, when)
