"""Model every loaded file and assemble the corpus; files that fail still register their code."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from proccompile.diagnostics import Diagnostics
from proccompile.load.source import SourceFile
from proccompile.model.config import ProjectConfig
from proccompile.model.corpus import Corpus, Document
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


def build_corpus(
    config: ProjectConfig,
    config_source: SourceFile,
    sources: Mapping[str, list[SourceFile]],
    bag: Diagnostics,
) -> Corpus:
    """The corpus of every document in ``sources`` (type id → its files), each modelled with its type."""
    corpus = Corpus(config, config_source)
    for doctype in corpus.types:
        target = corpus.of_type(doctype.id)
        for source in sources.get(doctype.id, ()):
            other = misplaced(source, doctype, corpus.types, bag)
            modelled = model_document(source, doctype.model, bag, limit=config.limits.findings_per_file) \
                if other is None else None
            if modelled is not None:
                target.append(Document(modelled, source))
                source.forget_data()  # the model holds what later stages need; keep memory per document small
                continue
            corpus.broken_procedures += (other or doctype).id == "procedure"
            corpus.broken_stems.add(source.path.name.rsplit(".", 1)[0])
            if (code := declared_code(source)) is not None:
                corpus.broken_codes.add(code)
    return corpus


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
