"""A project kept checked while it is edited (`proccompile serve`): the latest findings, and the site of the
last check without errors, page by page.

Each refresh is an incremental check (only files whose bytes changed are parsed and modelled; models
of the others are kept in memory) followed, when it found no error, by a new site renderer; pages are
rendered when asked for, so an edit costs the check and the page that is open.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import CheckSummary, ConfigError, check_project
from proccompile.pipeline.checkcache import CheckCache

if TYPE_CHECKING:
    from proccompile.model import Corpus
    from proccompile.model.corpus import AnyDocument
    from proccompile.render.site import SiteRenderer


@dataclass(frozen=True)
class Shown:
    """One state of the served project: replaced whole on each refresh, so a request sees one state."""

    generation: int
    check: CheckSummary
    """The latest check (with the config's findings only, when the config itself is broken)."""
    site: SiteRenderer | None = None
    """The site of the last check without errors; None until there was one."""
    corpus: Corpus | None = None
    current: bool = False
    """Whether ``site`` shows the latest check (False while errors keep the last good site on show)."""
    page_sources: dict[str, str] = field(default_factory=dict)
    """Page path → the project file it shows, for the findings of that file."""
    documents: dict[str, AnyDocument] = field(default_factory=dict)
    """.docx path under files/ → its document, rendered when downloaded."""


class LiveProject:
    """The project at ``root`` and what `serve` shows of it; ``refresh`` after every change."""

    def __init__(self, root: Path, today: Callable[[], dt.date | None]) -> None:
        self.root, self.today = root, today
        self._cache = CheckCache("")
        self._lock = threading.Lock()
        self.shown = Shown(0, CheckSummary(Diagnostics(), ()))

    def refresh(self, *, first: bool = False) -> Shown:
        """Check the project again (only what changed is read anew) and make what it shows current.

        ``first``: a config error raises ConfigError (there is nothing to serve); later it is a finding.
        """
        from proccompile.render.single import output_paths
        from proccompile.render.site import SiteRenderer

        with self._lock:  # one refresh at a time; requests keep reading the state they started with
            last = self.shown
            try:
                checked = check_project(self.root, self.today(), cache=self._cache, models=True)
            except ConfigError as error:
                if first:
                    raise
                summary = CheckSummary(error.diagnostics, ("proccompile.yaml",))
                self.shown = Shown(last.generation + 1, summary, last.site, last.corpus, False, last.page_sources,
                                   last.documents)
                return self.shown
            summary = CheckSummary(checked.diagnostics, checked.paths)
            if checked.diagnostics.has_errors:
                self.shown = Shown(last.generation + 1, summary, last.site, last.corpus, False, last.page_sources,
                                   last.documents)
                return self.shown
            # The site publishes what is in force: a document under revision as released, never its review draft.
            corpus = checked.corpus.in_force_only()
            documents = output_paths(corpus)
            # The site's own findings (wording templates) count as the site's: a page that cannot be
            # rendered keeps the last good one.
            bag = Diagnostics(overrides=checked.diagnostics.overrides)
            site = SiteRenderer(corpus, self.root, bag, [_Linked(d, f"files/{path}") for path, d in documents.items()],
                                today=self.today())
            if bag.has_errors:
                for finding in checked.diagnostics:
                    bag.restore(finding)
                self.shown = Shown(last.generation + 1, CheckSummary(bag, checked.paths), last.site, last.corpus,
                                   False, last.page_sources, last.documents)
                return self.shown
            sources = {site.links.document_url(d.model.code): d.source.rel for d in corpus.documents()}
            self.shown = Shown(last.generation + 1, summary, site, corpus, True, sources, documents)
            return self.shown

    def page(self, shown: Shown, relpath: str) -> bytes | None:
        """A page or asset of the site ``shown`` holds, or None when it has none there."""
        if shown.site is None:
            return None
        page = shown.site.page(relpath)
        return None if page is None else page.data

    def document(self, shown: Shown, relpath: str) -> bytes | None:
        """The .docx at ``relpath`` (under files/), rendered now, or None when there is none."""
        from proccompile.render.single import render_document

        doc = shown.documents.get(relpath)
        if doc is None or shown.corpus is None:
            return None
        return render_document(shown.corpus, self.root, Diagnostics(), doc)


@dataclass(frozen=True)
class _Linked:
    doc: AnyDocument
    relpath: str

    @property
    def kind(self) -> str:
        return self.doc.kind

    @property
    def code(self) -> str:
        return self.doc.model.code

