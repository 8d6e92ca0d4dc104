"""Markup in any text of a project is shown as text on every site page: loaded in headless Chromium with
`alert` and `onerror` trapped, no page (search results included) runs a script, and the markup reads literally."""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.helpers import run_split
from tests.site.test_browser import CHROMIUM, _chromium

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it with apt-get)")
_COUNTER = itertools.count(1)


def hostile() -> str:
    """A payload that calls alert, numbered so that a page that runs one tells which text it came from."""
    n = next(_COUNTER)
    return f'<img src=x onerror=alert({n})><script>alert({n})</script>"><svg onload=alert({n})> #{n}'


def _project(root: Path) -> None:
    """A project whose every free text (titles, names, labels, options, sign-offs, instructions, duties, steps,
    items, notes, step tables, KPIs, terms, attachments, revisions, approvals, company, departments, roles,
    external documents) holds markup. Written as JSON, which YAML reads as it is."""
    config = {
        "company": {"en": hostile()}, "language": "en",
        "numbering": {"procedure": r"^QP-\d{2}$", "form": r"^QR-\d{2}-\d{2}$"},
        "versions": {"style": "letter", "max_amendment": 4},
        "departments": [{"id": "quality", "en": hostile(), "zh": hostile()}, {"id": "sales", "en": hostile()}],
        "approval_roles": [{"id": "prepared", "en": hostile()}, {"id": "approved", "en": hostile()}],
        "external_documents": [{"code": "ISO 9001:2015", "title": hostile(), "issuer": "ISO"}],
        "records": {"default_retention": "3y", "minimum_retention": "1y"},
    }
    approvals = {"prepared": {"name": hostile(), "date": "2024-02-20"},
                 "approved": {"name": hostile(), "date": "2024-02-25"}}
    procedure = {
        "code": "QP-01", "title": hostile(), "version": "A/0", "status": "released", "issued": "2024-03-01",
        "effective": "2024-03-05", "owner": "quality", "approvals": approvals, "purpose": hostile(),
        "scope": hostile(), "terms": [{"term": hostile(), "definition": hostile()}],
        "responsibilities": [{"department": "quality", "duties": [hostile()]},
                             {"department": "sales", "duties": [hostile()]}],
        "process": [{"title": hostile(), "intro": hostile(), "steps": [
            {"text": hostile(), "owner": "sales", "support": ["quality"], "time_limit": "24h", "anchor": hostile(),
             "items": [hostile()], "notes": [hostile()], "records": ["QR-01-01"], "related": ["ISO 9001:2015"],
             "table": {"title": hostile(), "columns": [hostile()], "rows": [[hostile()]]}},
        ]}],
        "commitments": [{"metric": hostile(), "target": hostile(), "measured_by": hostile(), "owner": "quality",
                         "records": ["QR-01-01"]}],
        "related_documents": ["ISO 9001:2015", "QP-02"],
        "records": [{"form": "QR-01-01", "keeper": "quality", "retention": "3y", "storage": hostile()}],
        "attachments": [{"title": hostile(), "form": "QR-01-01"}],
        "revisions": [{"version": "A/0", "date": "2024-03-01", "change": hostile(), "author": hostile()}],
    }
    citing = {**procedure, "code": "QP-02", "title": hostile(), "related_documents": ["QP-01"],
              "revisions": [{"version": "A/0", "date": "2024-03-01", "change": hostile(), "author": hostile()}]}
    form = {
        "code": "QR-01-01", "title": hostile(), "version": "A/0", "status": "released", "owner": "quality",
        "retention": "3y", "one_page": False,
        "fields": [{"label": hostile()}, {"label": hostile(), "type": "choice", "options": [hostile(), hostile()]}],
        "table": {"title": hostile(), "columns": [{"label": hostile()}], "rows": 2},
        "tables": [{"title": hostile(), "columns": [{"label": hostile()}], "rows": 2}],
        "sections": [{"title": hostile(), "fields": [{"label": hostile()}],
                      "tables": [{"title": hostile(), "columns": [{"label": hostile()}], "rows": 2}],
                      "signoffs": [hostile()]}],
        "signoffs": [hostile(), hostile()], "instructions": [hostile()],
    }
    for name, data in {"proccompile.yaml": config, "procedures/QP-01.yaml": procedure,
                       "procedures/QP-02.yaml": citing, "forms/QR-01-01.yaml": form}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# Runs before anything else on the page: alert and any script error leave a mark on <html> that --dump-dom shows.
_TRAP = ('<script>window.alert = function (m) { document.documentElement.setAttribute("data-alert", String(m)); };'
         'window.addEventListener("error", function (e) { if (e.target && e.target.tagName) '
         '{ document.documentElement.setAttribute("data-onerror", e.target.tagName); } }, true);</script>')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markup") / "qms"
    root.mkdir()
    _project(root)
    code, stdout, stderr = run_split(["check", "--format", "concise", "."], root)
    assert code == 0, stdout + stderr
    code, stdout, stderr = run_split(["site", "-o", "out", "."], root)
    assert code == 0, stdout + stderr
    return root / "out"


class _Elements(HTMLParser):
    """Every element of a DOM dump with an event-handler attribute, and every <img>, <svg> and <script> but the
    site's own flowchart SVGs (whose texts, hostile ones included, the page must show as text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        flowchart = tag == "svg" and dict(attrs).get("class") == "flowchart"
        if (tag in ("img", "svg") and not flowchart) or any(name.startswith("on") for name, _ in attrs):
            self.found.append(f"<{tag} {attrs}>")


def _trapped_copy(page: Path) -> Path:
    """The page with the trap first in <head>, beside it so that its relative links still resolve."""
    html = page.read_text(encoding="utf-8")
    assert "<head>" in html
    trapped = page.with_name(page.stem + ".trapped.html")
    trapped.write_text(html.replace("<head>", "<head>" + _TRAP, 1), encoding="utf-8")
    return trapped


def _load(url: str, profile: Path) -> str:
    dom, _ = _chromium(url, profile)
    head = dom.split("<head>", 1)[0]
    assert "data-alert" not in head and "data-onerror" not in head, head
    return dom


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.name.endswith(".trapped.html"))


def test_the_trap_sees_a_script_that_runs(tmp_path: Path) -> None:
    # Guards the tests below: a page whose markup does run must be caught.
    page = tmp_path / "page.html"
    page.write_text("<html><head></head><body><main><img src=x onerror=alert(7)></main></body></html>", "utf-8")
    dom, _ = _chromium(_trapped_copy(page).as_uri(), tmp_path / "profile")
    assert 'data-alert="7"' in dom.split("<head>", 1)[0]


def test_every_page_shows_markup_as_text(site: Path, tmp_path: Path) -> None:
    pages = _pages(site)
    assert len(pages) >= 8
    for page in pages:
        if page.name == "search.html":
            continue  # below, with results
        dom = _load(_trapped_copy(page).as_uri(), tmp_path / "profile")
        elements = _Elements()
        elements.feed(dom.split("</head>", 1)[1])
        assert elements.found == [], f"{page.relative_to(site)}: {elements.found}"
        assert "&lt;img src=x onerror=alert(" in dom and "&lt;script&gt;alert(" in dom, page


def test_every_hostile_text_reaches_a_page(site: Path) -> None:
    # The payloads are numbered: every one must be printed somewhere, or the test above proves less than it says.
    text = "".join(p.read_text(encoding="utf-8") for p in _pages(site))
    shown = {int(n) for n in re.findall(r"&gt; #(\d+)", text)}
    missing = sorted(set(range(1, next(_COUNTER))) - shown)
    assert missing == [], f"payloads never shown: {missing}"


@pytest.mark.parametrize("query", ["onerror", "script", "svg"])
def test_search_results_insert_text_not_html(site: Path, tmp_path: Path, query: str) -> None:
    dom = _load(_trapped_copy(site / "search.html").as_uri() + "?q=" + quote(query), tmp_path / "profile")
    results = re.search(r'<ol id="results" class="results">(.*?)</ol>', dom, re.S)
    assert results is not None and results.group(1).count("<li>") >= 3
    elements = _Elements()
    elements.feed(results.group(1))
    assert elements.found == []
    assert "&lt;img src=x onerror=alert(" in results.group(1)
