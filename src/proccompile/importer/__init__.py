"""Legacy Word procedures (.docx) read into house-format YAML drafts, with a located list of what was not mapped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from proccompile.importer.docx_reader import read_docx
from proccompile.importer.lookup import Lookup
from proccompile.importer.package import Refused
from proccompile.importer.procedure import procedure_draft
from proccompile.importer.result import Account, Imported, Unmapped
from proccompile.model.config import Limits


def import_procedure(path: Path, name: str, lookup: Lookup, limits: Limits | None = None) -> Imported:
    """Raises Refused (a ValueError) when ``path`` cannot be read as a Word document, or when its draft would
    be larger than a procedure file may be (`check` would refuse it, and writing it would take long)."""
    limits = limits or Limits()
    draft = procedure_draft(read_docx(path, limits.import_docx_bytes), lookup)
    size = _text_bytes(draft.data)
    if size > limits.max_file_bytes:
        raise Refused(f"its draft would hold {size:,} bytes of text, over limits.max_file_bytes "
                      f"({limits.max_file_bytes:,}) in proccompile.yaml; split the document")
    return Imported(name, draft.data.get("code"), draft.data, tuple(draft.unmapped), dict(lookup.proposed),
                    draft.account, dict(draft.stubs))


def _text_bytes(data: Any) -> int:
    """The UTF-8 size of every text in ``data``: a lower bound of the size of its YAML."""
    if isinstance(data, dict):
        return sum(len(str(k)) + _text_bytes(v) for k, v in data.items())
    if isinstance(data, list):
        return sum(_text_bytes(v) for v in data)
    return len(str(data).encode("utf-8"))


__all__ = ["Account", "Imported", "Lookup", "Refused", "Unmapped", "import_procedure"]
