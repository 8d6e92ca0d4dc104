"""An open revision from revise to release: the version in force stays the controlled copy, signers record their
own approvals of the content they saw, and release issues only an approved, real change."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from tests.helpers import edit_file, run_cli, run_split

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CODE = "Q/FL2.0813"
FILE = "procedures/Q-FL2.0813.yaml"
SIGNERS = (("prepared", "王建国", "2026-11-21"), ("reviewed", "李明华", "2026-11-24"),
           ("approved", "张志强", "2026-11-28"))


@pytest.fixture
def locked(project: Path) -> Path:
    assert run_cli(["lock", "."], project)[0] == 0
    return project


def _revise(root: Path) -> None:
    code, out, err = run_split(["revise", CODE, "--change", "缩短重大质量问题的围堵时限。", "--request", "CR-2026-014",
                                "--by", "王建国", "--date", "2026-11-20"], root)
    assert code == 0, err
    assert out.splitlines()[:3] == [f"wrote {FILE}", f"wrote in-force/{FILE}",
                                    "opened revision B/1 of Q/FL2.0813 on 2026-11-20; B/0 stays the controlled copy"]


def _approve(root: Path, role: str, name: str, date: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setenv("GIT_COMMITTER_NAME", name)
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", f"{role}@example.com")
    return run_split(["approve", CODE, "--role", role, "--by", name, "--date", date], root)


def _line(root: Path, text: str, after: str = "") -> int:
    """The 1-based number of the first line of the procedure holding ``text`` (after the line holding ``after``)."""
    lines = (root / FILE).read_text("utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if text in line)


def _snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and not p.name.startswith(".proccompile-build")}


def _document_xml(path: Path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


def _marks(path: Path) -> str:
    package = zipfile.ZipFile(path)
    return "".join(package.read(n).decode("utf-8") for n in package.namelist() if "header" in n or "footer" in n)


def test_walk_through_from_revise_to_release(locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = locked
    _revise(root)
    edit_file(root / FILE, "time_limit: 24h", "time_limit: 8h")
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-11-20", "."], root)
    assert code == 0 and f"{FILE}:" in out and "PC416 [info] Revision `B/1` of `Q/FL2.0813` is open" in out
    assert "PC407" not in out  # the working file may differ from the locked B/0 while the revision is open

    # The build between revise and release: B/0 is the controlled copy, B/1 a review draft marked uncontrolled.
    code, out, err = run_split(["build", "-o", str(tmp_path / "out"), "."], root)
    assert code == 0, err + out
    controlled = tmp_path / "out" / "procedures" / "Q-FL2.0813_B-0_顾客服务控制程序.docx"
    draft = tmp_path / "out" / "review" / "procedures" / "Q-FL2.0813_B-1_顾客服务控制程序.docx"
    assert not (tmp_path / "out" / "procedures" / "Q-FL2.0813_B-1_顾客服务控制程序.docx").exists()
    # 5.4.3's time limit, in its row and in its box of the 5.4 flowchart; "24 小时" also appears in B/0's revision
    # entry, which both print.
    assert _document_xml(controlled).count("24 小时") == _document_xml(draft).count("24 小时") + 2
    assert "8 小时" in _document_xml(draft) and "8 小时" not in _document_xml(controlled)
    assert "受控" in _marks(controlled)
    assert "审阅稿 — 非受控" in _marks(draft) and "受控文件" not in _marks(draft)

    # The redline the signers review: uncontrolled, before anybody signs, no signatures of B/0 shown as theirs.
    code, _, err = run_split(["diff", CODE, "--format", "docx", "-o", str(tmp_path / "redline.docx")], root)
    assert code == 0, err
    redline = _marks(tmp_path / "redline.docx")
    assert "审阅稿 — 非受控" in redline and "受控文件" not in redline
    code, out, _ = run_split(["diff", CODE], root)
    assert out.splitlines()[1] == "  ~ 5.4.3      changed step time limit: 24h → 8h"

    for role, name, date in SIGNERS:
        code, out, err = _approve(root, role, name, date, monkeypatch)
        assert code == 0, err
        assert f"recorded: {name} approved revision B/1 of Q/FL2.0813 as {role} on {date}" in out
    assert out.endswith("every role has approved; release it with `proccompile release Q/FL2.0813`\n")

    code, out, err = run_split(["release", CODE, "--date", "2026-12-01"], root)
    assert code == 0, err + out
    assert out.splitlines() == [
        f"wrote {FILE}", "wrote proccompile.lock", f"deleted in-force/{FILE}",
        "released Q/FL2.0813 B/1 (was B/0), issued 2026-12-01, effective 2026-12-01",
        "signed: 编制 王建国 2026-11-21, 审核 李明华 2026-11-24, 批准 张志强 2026-11-28 "
        "(each recorded by the signer with proccompile approve)",
        *(f"recall: Q/FL2.0813 B/0 copy {n} from {d}" for n, d in (
            ("01", "销售部"), ("02", "售后服务部"), ("03", "国贸部"), ("04", "质控部"), ("05", "技术中心"),
            ("06", "计量科")))]
    data = yaml.safe_load((root / FILE).read_text(encoding="utf-8"))
    assert data["version"] == "B/1" and "open_revision" not in data
    assert {role: (a["name"], a["date"].isoformat(), a["recorded_by"]) for role, a in data["approvals"].items()} == {
        role: (name, date, f"{name} <{role}@example.com>") for role, name, date in SIGNERS}
    assert data["revisions"][-1] == {"version": "B/1", "date": data["issued"], "change": "缩短重大质量问题的围堵时限。",
                                     "author": "王建国", "request": "CR-2026-014", "signatures": "recorded"}
    assert not (root / "in-force").exists() or not any((root / "in-force").rglob("*.yaml"))
    assert run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], root)[0] == 0


def test_release_refuses_an_unsigned_role(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _revise(locked)
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    for role, name, date in SIGNERS[:2]:
        assert _approve(locked, role, name, date, monkeypatch)[0] == 0
    before = _snapshot(locked)
    code, out, err = run_split(["release", CODE, "--date", "2026-12-01"], locked)
    assert code == 1 and "the release was refused" in err
    line = _line(locked, "open_revision:")
    assert out == f"{FILE}:{line}:1: PC420 Revision `B/1` is not approved by `approved`\nFound 1 error in 1 file.\n"
    assert _snapshot(locked) == before


def test_release_refuses_a_signature_given_before_a_later_edit(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _revise(locked)
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    for role, name, date in SIGNERS:
        assert _approve(locked, role, name, date, monkeypatch)[0] == 0
    edit_file(locked / FILE, "time_limit: 8h", "time_limit: 12h")
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], locked)
    assert out.count("PC417 [warning]") == 3 and "The `approved` approval by 张志强 (2026-11-28) was given for " \
                                                   "other content" in out
    before = _snapshot(locked)
    code, out, err = run_split(["release", CODE, "--date", "2026-12-01"], locked)
    assert code == 1 and out.count(" PC417 ") == 3 and "the release was refused" in err
    line = _line(locked, "content:", "role: prepared")  # the fingerprint the signature was given for
    assert out.startswith(f"{FILE}:{line}:16: PC417 The `prepared` approval by 王建国 (2026-11-21) was given for other "
                          "content; the document changed after it\n")
    assert _snapshot(locked) == before


def test_the_author_never_approves(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _revise(locked)
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    for role, name, date in SIGNERS[:2]:
        assert _approve(locked, role, name, date, monkeypatch)[0] == 0
    code, _, err = _approve(locked, "approved", "王建国", "2026-11-28", monkeypatch)
    assert code == 1 and "王建国 would sign both as `prepared` and as `approved`" in err
    # Recorded some other way (a merge, a hand edit): release refuses it, located at the signature.
    assert _approve(locked, "approved", "张志强", "2026-11-28", monkeypatch)[0] == 0
    edit_file(locked / FILE, "      by: 张志强\n", "      by: 王建国\n")
    before = _snapshot(locked)
    code, out, err = run_split(["release", CODE, "--date", "2026-12-01"], locked)
    assert code == 1
    line = _line(locked, "by: 王建国", "role: approved")
    assert f"{FILE}:{line}:11: PC418 王建国 signs both as `prepared` and as `approved`\n" in out
    assert _snapshot(locked) == before


def test_transcribed_signatures_keep_the_roles_apart_too(locked: Path) -> None:
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    before = _snapshot(locked)
    code, out, err = run_split(["release", CODE, "--change", "x", "--date", "2026-12-01", "--by", "王建国",
                                "--reviewed-by", "王建国", "--approved-by", "王建国"], locked)
    assert code == 1
    at = _line(locked, "approvals:")
    assert out.splitlines()[:3] == [
        f"{FILE}:{at}:1: PC418 王建国 would sign both as `prepared` and as `approved`",
        f"{FILE}:{at}:1: PC418 王建国 would sign both as `prepared` and as `reviewed`",
        f"{FILE}:{at}:1: PC418 王建国 would sign both as `reviewed` and as `approved`"]
    assert _snapshot(locked) == before


def test_release_refuses_a_version_that_changes_nothing(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(locked)
    code, out, _ = run_split(["release", CODE, "--change", "x", "--date", "2026-12-01", "--by", "王建国",
                              "--reviewed-by", "李明华", "--approved-by", "张志强"], locked)
    assert (code, out) == (1, f"{FILE}:4:10: PC421 `Q/FL2.0813` has no content change from the `B/0` in force\n"
                              "Found 1 error in 1 file.\n")
    assert _snapshot(locked) == before
    _revise(locked)
    for role, name, date in SIGNERS:
        assert _approve(locked, role, name, date, monkeypatch)[0] == 0
    before = _snapshot(locked)
    code, out, _ = run_split(["release", CODE, "--date", "2026-12-01"], locked)
    line = _line(locked, "open_revision:")
    assert (code, out) == (1, f"{FILE}:{line}:1: PC421 `Q/FL2.0813` has no content change from the `B/0` in force\n"
                              "Found 1 error in 1 file.\n")
    assert _snapshot(locked) == before


def test_signers_sign_in_order_on_the_day_they_sign(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _revise(locked)
    code, _, err = _approve(locked, "reviewed", "李明华", "2026-11-24", monkeypatch)
    assert code == 1 and "`prepared` has not approved the content as it is now" in err
    code, _, err = _approve(locked, "prepared", "王建国", "2026-12-02", monkeypatch)  # today is 2026-12-01
    assert code == 1 and "after today" in err
    code, _, err = _approve(locked, "prepared", "王建国", "2026-11-19", monkeypatch)
    assert code == 1 and "before the revision was opened" in err


def test_a_rejection_is_recorded_and_blocks_the_release(locked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _revise(locked)
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    assert _approve(locked, "prepared", "王建国", "2026-11-21", monkeypatch)[0] == 0
    code, out, err = run_split(["reject", CODE, "--role", "reviewed", "--by", "李明华", "--date", "2026-11-24",
                                "--comment", "8 小时内无法完成围堵，请改为 12 小时。"], locked)
    assert code == 0, err
    assert "recorded: 李明华 rejected revision B/1 of Q/FL2.0813 as reviewed on 2026-11-24" in out
    decision = yaml.safe_load((locked / FILE).read_text(encoding="utf-8"))["open_revision"]["decisions"][-1]
    assert decision["decision"] == "rejected" and decision["comment"] == "8 小时内无法完成围堵，请改为 12 小时。"
    code, out, _ = run_split(["release", CODE, "--date", "2026-12-01"], locked)
    assert code == 1 and "PC420 `reviewed` rejected revision `B/1` (李明华, 2026-11-24): 8 小时内无法完成围堵" in out


def test_a_revision_opened_after_edits_takes_the_released_content_from_git(locked: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=locked, check=True)
    subprocess.run([*git, "add", "-A"], cwd=locked, check=True)
    subprocess.run([*git, "commit", "-qm", "B/0"], cwd=locked, check=True)
    released = (locked / FILE).read_bytes()
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    code, out, err = run_split(["revise", CODE, "--change", "x", "--date", "2026-11-20"], locked)
    assert code == 0, err
    assert "the released content was taken from git commit" in out
    assert (locked / "in-force" / FILE).read_bytes() == released


def test_cancel_refuses_to_throw_edits_away(locked: Path) -> None:
    _revise(locked)
    released = (locked / "in-force" / FILE).read_bytes()
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    code, _, err = run_split(["revise", CODE, "--cancel"], locked)
    assert code == 1 and f"cp in-force/{FILE} {FILE}" in err
    text = (locked / FILE).read_text(encoding="utf-8").replace("time_limit: 8h", "time_limit: 24h")
    (locked / FILE).write_text(text, encoding="utf-8")
    code, out, err = run_split(["revise", CODE, "--cancel"], locked)
    assert code == 0, err
    assert (locked / FILE).read_bytes() == released and not (locked / "in-force" / FILE).exists()
    assert run_cli(["check", "--format", "concise", "--today", "2026-06-01", "."], locked)[0] == 0


def test_a_stored_copy_that_differs_from_the_lock_is_reported(locked: Path) -> None:
    _revise(locked)
    edit_file(locked / "in-force" / FILE, "time_limit: 24h", "time_limit: 48h")
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-06-01", "."], locked)
    assert code == 1
    assert (f"in-force/{FILE}:4:10: PC419 `in-force/{FILE}` differs from the released `Q/FL2.0813` `B/0` "
            "recorded in the lock file\n") in out


def test_the_review_draft_of_a_form(locked: Path, tmp_path: Path) -> None:
    form = "forms/Q-JL081301.yaml"
    code, _, err = run_split(["revise", "Q/JL081301", "--change", "增加微信号栏。", "--date", "2026-11-20"], locked)
    assert code == 0, err
    edit_file(locked / form, "fields:\n", "fields:\n  - label: 微信号\n")
    code, out, err = run_split(["build", "-o", str(tmp_path / "out"), "."], locked)
    assert code == 0, err + out
    drafts = list((tmp_path / "out" / "review" / "forms").glob("Q-JL081301_*.docx"))
    controlled = list((tmp_path / "out" / "forms").glob("Q-JL081301_*.docx"))
    assert len(drafts) == 1 and len(controlled) == 1 and drafts[0].name != controlled[0].name
    assert "微信号" in _document_xml(drafts[0]) and "微信号" not in _document_xml(controlled[0])
    assert "审阅稿 — 非受控" in _marks(drafts[0])


def test_release_gate_refuses_placeholders(project: Path) -> None:
    code, _, err = run_split(["new", "procedure", "Q/FL2.0999", "."], project)
    assert code == 0, err
    before = _snapshot(project)
    code, out, _ = run_split(["release", "Q/FL2.0999", "--change", "首次发布。", "--date", "2026-12-01",
                              "--by", "王建国", "--reviewed-by", "李明华", "--approved-by", "张志强"], project)
    assert code == 1
    assert "PC422 `title` still holds the placeholder `（程序名称）`\n" in out
    assert _snapshot(project) == before


def test_redline_is_uncontrolled_without_a_revision_too(locked: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=locked, check=True)
    subprocess.run([*git, "add", "-A"], cwd=locked, check=True)
    subprocess.run([*git, "commit", "-qm", "B/0"], cwd=locked, check=True)
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    code, _, err = run_split(["diff", CODE, "--format", "docx", "-o", str(tmp_path / "r.docx")], locked)
    assert code == 0, err
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO((tmp_path / "r.docx").read_bytes())).read("word/header1.xml"))
    texts = "".join(t.text or "" for t in root.iter(f"{W}t"))
    assert "审阅稿 — 非受控" in texts and "受控" not in texts.replace("非受控", "")


def test_the_site_publishes_the_version_in_force(locked: Path, tmp_path: Path) -> None:
    _revise(locked)
    edit_file(locked / FILE, "time_limit: 24h", "time_limit: 8h")
    code, out, err = run_split(["site", "-o", str(tmp_path / "site"), "."], locked)
    assert code == 0, err + out
    site = tmp_path / "site"
    page = next(p for p in site.rglob("*.html") if "Q-FL2.0813" in p.name).read_text(encoding="utf-8")
    assert "24 小时" in page and "8 小时" not in page
    assert not list(site.rglob("*B-1*")) and not (site / "files" / "review").exists()
