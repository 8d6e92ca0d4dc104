"""Project files watched for changes with watchfiles (inotify and its peers, through the Rust notify crate)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

# After the first change, wait this long for more (an editor's save is often several events), at most
# MAX_WAIT_MS in all: short enough that the page follows a save at once.
STEP_MS = 30
MAX_WAIT_MS = 400


def watch_project(root: Path, stop: threading.Event, changed: Callable[[set[str]], None]) -> None:
    """Call ``changed(paths)`` after each burst of changes under ``root`` until ``stop`` is set.

    The build folder (outputs, the check cache) and version-control and editor files are not watched.
    """
    from watchfiles import DefaultFilter, watch

    ignored = DefaultFilter(ignore_paths=[str(Path(root).resolve() / "build")])
    for changes in watch(root, watch_filter=ignored, stop_event=stop, step=STEP_MS, debounce=MAX_WAIT_MS,
                         rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
        changed({path for _, path in changes})
