"""The site in a real browser (headless Chromium from the distribution): pages load without console errors,
the offline search finds a procedure by a word of its text, every flowchart box links to a step, and a page open on
`serve` follows edits."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).parents[2]
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


MINIMAL = Path(__file__).parents[1] / "cases" / "valid" / "minimal"


def _reports(url: str) -> list[dict[str, object]]:
    with urllib.request.urlopen(url + "__proccompile/status", timeout=30) as response:
        shown: list[dict[str, object]] = json.load(response)["shown"]
    return shown


def _wait_for(url: str, wanted: Callable[[dict[str, object]], bool], what: str) -> dict[str, object]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = [report for report in _reports(url) if wanted(report)]
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"the browser never showed {what}: {_reports(url)}")


def test_serve_updates_the_open_page_as_its_yaml_is_edited(tmp_path: Path) -> None:
    """A procedure page open in Chromium follows a new title, shows a broken indentation's finding on the page
    and in the panel while keeping the last good page, and recovers once the YAML is fixed."""
    assert CHROMIUM is not None
    project = tmp_path / "qms"
    shutil.copytree(MINIMAL, project)
    source = project / "procedures" / "Q-QP01.yaml"
    original = source.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "proccompile", "serve", str(project), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    browser = None
    try:
        assert server.stdout is not None
        url = next(line for line in server.stdout if line.startswith("Serving ")).split(" at ")[1].split()[0]
        browser = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}",
             url + "procedures/Q-QP01.html"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        page = "/procedures/Q-QP01.html"
        first = _wait_for(url, lambda r: r["page"] == page, "the page")
        assert "顾客投诉处理程序" in str(first["h1"]) and first["panel"] == []

        source.write_text(original.replace("title: 顾客投诉处理程序", "title: 顾客投诉受理程序"), encoding="utf-8")
        retitled = _wait_for(url, lambda r: "顾客投诉受理程序" in str(r["h1"]), "the new title")
        assert retitled["panel"] == [] and retitled["here"] == []

        source.write_text(original.replace("title: 顾客投诉处理程序", "title: 新标题\n  broken: ["), encoding="utf-8")
        broken = _wait_for(url, lambda r: r["panel"] == ["PC101"], "the finding")
        assert broken["here"] == ["PC101"]  # on the page of the document it concerns
        assert "顾客投诉受理程序" in str(broken["h1"])  # the last good page stays

        source.write_text(original.replace("title: 顾客投诉处理程序", "title: 顾客投诉处理规程"), encoding="utf-8")
        fixed = _wait_for(url, lambda r: "顾客投诉处理规程" in str(r["h1"]), "the recovered page")
        assert fixed["panel"] == [] and fixed["here"] == []
        assert int(str(fixed["generation"])) > int(str(broken["generation"])) > int(str(retitled["generation"]))
    finally:
        if browser is not None:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait(30)
        server.send_signal(signal.SIGINT)
        server.wait(30)
    assert server.returncode == 0
_FLOWCHART_PROBE = """<script>
// Each flowchart's step boxes: the step each one links to exists on the page, and box and step are drawn.
const report = [];
for (const svg of document.querySelectorAll("svg.flowchart")) {
  for (const link of svg.querySelectorAll("a.step")) {
    const href = link.getAttribute("href");
    const target = document.getElementById(href.slice(1));
    const box = link.getBoundingClientRect();
    report.push({href, exists: !!target, boxDrawn: box.width > 0 && box.height > 0,
                 stepDrawn: !!target && target.getBoundingClientRect().height > 0});
  }
}
document.body.setAttribute("data-flowcharts", JSON.stringify(report));
</script>"""


@pytest.mark.parametrize("page", ["procedures/Q-FL2.0813.html", "procedures/Q-FL2.0817.html"])
def test_every_flowchart_box_links_to_a_step_on_the_page(site: Path, page: str, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    probe = copy / page
    probe.write_text(probe.read_text("utf-8").replace("</body>", _FLOWCHART_PROBE + "</body>"), "utf-8")
    dom, log = _chromium(probe.as_uri(), tmp_path / "profile")
    found = re.search(r'data-flowcharts="([^"]*)"', dom)
    assert found is not None
    report = json.loads(html.unescape(found.group(1)))
    steps = re.findall(r'<tr id="(s[\d.]+)"', probe.read_text("utf-8"))
    assert sorted(r["href"][1:] for r in report) == sorted(steps)
    assert all(r["exists"] and r["boxDrawn"] and r["stepDrawn"] for r in report), report
    assert [line for line in log.splitlines() if ":CONSOLE" in line] == []


# The charts docs/flowcharts.md shows, from the site of the shipped project and of the English example:
# (image, project folder, page, words of the figure's caption).
DOC_CHARTS = [
    ("flowchart-zh-linear.png", ".", "procedures/Q-FL2.0813.html", "5.1 售前服务"),
    ("flowchart-zh-decision.png", ".", "procedures/Q-FL2.0814.html", "5.2 质保期补件"),
    ("flowchart-zh-loop.png", ".", "procedures/Q-FL2.0813.html", "5.4 质量问题处理"),
    ("flowchart-en-linear.png", "examples/en", "procedures/QP-03.html", "5.1 Receiving the complaint"),
    ("flowchart-en-decision.png", "examples/en", "procedures/QP-01.html", "Nonconforming Output"),
    ("flowchart-en-loop.png", "examples/en", "procedures/QP-02.html", "5.3 Effectiveness and closure"),
]


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site-en") / "site"
    code, output = run_cli(["site", "-o", str(out), "examples/en"], ROOT)
    assert code == 0, output
    return out


@pytest.mark.parametrize(("image", "project", "page", "caption"), DOC_CHARTS, ids=[c[0] for c in DOC_CHARTS])
def test_flowchart_images_for_the_docs(site: Path, english_site: Path, image: str, project: str, page: str,
                                       caption: str, tmp_path: Path, update_golden: bool) -> None:
    """Each chart renders in Chromium; --update-golden rewrites the docs' image of it."""
    source = (site if project == "." else english_site) / page
    figures = re.findall(r'<figure class="flowchart">.*?</figure>', source.read_text("utf-8"), re.S)
    figure = next(f for f in figures if caption in f.split("</figcaption>")[0])
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', figure).groups())
    pixels = 860
    css = (source.parents[1] / "assets" / "site.css").read_text("utf-8")
    frame = tmp_path / "chart.html"
    frame.write_text(f"<!doctype html><html><head><meta charset='utf-8'><style>{css} body{{margin:0}} "
                     f"figure.flowchart{{margin:8px 10px;width:{pixels}px}}</style></head><body>{figure}</body></html>",
                     "utf-8")
    target = ROOT / "docs" / "img" / image if update_golden else tmp_path / image
    target.parent.mkdir(parents=True, exist_ok=True)
    assert CHROMIUM is not None
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={target}",
                    f"--window-size={pixels + 20},{round(pixels * height / width) + 60}", frame.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert target.stat().st_size > 20_000
