"""The check's view of change control in progress: stored versions in force, and an edit a killed run left."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from proccompile.diagnostics import Diagnostics, Span
from proccompile.load import load_yaml
from proccompile.load.discover import IN_FORCE_DIR
from proccompile.load.paths import exists
from proccompile.model import Corpus, Document
from proccompile.model.build import model_document
from proccompile.model.corpus import NamedDoc
from proccompile.model.fingerprint import content_fingerprints
from proccompile.model.names import names_of


def load_in_force(root: Path, corpus: Corpus, bag: Diagnostics, overlay: Mapping[Path, bytes], *,
                  models: bool) -> tuple[str, ...]:
    """Read the stored released content of every released document with an open revision: its name table into
    ``corpus.in_force_named``, its model into ``corpus.in_force`` (with ``models``). Returns their paths.

    Read on every check, never cached: they are few, and only while a revision is open."""
    config = corpus.config
    read = []
    for named in list(corpus.named):
        names = named.names
        if names.open_revision is None or names.status != "released":
            continue
        path = root / IN_FORCE_DIR / named.source.rel
        if not (path in overlay or exists(path)):
            continue
        rel = f"{IN_FORCE_DIR}/{named.source.rel}"
        read.append(rel)
        source = load_yaml(path, rel, bag, max_bytes=config.limits.max_file_bytes, root=root,
                           raw=overlay.get(path))
        # Modelled with the type of the working file it was stored from.
        model = model_document(source, corpus.doctype(names.kind).model, bag, limit=config.limits.findings_per_file)
        if model is None:
            corpus.broken_in_force.add(names.code)
            continue
        doc = Document(model, source)
        taken = content_fingerprints(source.data, form=names.kind == "form") if corpus.lock is not None else ()
        corpus.in_force_named[names.code] = NamedDoc(names_of(doc, corpus, taken), source)
        if models:
            corpus.in_force[names.code] = doc
    return tuple(read)


def interrupted_edit(root: Path, bag: Diagnostics) -> None:
    from proccompile.write.transaction import JOURNAL_NAME, pending

    if pending(root) is not None:
        bag.add("PC427", "A change-control edit was interrupted: the files it writes together may disagree",
                Span(JOURNAL_NAME))
