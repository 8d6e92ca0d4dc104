"""Document types: what a procedure, a form, a manual … is made of (folder, numbering, level, chapters), as data.

Every stage reads a document's type from here: discovery lists its folder, the model stage validates
its file with its model, numbering and rendering walk its chapters in order. A new type is an entry
here (or in the project config), not a new code path.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field, create_model

from proccompile.model.chapters import (
    Attachment,
    Commitment,
    DataTable,
    Operation,
    RecordEntry,
    Responsibility,
    Section,
    Term,
)
from proccompile.model.document import ChapteredDocument, ChapterSpec, ControlledDocument
from proccompile.model.form import Form
from proccompile.model.instruction import Instruction
from proccompile.model.manual import Manual
from proccompile.model.procedure import Procedure
from proccompile.model.types import DocCode, Text

if TYPE_CHECKING:
    from proccompile.model.config import ProjectConfig
    from proccompile.model.config_documents import ChapterConfig, DocumentTypeConfig

BUILT_IN: dict[str, type[ControlledDocument]] = {"procedure": Procedure, "form": Form, "manual": Manual,
                                                 "instruction": Instruction}
DEFAULT_LEVEL = {"manual": 1, "procedure": 2, "instruction": 3, "form": 4}
CUSTOM_LEVEL = 3


@dataclass(frozen=True)
class DocumentType:
    id: str
    folder: str
    model: type[ControlledDocument]
    chapters: tuple[ChapterSpec, ...]
    """The type's chapters in the order the project prints them."""
    pattern: str
    """Regular expression every code of the type matches in full."""
    display: str
    """How a number is printed: {code}, {year} (issue year), {edition} (version letter), {version}."""
    level: int
    """Level in the document pyramid: 1 manual, 2 procedures, 3 instructions, 4 forms and records."""
    pattern_key: str
    """Where the config gives the pattern, for messages: numbering.procedure, document_types …"""
    display_key: str
    """Where the config gives the printed number, for messages: numbering.procedure_display …"""
    names: tuple[str | None, str | None] = (None, None)
    """The type's name (zh, en) from the config; none: the wording's label kind_<id>."""

    @property
    def chaptered(self) -> bool:
        """Whether documents of the type are numbered chapters (everything but blank forms)."""
        return issubclass(self.model, ChapteredDocument)

    def chapter(self, chapter_id: str) -> ChapterSpec | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)


def document_types(config: ProjectConfig) -> tuple[DocumentType, ...]:
    """The project's types: procedures and forms, then those `document_types` adds, in config order."""
    numbering = config.numbering
    settings = {entry.id: (i, entry) for i, entry in enumerate(config.document_types)}
    types = [
        _built(settings.get("procedure"), "procedure", numbering.procedure, numbering.procedure_display,
               "numbering.procedure", "numbering.procedure_display"),
        _built(settings.get("form"), "form", numbering.form, numbering.form_display, "numbering.form",
               "numbering.form_display"),
    ]
    for i, entry in enumerate(config.document_types):
        if entry.id in ("procedure", "form"):
            continue
        if entry.id in BUILT_IN:
            types.append(_built((i, entry), entry.id, entry.pattern or "", entry.display or "{code}",
                                f"document_types[{i}].pattern", f"document_types[{i}].display"))
        else:
            model = custom_model(entry.id, tuple(entry.chapters), config.language)
            types.append(DocumentType(entry.id, entry.folder or f"{entry.id}s", model, _ordered(model, entry),
                                      entry.pattern or "", entry.display or "{code}", entry.level or CUSTOM_LEVEL,
                                      f"document_types[{i}].pattern", f"document_types[{i}].display",
                                      (entry.zh, entry.en)))
    return tuple(types)


def _built(setting: tuple[int, DocumentTypeConfig] | None, type_id: str, pattern: str, display: str,
           pattern_key: str, display_key: str) -> DocumentType:
    model = BUILT_IN[type_id]
    entry = setting[1] if setting else None
    return DocumentType(type_id, (entry.folder if entry else None) or f"{type_id}s", model,
                        _ordered(model, entry), pattern, display,
                        (entry.level if entry else None) or DEFAULT_LEVEL[type_id], pattern_key, display_key,
                        (entry.zh, entry.en) if entry else (None, None))


def _ordered(model: type[ControlledDocument], entry: DocumentTypeConfig | None) -> tuple[ChapterSpec, ...]:
    """The model's chapters in the config's `order`, when it gives one (check holds it to every chapter once)."""
    if entry is None or not entry.order:
        return model.CHAPTERS
    by_id = {spec.id: spec for spec in model.CHAPTERS}
    listed = [by_id[chapter] for chapter in dict.fromkeys(entry.order) if chapter in by_id]
    return (*listed, *(spec for spec in model.CHAPTERS if spec not in listed))


def chapter_id_taken(chapter_id: str) -> bool:
    """Whether a project-defined chapter may not use ``chapter_id`` as its key: every document has it already, or
    the model machinery does (`json`, `copy`, `model_…`)."""
    return chapter_id in ChapteredDocument.model_fields or chapter_id.startswith("model_") \
        or hasattr(ChapteredDocument, chapter_id) or chapter_id in ("schema", "company")


# The content each kind holds in a project-defined type, and its default when the document leaves it out.
_CONTENT: dict[str, Any] = {
    "list": list[Text], "terms": list[Term], "responsibilities": list[Responsibility], "steps": list[Section],
    "operations": list[Operation], "table": list[DataTable], "commitments": list[Commitment],
    "related": list[DocCode], "attachments": list[Attachment], "records": list[RecordEntry],
}


@functools.lru_cache(maxsize=64)
def custom_model(type_id: str, chapters: tuple[ChapterConfig, ...], language: str = "zh") -> type[ChapteredDocument]:
    """The model of a type the project defines: a chaptered document with one field per chapter, headed in
    ``language``."""
    chapters = tuple(c for c in dict((c.id, c) for c in reversed(chapters)).values() if not chapter_id_taken(c.id))
    chapters = chapters[::-1]  # the first of each id, in order; check reports the others (PC002)
    specs = tuple(ChapterSpec(c.id, c.kind, when_empty="omit" if c.optional else "none",
                              title=(c.zh or c.en) if language == "zh" else (c.en or c.zh)) for c in chapters)
    base = type(f"Document_{type_id}", (ChapteredDocument,),
                {"KIND": type_id, "CHAPTERS": specs, "__module__": __name__,
                 "__doc__": f"A document of the project's type `{type_id}`."})
    fields: dict[str, Any] = {}
    for chapter in chapters:
        description = " / ".join(name for name in (chapter.zh, chapter.en) if name)
        if chapter.kind == "text":
            annotation = Text | None if chapter.optional else Text
            default: Any = None if chapter.optional else ...
            fields[chapter.id] = (annotation, Field(default, description=description))
        else:
            fields[chapter.id] = (_CONTENT[chapter.kind], Field(default=[], description=description))
    return create_model(f"Document_{type_id}", __base__=base, **fields)
