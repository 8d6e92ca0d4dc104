"""What a reviewer is shown: every printed part that changed, named in the list; the redline marks one row for one
removed step and never prints a replaced number so that it reads as another."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from proccompile.lifecycle.compare import Side
from proccompile.lifecycle.report import as_markdown
from proccompile.lifecycle.semantic import Change
from proccompile.render.redline_merge import DEL, END, INS, inline
from tests.helpers import run_cli, run_split

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FILE = "procedures/Q-FL2.0814.yaml"


@pytest.fixture
def revising(project: Path) -> Path:
    """Q/FL2.0814 locked and under revision, so the diff and the redline compare with the stored version."""
    assert run_cli(["lock", "."], project)[0] == 0
    code, _, err = run_split(["revise", "Q/FL2.0814", "--change", "修订处理权限。", "--date", "2026-11-20"], project)
    assert code == 0, err
    return project


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_the_text_diff_names_a_changed_bullet_note_and_step_table(revising: Path) -> None:
    _edit(revising / FILE,
          ("- [安装质量, 售后主管, 《客户投诉单》]\n", "- [安装质量, 质控部, 《客户投诉单》]\n"),
          ("          - 关闭前回访客户，确认其对处理结果的意见，回访结果记入《售后服务跟踪记录表》。\n",
           "          - 关闭前电话回访客户，回访结果记入《售后服务跟踪记录表》。\n"),
          ("support: [quality, tech-center, after-sales]\n",
           "support: [quality, tech-center, after-sales]\n        items:\n          - 专案每周通报一次进展。\n"))
    code, out, err = run_split(["diff", "Q/FL2.0814"], revising)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Q/FL2.0814 售后服务控制程序: A/1 (in force) → working tree (revision A/2)"
    assert lines[1:] == [
        "  ~ 5.1.3      changed step table row: 安装质量 | 售后主管 | 《客户投诉单》 → "
        "安装质量 | 质控部 | 《客户投诉单》",
        "  + 5.1.6      added step item: 专案每周通报一次进展。",
        "  ~ 5.1.7      changed step note: 关闭前回访客户，确认其对处理结果的意见，"
        "回访结果记入《售后服务跟踪记录表》。 → "
        "关闭前电话回访客户，回访结果记入《售后服务跟踪记录表》。",
        "  + revisions  added revision A/2: 修订处理权限。 (not released)",
        "2 added, 2 changed."]
    code, out, _ = run_split(["diff", "Q/FL2.0814", "--format", "json"], revising)
    assert '"what": "step table row"' in out and '"what": "step item"' in out and '"what": "step note"' in out


def _rows(docx: Path) -> list[tuple[str, str]]:
    """(state, text) of every table row: "del", "ins" or "" for a row that is neither."""
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    rows = []
    for tr in root.iter(f"{W}tr"):
        state = "del" if tr.find(f"{W}trPr/{W}del") is not None else "ins" if tr.find(f"{W}trPr/{W}ins") is not None \
            else ""
        rows.append((state, "".join(t.text or "" for t in tr.iter(f"{W}t", f"{W}delText"))))
    return rows


def test_removing_one_step_is_one_deleted_row(revising: Path, tmp_path: Path) -> None:
    step = ("      - id: special-case\n"
            "        text: 对专案指定负责人，组织质控部、技术中心和售后服务部优先处置，统一对外答复口径，"
            "处置过程记入《售后服务跟踪记录表》。\n        owner: management\n"
            "        support: [quality, tech-center, after-sales]\n        records:\n          - Q/JL081403\n")
    # the decision's outcome that led to it now leads on to the next step
    _edit(revising / FILE, (step, ""), ("              next: special-case\n", "              next: resolve\n"))
    code, _, err = run_split(["diff", "Q/FL2.0814", "--format", "docx", "-o", str(tmp_path / "r.docx")], revising)
    assert code == 0, err
    rows = _rows(tmp_path / "r.docx")
    deleted = [text for state, text in rows if state == "del"]
    assert len(deleted) == 1 and deleted[0].startswith("5.1.6对专案指定负责人")
    assert [text for state, text in rows if state == "ins"] == ["3A/2修订处理权限。"]  # the revision history
    # The step after it keeps its row; only its number changes, old and new kept apart by a space.
    renumbered = next(text for _, text in rows if "解决保修期内的不良问题" in text)
    assert renumbered.startswith("5.1.7 5.1.6解决保修期内的不良问题")


def test_a_changed_time_limit_never_prints_the_two_numbers_as_one(revising: Path, tmp_path: Path) -> None:
    _edit(revising / FILE, ("        time_limit: 24h\n", "        time_limit: 8h\n"))
    code, _, err = run_split(["diff", "Q/FL2.0814", "--format", "docx", "-o", str(tmp_path / "r.docx")], revising)
    assert code == 0, err
    root = etree.fromstring(zipfile.ZipFile(tmp_path / "r.docx").read("word/document.xml"))
    for deleted in root.iter(f"{W}del"):
        following = deleted.getnext()
        if following is None or following.tag != f"{W}ins":
            continue
        gone = "".join(t.text or "" for t in deleted.iter(f"{W}delText"))
        added = "".join(t.text or "" for t in following.iter(f"{W}t"))
        assert not (gone[-1:].isdigit() and added[:1].isdigit()), (gone, added)
    assert any("".join(t.text or "" for t in d.iter(f"{W}delText")) == "24 " for d in root.iter(f"{W}del"))


@pytest.mark.parametrize(("old", "new", "shown"), [
    ("在 2 个工作日内", "在 1 个工作日内", f"在 {DEL}2 {END}{INS}1 {END}个工作日内"),
    ("24 小时", "8 小时", f"{DEL}24 {END}{INS}8 {END}小时"),
    ("于次月5个工作日内", "于次月3个工作日内", f"于次月{DEL}5个{END}{INS}3个{END}工作日内"),
    ("二个", "三个", f"{DEL}二个{END}{INS}三个{END}"),
    ("5.2.6", "5.2.5", f"{DEL}5.2.6 {END}{INS}5.2.5{END}"),
    ("Q/FL2.0813—2020　B/0", "Q/FL2.0813—2026　B/1", f"Q/FL2.0813{DEL}—2020　B/0{END}{INS}—2026　B/1{END}"),
    ("接到通知后 3 天", "接到通知后 3 天", "接到通知后 3 天"),
])
def test_a_replaced_word_stays_apart_from_its_replacement(old: str, new: str, shown: str) -> None:
    assert inline(old, new) == shown


def test_markdown_shows_html_and_links_as_text(project: Path) -> None:
    doc = next(iter(__import__("proccompile.pipeline", fromlist=["check_project"]).check_project(project)
                    .corpus.procedures))
    side = Side("B/0", doc)
    changes = [Change("changed", "5.1.1", "step", "<img src=x onerror=alert(1)>", "[click](https://evil.example/x)"),
               Change("added", "3.1", "term <b>", None, "a | b ![i](x) *bold* `code`")]
    out = as_markdown(side, side, changes)
    assert "<img" not in out and "<b>" not in out and "](" not in out.replace("\\](", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "\\[click\\](` https://evil.example/x) `" in out  # a bare URL is code, never a link
    assert "a \\| b !\\[i\\](x) \\*bold\\* \\`code\\`" in out
