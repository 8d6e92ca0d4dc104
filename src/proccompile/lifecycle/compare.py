"""Resolve the two sides of a diff: the working tree, a git revision, or a released version."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.history import file_at, find_version
from proccompile.load import load_yaml
from proccompile.model import Corpus, Document
from proccompile.model.build import model_document
from proccompile.model.corpus import AnyDocument
from proccompile.model.fingerprint import same_content
from proccompile.model.versions import parse_version

AnyDoc = AnyDocument


@dataclass(frozen=True)
class Side:
    label: str
    """How the side is named in the output: `B/0`, `B/0 (HEAD~2)`, `working tree`."""
    doc: AnyDoc


def default_from(corpus: Corpus, current: AnyDoc) -> str:
    """The version in force while a revision is open; else the last release: the locked version the working
    tree was edited from, else the newest version before the current one, from the lock or the history."""
    model, scheme = current.model, corpus.config.versions
    if model.open_revision is not None and model.status == "released":
        return model.version
    locked = corpus.lock.versions(model.code) if corpus.lock else {}
    entry = locked.get(model.version)
    if entry is not None and not same_content(current.source.data, entry.fingerprint, form=_is_form(current)):
        return model.version  # edited since its release: compare with what was released
    now = parse_version(model.version, scheme)
    earlier = {v: n for v in [*locked, *(r.version for r in model.revisions)]
               if (n := parse_version(v, scheme)) is not None and now is not None and n < now}
    if not earlier:
        raise UsageError(f"`{model.code}` has no earlier version to compare with",
                         help="Give --from REV (a git revision or a released version)")
    return max(earlier, key=lambda v: earlier[v])


def resolve(root: Path, corpus: Corpus, current: AnyDoc, rev: str | None) -> Side:
    """The document as it is at ``rev`` (None: the working tree)."""
    model = current.model
    if rev is None:
        revision = model.open_revision
        return Side(f"working tree (revision {revision.version})" if revision else "working tree", current)
    rel = current.source.rel
    if parse_version(rev, corpus.config.versions) is None:
        try:
            data = file_at(root, rev, rel)
        except UsageError as error:
            known = known_versions(corpus, current)
            raise UsageError(f"`{rev}` is not a version of `{model.code}`, and git cannot read it: {error.message}",
                             exit_code=error.exit_code,
                             help=f"Its versions: {', '.join(known)}" if known else error.help) from None
        return Side(rev, _modelled(corpus, current, data, rev))
    stored = corpus.in_force.get(model.code)
    if stored is not None and stored.model.version == rev:
        return Side(f"{rev} (in force)", stored)
    locked = corpus.lock.versions(model.code).get(rev) if corpus.lock else None

    def is_release(data: bytes) -> bool:
        source = load_yaml(current.source.path, rel, Diagnostics(), raw=data)
        if locked is not None:
            return same_content(source.data, locked.fingerprint, form=_is_form(current))
        return isinstance(source.data, dict) and source.data.get("version") == rev \
            and source.data.get("status") != "draft"

    if model.version == rev and model.open_revision is None and is_release(current.source.text.encode("utf-8")):
        return Side(rev, current)
    known = known_versions(corpus, current)
    if rev not in known:
        raise UsageError(f"`{rev}` is not a version of `{model.code}`", exit_code=1,
                         help=f"Its versions: {', '.join(known)}" if known else "It has no released version yet")
    try:
        commit = find_version(root, rel, is_release)
    except UsageError as error:
        raise UsageError(f"Version `{rev}` of `{model.code}` is kept only in git, which cannot be read here: "
                         f"{error.message}", exit_code=error.exit_code, help=error.help) from None
    if commit is None:
        raise UsageError(f"Version `{rev}` of `{model.code}` is not in the git history of `{rel}`",
                         exit_code=1, help="Give a git revision with --from instead")
    return Side(f"{rev} ({commit[:10]})", _modelled(corpus, current, file_at(root, commit, rel), rev))


def known_versions(corpus: Corpus, current: AnyDoc) -> list[str]:
    """Every version of the document its history, the lock file and an open revision name, oldest first."""
    model, scheme = current.model, corpus.config.versions
    locked = corpus.lock.versions(model.code) if corpus.lock else {}
    names = {*locked, *(r.version for r in model.revisions), model.version}
    numbered = [(n, v) for v in names if (n := parse_version(v, scheme)) is not None]
    return [v for _, v in sorted(numbered)]


def _is_form(doc: AnyDoc) -> bool:
    return doc.kind == "form"


def _modelled(corpus: Corpus, current: AnyDoc, data: bytes, label: str) -> AnyDoc:
    """The earlier version modelled with today's type of the document (its folder's)."""
    bag = Diagnostics()
    source = load_yaml(current.source.path, current.source.rel, bag, raw=data)
    model = model_document(source, corpus.doctype(current.kind).model, bag)
    if model is not None:
        return Document(model, source)
    first = next(iter(bag), None)
    raise UsageError(f"`{current.source.rel}` at {label} does not load"
                     + (f": {first.code.id} {first.message}" if first else ""), exit_code=1)
