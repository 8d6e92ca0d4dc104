"""The site in a real browser (headless Chromium from the distribution): pages load without console errors,
and the offline search finds a procedure by a word of its text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it with apt-get)")

PAGES = ["index.html", "search.html", "procedures/Q-FL2.0813.html", "procedures/Q-FL2.0816.html",
         "forms/Q-JL081304.html", "departments/sales.html", "departments/index.html"]


def _chromium(url: str, profile: Path) -> tuple[str, str]:
    """(DOM after scripts ran, browser log) of ``url``; the log carries every console message."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=True,
    )
    return result.stdout, result.stderr


def test_the_console_check_sees_an_error(tmp_path: Path) -> None:
    # Guards the tests below: a page with a script error must show up in the log they read.
    page = tmp_path / "broken.html"
    page.write_text("<html><body><main></main><script>undefinedFunction();</script></body></html>", "utf-8")
    _, log = _chromium(page.as_uri(), tmp_path / "profile")
    assert any(":CONSOLE" in line and "undefinedFunction" in line for line in log.splitlines())


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_without_console_errors(site: Path, page: str, tmp_path: Path) -> None:
    dom, log = _chromium((site / page).as_uri(), tmp_path / "profile")
    assert "</main>" in dom
    console = [line for line in log.splitlines() if ":CONSOLE" in line]
    assert console == []


@pytest.mark.parametrize(("word", "expected"), [
    ("三包", "procedures/Q-FL2.0815.html"),  # a word of the title
    ("订货倾向", "procedures/Q-FL2.0813.html"),  # a word of the text only
    ("现场服务报告", "forms/Q-JL081304.html"),  # a form by its title
])
def test_search_finds_by_a_word_of_the_text(site: Path, tmp_path: Path, word: str, expected: str) -> None:
    text = (site / expected).read_text("utf-8")
    assert word in text
    dom, log = _chromium((site / "search.html").as_uri() + "?q=" + quote(word), tmp_path / "profile")
    results = re.search(r'<ol id="results" class="results">(.*?)</ol>', dom, re.S)
    assert results is not None and f'href="{expected}"' in results.group(1)
    assert [line for line in log.splitlines() if ":CONSOLE" in line] == []


def test_search_says_when_nothing_matches(site: Path, tmp_path: Path) -> None:
    dom, _ = _chromium((site / "search.html").as_uri() + "?q=" + quote("没有这个词zzz"), tmp_path / "profile")
    assert "没有找到匹配的文件。" in dom and "<li>" not in dom.split('id="results"')[1]
