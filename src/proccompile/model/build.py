"""Model every loaded file and assemble the corpus; files that fail still register their code."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from proccompile.diagnostics import Diagnostics
from proccompile.load.source import SourceFile
from proccompile.model.config import ProjectConfig
from proccompile.model.corpus import AnyDocument, Corpus, Document
from proccompile.model.doctypes import DocumentType
from proccompile.model.errors import report_validation_error, without_unreadable_keys

T = TypeVar("T", bound=BaseModel)

# Strips the schema-editor key some YAML extensions insert; it is not document content.
_EDITOR_KEYS = ("$schema",)
_CODE_LINE = re.compile(r"""^code:[ \t]*['"]?([^'"#\r\n]*?)['"]?[ \t]*(?:#.*)?$""", re.MULTILINE)


def model_document(source: SourceFile, model: type[T], bag: Diagnostics, *, limit: int = 200) -> T | None:
    """The validated model of ``source``, or None with its problems (at most ``limit`` of them) in ``bag``."""
    data = source.data
    if data is None:
        return None
    if isinstance(data, dict) and any(key in data for key in _EDITOR_KEYS):
        data = {k: v for k, v in data.items() if k not in _EDITOR_KEYS}
    data = without_unreadable_keys(data, source, bag)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        report_validation_error(exc, model, source, bag, limit)
        return None
    except RecursionError:
        bag.add("PC203", "The document is nested too deeply to be checked", source.file_span())
        return None


def model_config(source: SourceFile, bag: Diagnostics) -> ProjectConfig | None:
    return model_document(source, ProjectConfig, bag)


def model_source(source: SourceFile, doctype: DocumentType, types: Sequence[DocumentType], config: ProjectConfig,
                 bag: Diagnostics) -> tuple[AnyDocument | None, DocumentType]:
    """The modelled document of type ``doctype`` (its folder's) of ``source``, or None with its problems in
    ``bag``; and the type the file is: another of ``types`` when it plainly is one (a procedure in forms/, PC205)."""
    other = misplaced(source, doctype, types, bag)
    if other is not None:
        return None, other
    modelled = model_document(source, doctype.model, bag, limit=config.limits.findings_per_file)
    return (None if modelled is None else Document(modelled, source)), doctype


def add_broken(corpus: Corpus, type_id: str, source: SourceFile, declared: str | None) -> None:
    """Register a file that failed to load or model, so references to its code are not reported again."""
    corpus.broken_procedures += type_id == "procedure"
    corpus.broken_stems.add(source.path.name.rsplit(".", 1)[0])
    if declared is not None:
        corpus.broken_codes.add(declared)


def misplaced(source: SourceFile, doctype: DocumentType, types: Sequence[DocumentType],
              bag: Diagnostics) -> DocumentType | None:
    """The other type ``source`` plainly is (a procedure in forms/), reported once (PC205).

    Plainly: every field the folder's model does not know belongs to the other model, and at least two
    of them belong to it alone. The list of unknown fields a model would report says nothing useful.
    """
    data = source.data
    if not isinstance(data, dict):
        return None
    known = set(doctype.model.model_fields)
    unknown = [key for key in data if key not in known and key not in _EDITOR_KEYS]
    for other in types:
        if other is doctype:
            continue
        theirs = set(other.model.model_fields)
        telling = [key for key in unknown if isinstance(key, str) and key in theirs]
        if len(telling) < 2 or len(telling) != len(unknown):
            continue
        shown = ", ".join(f"`{key}`" for key in telling[:3]) + (" …" if len(telling) > 3 else "")
        bag.add("PC205", f"This file is a {other.id} (it has {shown}), but it is in `{doctype.folder}/`",
                source.span((telling[0],), key=True), help=f"Move it to `{other.folder}/` and check again")
        return other
    return None


def declared_code(source: SourceFile) -> str | None:
    """The ``code`` a broken file declares, from its data or, failing that, its raw text."""
    if isinstance(source.data, dict):
        code = source.data.get("code")
        return code.strip() if isinstance(code, str) else None
    match = _CODE_LINE.search(source.text)
    return match.group(1).strip() if match and match.group(1).strip() else None
