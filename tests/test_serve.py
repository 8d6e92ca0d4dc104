"""`proccompile serve`: the pages it serves, what it refuses to serve, how it follows edits, and how it stops."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from proccompile.pipeline import build_project
from proccompile.pipeline.live import LiveProject
from proccompile.pipeline.publish import site_project
from proccompile.serve import LiveServer

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
SNIPPET = re.compile(rb'<script id="proccompile-live" type="application/json">.*?</script>\n'
                     rb'<script src="/__proccompile/live.js"></script>\n', re.S)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.fixture
def served(project: Path) -> Iterator[LiveServer]:
    live = LiveProject(project, lambda: None)
    live.refresh(first=True)
    server = LiveServer(live, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()
        server.shutdown()
        server.server_close()
        thread.join(5)


def _get(server: LiveServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_served_pages_are_the_pages_site_writes_with_the_live_script_added(served: LiveServer, project: Path,
                                                                          tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert not site_project(project, site).check.diagnostics.has_errors
    # Everything but the documents (rendered when downloaded, below) and the site's records (manifest, lock).
    written = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()
               and not p.relative_to(site).as_posix().startswith("files/") and p.name != "manifest.json"
               and not p.name.startswith(".")}
    assert len(written) > 10
    for relpath, data in written.items():
        status, body = _get(served, "/" + relpath)
        assert status == 200, relpath
        if relpath.endswith(".html"):
            assert len(SNIPPET.findall(body)) == 1, relpath
            body = SNIPPET.sub(b"", body)
        assert body == data, relpath
    assert _get(served, "/") == _get(served, "/index.html")


def test_a_download_is_the_document_build_writes(served: LiveServer, project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_project(project, out, jobs=1)
    docx = sorted((out / "procedures").glob("*.docx"))[0]
    from urllib.parse import quote

    status, body = _get(served, "/files/" + quote(docx.relative_to(out).as_posix()))
    assert (status, body == docx.read_bytes()) == (200, True)


SECRET = "TOPSECRET-not-for-the-web"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
    "/files/../../secret.txt", "/files/..%2f..%2fsecret.txt", "/files/..%5c..%5csecret.txt",
    "/assets/../../secret.txt", "//secret.txt", "/proccompile.yaml", "/procedures/Q-QP01.yaml",
    "/assets/../proccompile.yaml", "/files/../proccompile.yaml", "/%00/etc/passwd", "/etc/passwd",
    "/files/procedures/../../proccompile.yaml", "/__proccompile/../proccompile.yaml",
])
def test_no_address_reaches_a_file_by_its_path(served: LiveServer, project: Path, path: str) -> None:
    (project.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    status, body = _get(served, path)
    assert status == 404
    assert SECRET.encode() not in body and b"code: Q/" not in body and b"root:" not in body


def test_a_request_for_another_host_is_refused(served: LiveServer) -> None:
    port = served.server_address[1]
    assert _get(served, "/index.html", host=f"attacker.example:{port}")[0] == 403
    assert _get(served, "/index.html", host=f"localhost:{port}")[0] == 200


def test_a_page_follows_edits_and_keeps_the_last_good_one_while_the_yaml_is_broken(
        served: LiveServer, project: Path) -> None:
    live, path = served.live, project / "procedures" / "Q-QP01.yaml"
    page = "/procedures/Q-QP01.html"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("title: 顾客投诉处理程序", "title: 顾客投诉受理程序"), encoding="utf-8")
    shown = live.refresh()
    assert (shown.generation, shown.current) == (2, True)
    assert "顾客投诉受理程序".encode() in _get(served, page)[1]
    path.write_text(original.replace("title: 顾客投诉处理程序", "title: 新标题\n  broken: ["), encoding="utf-8")
    shown = live.refresh()
    assert (shown.generation, shown.current) == (3, False)
    status, body = _get(served, page)
    assert status == 200 and "顾客投诉受理程序".encode() in body and "新标题".encode() not in body
    state = json.loads(re.search(rb'<script id="proccompile-live" type="application/json">(.*?)</script>', body,
                                 re.S).group(1))  # type: ignore[union-attr]
    assert (state["generation"], state["current"], state["source"]) == (3, False, "procedures/Q-QP01.yaml")
    assert [(f["path"], f["line"], f["col"], f["code"]) for f in state["findings"]] == [
        ("procedures/Q-QP01.yaml", 3, 9, "PC101")]
    path.write_text(original, encoding="utf-8")
    shown = live.refresh()
    assert (shown.generation, shown.current, len(shown.check.diagnostics)) == (4, True, 0)
    assert "顾客投诉处理程序".encode() in _get(served, page)[1]


def test_a_project_with_errors_from_the_start_shows_them_on_every_address(project: Path) -> None:
    path = project / "procedures" / "Q-QP02.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("owner: quality", "owner: qualty", 1), "utf-8")
    live = LiveProject(project, lambda: None)
    shown = live.refresh(first=True)
    assert shown.site is None and [d.code.id for d in shown.check.diagnostics] == ["PC304"]
    server = LiveServer(live, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        status, body = _get(server, "/procedures/Q-QP02.html")
        assert status == 404 and b"<h1>No pages yet</h1>" in body and b'"code": "PC304"' in body
        assert b"/__proccompile/live.js" in body  # so the page turns into the page once the error is fixed
    finally:
        server.stop()
        server.shutdown()
        server.server_close()


def test_open_pages_hear_of_each_new_state(served: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", served.server_address[1]), timeout=30) as sock:
        sock.sendall(b"GET /__proccompile/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        stream = sock.makefile("rb")
        assert b"text/event-stream" in b"".join(iter(stream.readline, b"\r\n"))
        assert [stream.readline(), stream.readline()] == [b"event: generation\n", b"data: 1\n"]
        stream.readline()
        served.live.refresh()
        served.publish()
        assert [stream.readline(), stream.readline()] == [b"event: generation\n", b"data: 2\n"]


def test_what_pages_report_is_kept_and_bounded(served: LiveServer) -> None:
    def post(body: bytes) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", served.server_address[1], timeout=30)
        connection.request("POST", "/__proccompile/shown", body, {"Content-Type": "application/json"})
        status = connection.getresponse().status
        connection.close()
        return status

    assert post(json.dumps({"generation": 1, "page": "/index.html"}).encode()) == 204
    assert post(b"x" * 20_000) == 413
    assert post(b"{not json") == 400
    status = json.loads(_get(served, "/__proccompile/status")[1])
    assert [(r["generation"], r["page"]) for r in status["shown"]] == [(1, "/index.html")]


def _serve(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "proccompile", "serve", str(project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _address(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Serving "):
            return line.split(" at ")[1].split()[0]
    raise AssertionError("serve printed no address")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_serve_stops_cleanly(project: Path, stop: signal.Signals) -> None:
    process = _serve(project, "--port", "0")
    try:
        url = _address(process)
        assert url.startswith("http://127.0.0.1:")
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert (process.returncode, out.splitlines()[-1], err) == (0, "Stopped.", "")
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    with socket.socket() as probe:  # the address is free again: nothing was left listening
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_serve_says_when_the_port_is_taken(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(project, "--port", str(port))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err == f"proccompile: port {port} on 127.0.0.1 is in use\nhelp: Give another with --port (0 picks a free " \
                  "one)\n"
