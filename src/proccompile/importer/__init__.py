"""Legacy Word procedures (.docx) read into house-format YAML drafts, with a located list of what was not mapped."""

from __future__ import annotations

from pathlib import Path

from proccompile.importer.docx_reader import read_docx
from proccompile.importer.lookup import Lookup
from proccompile.importer.procedure import procedure_draft
from proccompile.importer.result import Imported, Unmapped


def import_procedure(path: Path, name: str, lookup: Lookup) -> Imported:
    """Raises ValueError when ``path`` cannot be read as a Word document."""
    draft = procedure_draft(read_docx(path), lookup)
    return Imported(name, draft.data.get("code"), draft.data, tuple(draft.unmapped), dict(lookup.proposed))


__all__ = ["Imported", "Lookup", "Unmapped", "import_procedure"]
