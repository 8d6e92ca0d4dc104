"""Views into .docx bytes in worker processes; results come back in input order, whatever the worker count."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from proccompile.render.blocks import DocView
from proccompile.render.reference_document import Base

# Views travel to workers in chunks: a document takes ~5-10 ms, so a chunk keeps the pipe overhead small.
_CHUNK = 8
_base: Base | None = None


def render_views(views: Sequence[bytes], base: Base, jobs: int) -> Iterator[bytes]:
    """The .docx bytes of each pickled view, in order, rendered by ``jobs`` processes (in this one when 1)."""
    jobs = min(jobs, len(views) // _CHUNK + 1)
    if jobs <= 1:
        _start(base)
        yield from map(_build, views)
        return
    with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start, initargs=(base,)) as pool:
        yield from pool.map(_build, views, chunksize=_CHUNK)


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: a worker starts in milliseconds with python-docx already imported.

    Forked before any other thread of the build exists (the writer threads start after the first
    document arrives), so no lock can be inherited held. Elsewhere workers start afresh.
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _start(base: Base) -> None:
    global _base
    _base = base


def _build(view: bytes) -> bytes:
    from proccompile.render.document import build_docx

    assert _base is not None, "worker started without a base document"
    loaded: DocView = pickle.loads(view)
    return build_docx(loaded, _base)
