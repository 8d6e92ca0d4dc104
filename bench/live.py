"""Save → page reloaded in a real browser: `proccompile serve` on the corpus, a procedure open in headless Chromium.

The page script of `serve` reports each page it shows to the server once the page has loaded (its
generation and heading); the time from writing the YAML to the server receiving the report of the page
with the new title is the figure. Both times are taken on this machine's clock.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _reports(url: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(url + "__proccompile/status", timeout=30) as response:
        shown: list[dict[str, Any]] = json.load(response)["shown"]
    return shown


def _wait(url: str, text: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for report in reversed(_reports(url)):
            if text in str(report.get("h1")):
                return report
        time.sleep(0.02)
    raise RuntimeError(f"the browser never showed {text!r}")


def serve_update_ms(corpus: Path, procedure: Path, repeat: int) -> list[float]:
    """Milliseconds from saving ``procedure`` with a new title to its page reloaded with it, ``repeat`` times."""
    if CHROMIUM is None:
        return []
    server = subprocess.Popen([sys.executable, "-m", "proccompile", "serve", str(corpus), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    browser = None
    samples = []
    try:
        assert server.stdout is not None
        url = next(line for line in server.stdout if line.startswith("Serving ")).split(" at ")[1].split()[0]
        code = next(line.split(":", 1)[1].strip() for line in procedure.read_text("utf-8").splitlines()
                    if line.startswith("code:"))
        page = url + "procedures/" + code.replace("/", "-") + ".html"
        with tempfile.TemporaryDirectory(prefix="proccompile-bench-chromium-") as profile:
            browser = subprocess.Popen(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 page], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            original = procedure.read_text(encoding="utf-8")
            _wait(url, "")  # the page is open
            for run in range(repeat):
                marker = f"修订{run}"
                text = original.replace("\ntitle: ", f"\ntitle: {marker}", 1)
                saved = time.time()
                procedure.write_text(text, encoding="utf-8")
                report = _wait(url, marker)
                samples.append(1000 * (report["received"] - saved))
                time.sleep(0.5)  # let the page settle before the next save
            procedure.write_text(original, encoding="utf-8")
    finally:
        if browser is not None:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait(30)
        server.send_signal(signal.SIGINT)
        server.wait(30)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)
