"""View-models of output documents: blocks, page furniture and display strings, computed without python-docx."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from proccompile.model import Corpus
from proccompile.model.display import form_number, procedure_number
from proccompile.model.types import Duration

if TYPE_CHECKING:
    from proccompile.render.texts import Texts

# Markers for live page fields inside display strings; the docx builder turns them into PAGE/NUMPAGES.
# Private-use characters, so wording templates can place them anywhere in a sentence.
PAGE = "\ue000PAGE\ue000"
NUMPAGES = "\ue000NUMPAGES\ue000"

Align = Literal["left", "center", "right", "both"] | None


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: ``lead`` is printed bold before ``text`` (clause numbers, terms).

    A tab in ``text`` pushes the rest of the line to the right margin (dates under the cover).
    """

    text: str
    style: str = "body"
    lead: str = ""
    align: Align = None
    keep_next: bool = False
    space_before: int | None = None  # points


@dataclass(frozen=True, slots=True)
class Cell:
    text: str = ""
    span: int = 1
    merge: Literal["restart", "continue"] | None = None  # vertical merge
    shade: bool = False
    heading: bool = False
    align: Align = None


@dataclass(frozen=True, slots=True)
class Table:
    widths: tuple[float, ...]  # relative; scaled to the text width
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 1  # repeated on every page (w:tblHeader)
    row_height: float | None = None  # cm, minimum; blank form rows need room to write
    caption: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Para | Table | PageBreak


@dataclass(frozen=True, slots=True)
class PageView:
    """What repeats on every page: header table, stamp, watermark and footer."""

    company: str
    title: str
    rows: tuple[tuple[str, str], ...]  # label, value (values may hold PAGE/NUMPAGES markers)
    stamp: str
    watermark: str | None
    footer: tuple[str, ...]  # left-aligned part, right-aligned part
    landscape: bool = False


@dataclass(frozen=True)
class CoreProps:
    """What docProps/core.xml says about a document; every value comes from the YAML."""

    title: str
    identifier: str
    version: str
    language: str
    date: dt.date
    author: str
    category: str
    status: str
    subject: str = ""
    keywords: str = ""
    revision: int = 1


@dataclass(frozen=True)
class DocView:
    kind: Literal["procedure", "form"]
    relpath: str
    page: PageView
    core: CoreProps
    blocks: list[Block] = field(default_factory=list)


# --- display helpers shared by procedures and forms -------------------------------------------

def status_marks(texts: Texts, status: str, number: str, version: str, title: str) -> dict[str, object]:
    """Stamp, watermark and footer lines of a document in ``status``; the same for procedures and forms."""
    label = texts.label
    return {
        "stamp": label(f"stamp_{status}"),
        "watermark": None if status == "released" else label(f"watermark_{status}"),
        "footer": tuple(texts.lines("footer", number=number, version=version, title=title,
                                    status_note=label(f"note_{status}"), gap=label("gap"))),
    }


def core_language(language: str) -> str:
    return "zh-CN" if language == "zh" else "en-US"


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def duration_text(value: Duration | None, language: str, empty: str) -> str:
    return value.display(language) if value else empty


def document_citation(corpus: Corpus, code: str) -> str:
    """A related document as cited in text: number and 《title》, from the corpus or the external list."""
    procedure = corpus.procedure(code)
    if procedure is not None:
        return f"{procedure_number(corpus, procedure.model)}《{procedure.model.title}》"
    external = next((d for d in corpus.config.external_documents if d.code == code), None)
    if external is not None:
        return code if external.title == code else f"{code}《{external.title}》"
    return code


def form_title_number(corpus: Corpus, code: str) -> tuple[str, str] | None:
    form = corpus.form(code)
    return (form.model.title, form_number(corpus, form.model)) if form else None


def record_citation(corpus: Corpus, code: str) -> str:
    """A record as cited in text: 《title》 and the printed form number."""
    found = form_title_number(corpus, code)
    return f"《{found[0]}》{found[1]}" if found else code


# Characters Windows, macOS or Linux refuse in file names; codes like Q/FL2.0813 carry slashes.
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')


def output_relpath(kind: str, code: str, version: str, title: str) -> str:
    def clean(text: str, limit: int) -> str:
        return _UNSAFE.sub("-", text).strip(" .")[:limit] or "-"

    folder = "procedures" if kind == "procedure" else "forms"
    return f"{folder}/{clean(code, 60)}_{clean(version, 20)}_{clean(title, 80)}.docx"
