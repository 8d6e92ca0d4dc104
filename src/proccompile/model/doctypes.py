"""Document types: what a procedure, a form … is made of (folder, numbering, level, chapters), as data.

Every stage reads a document's type from here: discovery lists its folder, the model stage validates
its file with its model, numbering and rendering walk its chapters in order. A new type is an entry
here (or in the project config), not a new code path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from proccompile.model.document import ChapterSpec, ControlledDocument
from proccompile.model.form import Form
from proccompile.model.procedure import Procedure

if TYPE_CHECKING:
    from proccompile.model.config import ProjectConfig

@dataclass(frozen=True)
class DocumentType:
    id: str
    folder: str
    model: type[ControlledDocument]
    chapters: tuple[ChapterSpec, ...]
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

    @property
    def chaptered(self) -> bool:
        """Whether documents of the type are numbered chapters (everything but blank forms)."""
        return not any(c.kind == "form" for c in self.chapters)

    def chapter(self, chapter_id: str) -> ChapterSpec | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)


def document_types(config: ProjectConfig) -> tuple[DocumentType, ...]:
    """The project's types: procedures and forms, in that order."""
    numbering = config.numbering
    return (
        DocumentType("procedure", "procedures", Procedure, Procedure.CHAPTERS, numbering.procedure,
                     numbering.procedure_display, 2, "numbering.procedure", "numbering.procedure_display"),
        DocumentType("form", "forms", Form, Form.CHAPTERS, numbering.form, numbering.form_display, 4,
                     "numbering.form", "numbering.form_display"),
    )
