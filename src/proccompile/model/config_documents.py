"""The config's document types (`document_types:`): the built-in manual and instruction, and types a project defines."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from proccompile.model.named import Named, Regex, format_fields
from proccompile.model.types import DeptId, Text, xml_safe

# The chapter kinds a project-defined type may use; the manual's clause chapters and the blank form are
# built into their types.
CustomKind = Literal["text", "list", "terms", "responsibilities", "steps", "operations", "table", "commitments",
                     "related", "attachments", "records"]
ChapterId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
FolderName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=60)]
DisplayPattern = Annotated[str, AfterValidator(xml_safe),
                           AfterValidator(format_fields({"code", "year", "edition", "version"}))]


class ChapterConfig(Named):
    id: ChapterId
    """The chapter's key in the type's documents, e.g. requirements; also its id in `order`."""
    kind: CustomKind
    """What the chapter holds: text, list, terms, responsibilities, steps, operations, table, commitments,
    related (documents), attachments or records; each is laid out as in the built-in types."""
    zh: Text | None = None
    """Chinese heading, e.g. 检验要求; required when the project language is zh."""
    en: Text | None = None
    """English heading; required when the project language is en."""
    optional: bool = False
    """Left out when empty (the chapters after it move up); otherwise an empty chapter prints 无, and a text
    chapter is required."""


class DocumentTypeConfig(Named):
    id: DeptId
    """`manual` or `instruction` (built in), `procedure` or `form` (to set their level, name or order), or the id
    of a type the project defines, e.g. specification."""
    zh: Text | None = None
    """Chinese name of the type, printed on covers and in the master list, e.g. 检验规范."""
    en: Text | None = None
    """English name of the type, e.g. Inspection Specification."""
    folder: FolderName | None = None
    """Folder of the type's files (and of its built documents); default: the id and an s, e.g. manuals."""
    pattern: Regex | None = None
    """Regular expression every code of the type must match in full; required but for procedure and form,
    whose patterns are under `numbering`."""
    display: DisplayPattern | None = None
    """How a number is printed, with {code}, {year} (issue year), {edition} (version letter) and {version};
    default {code}."""
    level: int | None = Field(default=None, ge=1, le=9)
    """Level in the document pyramid, by which the master list groups documents; default 1 for manual, 2 for
    procedure, 3 for instruction and project types, 4 for form."""
    order: list[ChapterId] = []
    """The type's chapter ids in the order every document of the type prints them (a document's
    `chapter_order` overrides it); list every one."""
    chapters: list[ChapterConfig] = []
    """The chapters of a type the project defines, in order; built-in types have theirs."""
