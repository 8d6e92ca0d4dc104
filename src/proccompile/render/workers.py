"""Views into .docx bytes in worker processes; results come back in input order, whatever the worker count."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from proccompile.render.blocks import DocView
from proccompile.render.reference_document import Base

# Views travel to workers in chunks: a document takes a few ms, so a chunk keeps the pipe overhead small.
_CHUNK = 8
_base: Base | None = None
# How often a worker looks whether the build that started it still runs, where the kernel cannot tell it.
_WATCH_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


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
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_start,
                                         initargs=(self.base, os.getpid()))
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


def _start(base: Base, parent: int | None = None) -> None:
    global _base
    _base = base
    if parent is not None:
        _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when the build that started it ends, however it ends (``kill -9`` included).

    A killed build cannot shut its pool down, and a worker waiting on its pipe would wait for ever. On
    Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); everywhere a daemon thread
    also watches the parent's pid, which changes when the worker is re-parented. The check after arming
    covers a parent that died before the signal was set.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl in this libc: the thread below still watches
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="proccompile-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _build(view: bytes) -> bytes:
    from proccompile.render.document import build_docx

    assert _base is not None, "worker started without a base document"
    loaded: DocView = pickle.loads(zlib.decompress(view))
    return build_docx(loaded, _base)
