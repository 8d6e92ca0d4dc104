"""`diff`: the semantic change list between two versions of Q/FL2.0813, and the Word redline that carries it."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree

from proccompile.pipeline.diffs import diff_project, redline_project
from tests.helpers import run_split
from tests.lifecycle.conftest import copy_project

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELEASE = ["release", "Q/FL2.0813", "--change", "缩短响应时限，增加术语服务商。", "--date", "2026-12-01",
           "--by", "王建国", "--reviewed-by", "李明华", "--approved-by", "张志强"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=root, check=True,
                   capture_output=True, timeout=60)


def _edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    edits = [("time_limit: 24h", "time_limit: 12h"),
             ("  - term: 三包\n",
              "  - term: 服务商\n    definition: 经公司授权为顾客提供安装和维修服务的单位。\n  - term: 三包\n"),
             ("      - 为服务工作提供所需的技术支持。\n",
              "      - 为服务工作提供所需的技术支持。\n      - 对设计原因引起的质量问题提出技术改进。\n"),
             ("做好接收登记并及时反馈。", "做好接收登记并在 2 个工作日内反馈。")]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git project: B/0 locked and committed, then edited and released as B/1 and committed."""
    root = copy_project(tmp_path_factory.mktemp("git") / "qms")
    _git(root, "init", "-q")
    assert run_split(["lock", "."], root)[0] == 0
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "B/0")
    _edit(root / "procedures" / "Q-FL2.0813.yaml")
    return root


EXPECTED = """\
  + 3.6    added term 服务商: 经公司授权为顾客提供安装和维修服务的单位。
  ~ 4.1    changed duty of 销售部, 国贸部: 承担售前和售中的顾客服务，收集顾客信息，做好接收登记并及时反馈。 → \
承担售前和售中的顾客服务，收集顾客信息，做好接收登记并在 2 个工作日内反馈。
  + 4.3    added duty of 技术中心: 对设计原因引起的质量问题提出技术改进。
  ~ 5.4.3  changed step time limit: 24h → 12h
2 added, 2 changed.
"""


def test_unreleased_edits_are_listed_against_the_last_release(history: Path) -> None:
    code, out, err = run_split(["diff", "Q/FL2.0813", "."], history)
    assert code == 0, err
    heading, rest = out.split("\n", 1)
    assert heading.startswith("Q/FL2.0813 顾客服务控制程序: B/0 (") and heading.endswith(") → working tree")
    assert rest == EXPECTED


def test_release_then_diff_between_versions(history: Path) -> None:
    code, out, err = run_split(RELEASE, history)
    assert code == 0, err + out
    _git(history, "add", "-A")
    _git(history, "commit", "-qm", "B/1")
    code, out, _ = run_split(["diff", "Q/FL2.0813", "--from", "B/0", "--to", "B/1", "--format", "md"], history)
    assert code == 0
    assert "| 5.4.3 | changed | step time limit | 24h | 12h |" in out
    code, out, _ = run_split(["diff", "Q/FL2.0813", "--from", "HEAD~1", "--format", "json"], history)
    assert '"version": "B/1"' in out and '"where": "3.6"' in out


def _paragraphs(xml: bytes, keep: str) -> list[str]:
    """Body paragraph texts with every change accepted (keep="ins") or rejected (keep="del")."""
    body = deepcopy(etree.fromstring(xml)).find(f"{W}body")
    drop = "del" if keep == "ins" else "ins"
    for element in list(body.iter(f"{W}{drop}")):
        parent = element.getparent()
        if parent.tag == f"{W}rPr" and parent.getparent().tag == f"{W}pPr":
            paragraph = parent.getparent().getparent()
            paragraph.getparent().remove(paragraph)
        elif parent.tag == f"{W}trPr":
            row = parent.getparent()
            row.getparent().remove(row)
        elif element.getparent() is not None and parent.tag != f"{W}rPr":
            parent.remove(element)
    texts = []
    for p in body.iter(f"{W}p"):
        # A value replaced whole (a date in a cell) keeps a space after its deleted side, so the two do not
        # read as one on paper: rejecting the change leaves that space at the end of the line.
        texts.append("".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")).rstrip(" "))
    return texts


def _plain(root: Path, rev: str | None) -> bytes:
    """document.xml of one side built without changes marked (the redline of a version against itself)."""
    result = diff_project(root, "Q/FL2.0813", rev, rev)
    data = redline_project(root, result)
    assert data is not None
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_redline_accepts_to_the_new_version_and_rejects_to_the_old(history: Path) -> None:
    result = diff_project(history, "Q/FL2.0813", "B/0", None)
    data = redline_project(history, result)
    assert data is not None
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert _paragraphs(xml, "ins") == _paragraphs(_plain(history, None), "ins")
    assert _paragraphs(xml, "del") == _paragraphs(_plain(history, "B/0"), "ins")
    marks = etree.fromstring(xml).findall(f".//{W}ins") + etree.fromstring(xml).findall(f".//{W}del")
    assert marks and {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {("王建国", "2026-12-01T00:00:00Z")}
    inserted = "".join(t.text for t in etree.fromstring(xml).iterfind(f".//{W}ins//{W}t"))
    deleted = "".join(t.text for t in etree.fromstring(xml).iterfind(f".//{W}del//{W}delText"))
    for change in result.changes:  # every listed change is visible as an insertion or a deletion
        if change.action == "added" or change.what.endswith("time limit"):
            assert "服务商" in inserted or "12" in inserted
        if change.action == "removed":
            assert change.old in deleted


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_redline_opens_in_libreoffice(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    code, _, err = run_split(["diff", "Q/FL2.0813", "--from", "B/0", "--format", "docx", "-o", str(out)], history)
    assert code == 0, err
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "redline.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=60).stdout
        # Both sides are on the page: LibreOffice shows deletions struck through beside the insertions.
        assert "服务商".encode() in text and "在 2 个工作日内反馈".encode() in text


def test_no_git_is_a_usage_error(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    code, _, err = run_split(["diff", "Q/FL2.0813", "--from", "HEAD"], history)
    assert code == 2 and "git is not installed" in err


def test_a_form_released_for_the_first_time_is_compared_with_its_locked_version(history: Path) -> None:
    path = history / "forms" / "Q-JL060301.yaml"
    # A new label in place of an old one: the redesigned form has no room for another row.
    path.write_text(path.read_text(encoding="utf-8").replace("  - label: 措施类别\n", "  - label: 措施编号\n", 1),
                    encoding="utf-8")
    code, out, err = run_split(["release", "Q/JL060301", "--change", "增加措施编号栏。", "--date", "2026-12-01",
                                "--by", "周敏", "--reviewed-by", "李明华", "--approved-by", "张志强"], history)
    assert code == 0, err + out
    code, out, err = run_split(["diff", "Q/JL060301"], history)
    assert code == 0, err
    assert out.splitlines()[1:] == [
        "  - fields.措施类别  removed: label: 措施类别; type: choice; options: 纠正措施, 预防措施; lines: 1",
        "  + fields.措施编号  added: label: 措施编号; type: choice; options: 纠正措施, 预防措施; lines: 1",
        "  + revisions    added revision C/1: 增加措施编号栏。 (周敏, 2026-12-01)",
        "2 added, 1 removed."]
