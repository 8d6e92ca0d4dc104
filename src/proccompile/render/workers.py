"""Views into .docx bytes in worker processes; results come back in input order, whatever the worker count."""

from __future__ import annotations

import multiprocessing
import pickle
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from proccompile.render.blocks import DocView
from proccompile.render.reference_document import Base

# Views travel to workers in chunks: a document takes a few ms, so a chunk keeps the pipe overhead small.
_CHUNK = 8
_base: Base | None = None


class Renderer:
    """Renders pickled views into .docx bytes, in ``jobs`` worker processes once there is enough work.

    ``results()`` gives the bytes in submission order, whatever the worker count. Workers start only
    when ``results()`` is first read, after planning: on two cores a third busy process (the planner)
    slows everything down. Until there is more than one chunk of work (and always with one job) the
    documents are rendered in this process: starting workers costs more than a handful of documents.
    """

    def __init__(self, base: Base, jobs: int) -> None:
        self.base, self.jobs = base, jobs
        self._pool: ProcessPoolExecutor | None = None
        self._views: list[bytes] = []

    def submit(self, view: bytes) -> None:
        # Held until planning ends: compressed, a thousand views take 2 MB instead of 14.
        self._views.append(zlib.compress(view, 1))

    def results(self) -> Iterator[bytes]:
        chunks = [self._views[i:i + _CHUNK] for i in range(0, len(self._views), _CHUNK)]
        self._views = []
        if self.jobs <= 1 or len(chunks) <= 1:
            _start(self.base)
            for chunk in chunks:
                yield from map(_build, chunk)
            return
        # Forked before the build has any other thread (writer threads start after the first result).
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_start, initargs=(self.base,))
        for built in self._pool.map(_build_all, chunks):
            yield from built

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _build_all(views: list[bytes]) -> list[bytes]:
    return [_build(view) for view in views]


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: a worker starts in milliseconds with python-docx already imported.

    Forked before any other thread of the build exists (the writer threads start after planning), so
    no lock can be inherited held. Elsewhere workers start afresh.
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _start(base: Base) -> None:
    global _base
    _base = base


def _build(view: bytes) -> bytes:
    from proccompile.render.document import build_docx

    assert _base is not None, "worker started without a base document"
    loaded: DocView = pickle.loads(zlib.decompress(view))
    return build_docx(loaded, _base)
