"""The HTTP side of `serve`: pages from memory, a findings panel and live reload added to each, nothing from disk.

Every address is looked up among the pages the site has and the documents it links to, never mapped onto
the file system, so no request can reach a file by its path. Bound to the loopback address, requests must
name this machine in their Host header (a web page elsewhere cannot read the QMS through DNS rebinding).
"""

from __future__ import annotations

import gc
import json
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from proccompile.pipeline.live import LiveProject, Shown
from proccompile.serve.watch import watch_project

PREFIX = "/__proccompile/"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_KEEPALIVE_SECONDS = 10
_MAX_BEACON_BYTES = 16_384
_COLLECT_EVERY = 50
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class LiveServer(ThreadingHTTPServer):
    """Serves one ``LiveProject``; ``publish`` tells the open pages about a new state."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, live: LiveProject, host: str, port: int) -> None:
        self.live = live
        self.stopping = False
        self.changed = threading.Condition()
        # What the open pages last reported showing (generation, page, heading, findings listed).
        self.reports: deque[dict[str, Any]] = deque(maxlen=200)
        self.loopback = host in _LOOPBACK
        self.script = (resources.files("proccompile") / "default_templates" / "serve" / "live.js").read_bytes()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def publish(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def stop(self) -> None:
        self.stopping = True
        self.publish()


class _Handler(BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the name http.server gives it
        pass  # the terminal shows findings, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if not self._host_allowed():
            return self._send(HTTPStatus.FORBIDDEN, b"This server answers requests for this machine only.\n")
        path = _request_path(self.path)
        shown = self.server.live.shown
        if path is None:
            return self._send(HTTPStatus.NOT_FOUND, b"Not found\n")
        if path.startswith(PREFIX[1:]):
            return self._internal(path.removeprefix(PREFIX[1:]), shown)
        if path.startswith("files/") and path.endswith(".docx"):
            data = self.server.live.document(shown, path.removeprefix("files/"))
            return self._send(HTTPStatus.OK, data, ".docx") if data is not None else self._missing(shown)
        page = self.server.live.page(shown, path)
        if page is None:
            return self._missing(shown)
        if path.endswith(".html"):
            page = with_live_script(page, live_state(shown, path))
        self._send(HTTPStatus.OK, page, Path(path).suffix)

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_allowed():
            return self._send(HTTPStatus.FORBIDDEN, b"")
        if _request_path(self.path) != PREFIX[1:] + "shown":
            return self._send(HTTPStatus.NOT_FOUND, b"")
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= _MAX_BEACON_BYTES:
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"")
        try:
            report = json.loads(self.rfile.read(length))
        except ValueError:
            return self._send(HTTPStatus.BAD_REQUEST, b"")
        if isinstance(report, dict):
            self.server.reports.append({**report, "received": time.time()})
        self._send(HTTPStatus.NO_CONTENT, b"")

    def _internal(self, name: str, shown: Shown) -> None:
        if name == "live.js":
            return self._send(HTTPStatus.OK, self.server.script, ".js")
        if name == "events":
            return self._events()
        if name == "status":
            status = {"generation": shown.generation, "current": shown.current,
                      "errors": shown.check.diagnostics.has_errors, "findings": len(shown.check.diagnostics),
                      "shown": list(self.server.reports)}
            return self._send(HTTPStatus.OK, json.dumps(status, ensure_ascii=False).encode(), ".json")
        self._send(HTTPStatus.NOT_FOUND, b"Not found\n")

    def _events(self) -> None:
        """Server-sent events: the current generation at once, then each new one, until the server stops."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = -1
        try:
            while not self.server.stopping:
                generation = self.server.live.shown.generation
                if generation != sent:
                    self.wfile.write(f"event: generation\ndata: {generation}\n\n".encode())
                    sent = generation
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                with self.server.changed:
                    if self.server.live.shown.generation == sent and not self.server.stopping:
                        self.server.changed.wait(_KEEPALIVE_SECONDS)
        except OSError:
            return  # the page went away

    def _host_allowed(self) -> bool:
        if not self.server.loopback:
            return True  # served on a network address on purpose: any name may lead here
        host = urlsplit("//" + (self.headers.get("Host") or "")).hostname
        return host in _LOOPBACK

    def _missing(self, shown: Shown) -> None:
        """A page that says why there is none, with the findings and live reload, so it turns into the page
        asked for once the project is fixed (or the page comes back)."""
        path = _request_path(self.path) or ""
        if shown.site is None:
            title, text = "No pages yet", "The project has errors, so there is no site to show yet; fix them."
        else:
            title, text = "Not found", "The site has no page at this address (any more)."
        html = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>'
                f'<body><main><h1>{title}</h1><p>{text}</p><p><a href="/index.html">index.html</a></p></main>'
                f"</body></html>\n").encode()
        page = with_live_script(html, live_state(shown, path))
        self._send(HTTPStatus.NOT_FOUND, page, ".html" if path.endswith(".html") or not path else "")

    def _send(self, status: HTTPStatus, body: bytes, suffix: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", _TYPES.get(suffix, "application/json" if suffix == ".json"
                                                   else "text/plain; charset=utf-8"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _request_path(raw: str) -> str | None:
    """The page a request asks for, relative to the site's top ('' → index.html); None when the address
    could only be meant to climb out of the site (``..``, a NUL, a backslash)."""
    path = unquote(urlsplit(raw).path)
    if "\0" in path or "\\" in path:
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    relpath = "/".join(parts)
    return relpath + "/index.html" if path.endswith("/") and relpath else relpath or "index.html"


def live_state(shown: Shown, page: str) -> dict[str, Any]:
    """What the page script shows: every finding of the latest check, and the file this page is made from."""
    findings = [{"path": d.span.path, "line": d.span.line, "col": d.span.col, "code": d.code.id,
                 "severity": d.severity.value, "message": d.message, "help": d.help}
                for d in shown.check.diagnostics]
    return {"generation": shown.generation, "current": shown.current, "source": shown.page_sources.get(page),
            "findings": findings}


def with_live_script(html: bytes, state: dict[str, Any]) -> bytes:
    """``html`` with the findings and the live-reload script before ``</body>`` (served pages only)."""
    data = json.dumps(state, ensure_ascii=False).replace("<", "\\u003c")  # no `</script>` can end it early
    snippet = (f'<script id="proccompile-live" type="application/json">{data}</script>\n'
               f'<script src="{PREFIX}live.js"></script>\n').encode()
    cut = html.rfind(b"</body>")
    return html[:cut] + snippet + html[cut:] if cut >= 0 else html + snippet


def serve_project(live: LiveProject, host: str, port: int, *, ready: Callable[[LiveServer], None],
                  refreshed: Callable[[Shown], None]) -> None:
    """Check the project, serve it, and check it again after every change, until Ctrl-C (or SIGTERM).

    ``ready(server)`` is called once the address is bound; ``refreshed(shown)`` after every check.
    Raises ConfigError when the project has no valid config to start with, OSError when the address
    cannot be bound.
    """
    refreshed(live.refresh(first=True))
    server = LiveServer(live, host, port)
    stop = threading.Event()
    # The corpus's models stay for the whole session: kept out of the collector's full passes, which
    # would otherwise walk them all (a few hundred ms at 1,000 documents) in the middle of a refresh.
    gc.freeze()
    refreshes = 0

    def changed(_paths: set[str]) -> None:
        nonlocal refreshes
        shown = live.refresh()
        server.publish()
        refreshed(shown)
        refreshes += 1
        if refreshes % _COLLECT_EVERY == 0:  # what edits replaced is freed now and then, after a reload
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    watcher = threading.Thread(target=watch_project, args=(live.root.resolve(), stop, changed),
                               name="proccompile-watch", daemon=True)
    with _interrupted_by_sigterm():
        try:
            watcher.start()
            ready(server)
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.stop()
            server.server_close()
            watcher.join(timeout=5)


@contextmanager
def _interrupted_by_sigterm() -> Iterator[None]:
    """SIGTERM stops the server as Ctrl-C does (a service manager, a test), in the main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
