"""The static site: every link resolves, nothing is fetched from a network, pages follow the Word numbering,
status marks and where-used lists are there, and the same corpus gives the same bytes."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from tests.helpers import run_cli
from tests.site.conftest import ROOT


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.urls.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def test_every_link_and_resource_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    parsed = {p: _parse(p) for p in pages}
    broken = []
    for path, page in parsed.items():
        for url in page.urls:
            parts = urlsplit(url)
            if parts.scheme == "data":
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {url}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(site)}: {url} (no such anchor)")
    assert broken == []


def test_nothing_is_fetched_from_a_network(site: Path) -> None:
    for path in site.rglob("*.html"):
        for url in _parse(path).urls:
            assert urlsplit(url).scheme in ("", "data") and not url.startswith("//"), f"{path}: {url}"
    for script in site.rglob("*.js"):
        assert not re.search(r"fetch\(|XMLHttpRequest|https?://", script.read_text("utf-8")), script
    assert not re.search(r"@import|url\(", (site / "assets" / "site.css").read_text("utf-8"))


def test_procedure_page_has_the_word_sections_and_links(site: Path) -> None:
    html = (site / "procedures" / "Q-FL2.0813.html").read_text("utf-8")
    headings = re.findall(r"<h2>(\d+ [^<]+)</h2>", html)
    assert headings == ["1 目的", "2 范围", "3 术语和定义", "4 职责", "5 工作程序", "6 服务承诺", "7 相关文件",
                        "8 附件", "9 记录"]
    assert "<th>编制</th><th>审核</th><th>批准</th>" in html  # the approvals of the cover
    assert '<tr id="s5.1.1"><td class="no">5.1.1</td>' in html
    assert 'href="../forms/Q-JL081304.html">《现场服务报告》Q/JL081304-' in html
    assert 'href="../departments/sales.html">销售部</a>' in html
    docx = quote("files/procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx")
    assert f'href="../{docx}" download' in html


def test_where_used_on_form_and_procedure_pages(site: Path) -> None:
    form = (site / "forms" / "Q-JL081304.html").read_text("utf-8")
    used = re.search(r'<aside class="where-used".*?</aside>', form, re.S)
    assert used is not None and "Q/FL2.0813—2020《顾客服务控制程序》" in used.group()
    assert '<span class="place">9 #' in used.group()  # the records-table row, as the Word table numbers it
    cited = (site / "procedures" / "Q-FL2.0707.html").read_text("utf-8")
    assert "没有文件引用本文件" not in cited and "Q-FL2.0813.html" in cited


def test_draft_and_obsolete_are_marked(site: Path) -> None:
    index = (site / "index.html").read_text("utf-8")
    draft = (site / "procedures" / "Q-FL2.0816.html").read_text("utf-8")
    assert '<p class="banner banner-draft">' in draft and '<span class="mark mark-draft">草稿</span>' in draft
    assert re.search(r'Q-FL2\.0816\.html">.*?</a>.*?<span class="mark mark-draft">', index)
    obsolete = (site / "procedures" / "Q-FL2.0812.html").read_text("utf-8")
    assert '<p class="banner banner-obsolete">' in obsolete
    assert '<span class="mark mark-obsolete">作废</span>' in obsolete
    assert "Q-FL2.0812.html" in index.split('<h2 id="obsolete">')[1]  # listed apart, not among the current ones
    assert "Q-FL2.0812.html" not in index.split('<h2 id="obsolete">')[0]
    released = (site / "procedures" / "Q-FL2.0813.html").read_text("utf-8")
    assert "banner" not in released.split("<main>")[1].split("</h1>")[0]


def test_two_runs_give_identical_bytes(site: Path, tmp_path: Path) -> None:
    code, _ = run_cli(["site", "-o", str(tmp_path / "again"), "."], ROOT)
    assert code == 0

    def digest(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    assert digest(tmp_path / "again") == digest(site)


def test_site_writes_nothing_when_check_fails(tmp_path: Path) -> None:
    project = tmp_path / "qms"
    run_cli(["init", str(project)], tmp_path)
    (project / "forms" / "QR-01-01.yaml").unlink()
    code, output = run_cli(["site", str(project)], tmp_path)
    assert code == 1 and "PC303" in output and not (project / "build").exists()


def test_form_pages_show_their_sections(site: Path) -> None:
    html = (site / "forms" / "Q-JL081304.html").read_text("utf-8")
    sections = re.findall(r'<section class="form-section">\s*<h2>([^<]+)</h2>(.*?)</section>', html, re.S)
    assert [title for title, _ in sections] == ["服务内容", "顾客确认"]
    assert "<li>处理过程及结果</li>" in sections[0][1] and "<li>服务人员</li>" in sections[0][1]
    assert "<li>顾客评价: 满意 / 基本满意 / 不满意</li>" in sections[1][1] and "<li>顾客签字</li>" in sections[1][1]
    index = (site / "assets" / "search-index.js").read_text("utf-8")
    entry = next(e for e in json.loads(index.split("=", 1)[1].rstrip().rstrip(";"))
                 if e["url"] == "forms/Q-JL081304.html")
    assert all(word in entry["text"] for word in ("处理过程及结果", "顾客确认", "顾客签字", "基本满意"))


def test_steps_show_their_items_notes_support_tables_and_anchored_limits(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, output = run_cli(["site", "-o", str(out), "."], ROOT / "examples" / "en")
    assert code == 0, output
    html = (out / "procedures" / "QP-01.html").read_text("utf-8")
    step = html.split('<tr id="s5.2.1">')[1].split("</tr>\n<tr")[0]
    assert '<ul class="items"><li>Rework to an approved instruction, then inspect again.</li>' in step
    assert "<caption>Table 5.2.1 Disposition authority</caption>" in step
    assert 'Support: <a class="dept" href="../departments/engineering.html">Manufacturing Engineering</a>' in step
    assert "Note: Parts made since the last good check are suspect too." in html
    assert "<td>2 h after detection</td>" in html  # the anchor event, as the Word document prints it


def test_english_pages_quote_titles_and_name_no_missing_language(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, output = run_cli(["site", "-o", str(out), "."], ROOT / "examples" / "en")
    assert code == 0, output
    pages = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.html")}
    assert not [name for name, html in pages.items() if "None ·" in html or "· None" in html]
    assert '<p class="names">' not in pages["departments/quality.html"]  # one name only: the heading says it
    assert "QP-01 \u201cControl of Nonconforming Output\u201d</a>" in pages["forms/QF-01-01.html"]
    assert "<li>Reviewed by</li><li>Date</li>" in pages["forms/QF-01-02.html"]


def test_a_version_not_yet_effective_is_marked(tmp_path: Path) -> None:
    out = tmp_path / "site"
    # Q/FL2.0813 B/0 took effect on 2020-01-11: the day before, the site says it is not in force yet.
    code, output = run_cli(["site", "--today", "2020-01-10", "-o", str(out), "."], ROOT)
    assert code == 0, output
    page = (out / "procedures" / "Q-FL2.0813.html").read_text("utf-8")
    assert '<p class="banner banner-pending">本版本自 2020-01-11 起实施' in page
    assert '<span class="mark mark-pending">尚未实施</span>' in page.split("</h1>")[0]
    index = (out / "index.html").read_text("utf-8")
    assert re.search(r'Q-FL2\.0813\.html">.*?</a>.*?<span class="mark mark-pending">', index)
    search = (out / "assets" / "search-index.js").read_text("utf-8")
    assert '"mark": "尚未实施"' in search
    code, _ = run_cli(["site", "--today", "2020-01-11", "-o", str(out), "."], ROOT)
    page = (out / "procedures" / "Q-FL2.0813.html").read_text("utf-8")
    assert code == 0 and "pending" not in page.split("</h1>")[0]


def test_form_pages_show_pre_printed_rows_fixed_text_and_signers(site: Path) -> None:
    survey = (site / "forms" / "Q-JL090101.html").read_text("utf-8")
    assert "<tr><td>1</td><td>人员服务</td>" in survey and "空白行数: 2" in survey
    card = (site / "forms" / "Q-JL081502.html").read_text("utf-8")
    assert '<p class="fixed-text">本卡回执联须在产品售出后20天内寄回公司' in card
    destruction = (site / "forms" / "Q-JL070702.html").read_text("utf-8")
    assert "<th>姓名</th><th>签名</th><th>日期</th>" in destruction and "<tr><th>监销人</th>" in destruction
