"""`release` over every shipped procedure and form: exactly the intended lines change, and check stays clean."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from pathlib import Path

import pytest

from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.release import ReleaseRequest, plan_release
from proccompile.load.house_edit import edited_bytes
from proccompile.load.source import to_plain
from proccompile.pipeline import check_project
from proccompile.pipeline.lifecycle import release_project
from tests.helpers import run_split
from tests.lifecycle.conftest import ROOT, copy_project

DAY = dt.date(2026, 12, 1)
REQUEST = ReleaseRequest(change="按评审意见修订。", date=DAY, by="王建国", reviewed_by="李明华", approved_by="张志强")
SHIPPED = check_project(ROOT)
DOCS = sorted(SHIPPED.corpus.documents(), key=lambda d: d.source.rel)
# Keys whose lines a release may rewrite; every other line of the file must stay as it was.
EDITED_KEYS = ("version:", "status:", "issued:", "effective:", "name:", "date:")


def expected_after(data: dict, version: str, was_draft: bool) -> dict:
    """The plain data a release must produce, computed without the code under test."""
    after = copy.deepcopy(data)
    after.update(version=version, status="released", issued=DAY, effective=DAY)
    approvals = after.setdefault("approvals", {})
    for role, name in (("prepared", "王建国"), ("reviewed", "李明华"), ("approved", "张志强")):
        approvals[role] = {**approvals.get(role, {}), "name": name, "date": DAY}  # a signer's role stays
    entry = {"version": version, "date": DAY, "change": REQUEST.change, "author": "王建国",
             "signatures": "transcribed"}
    revisions = after.setdefault("revisions", [])
    if was_draft and revisions and revisions[-1]["version"] == version:
        revisions[-1] = entry
    else:
        revisions.append(entry)
    return after


@pytest.mark.parametrize("doc", [d for d in DOCS if d.model.status != "obsolete"], ids=lambda d: d.source.rel)
def test_release_changes_only_the_intended_lines(doc) -> None:
    release = plan_release(doc, SHIPPED.corpus.config, REQUEST)
    before = doc.source.text.splitlines()
    after = edited_bytes(doc.source, release.tree).decode("utf-8").splitlines()

    assert to_plain(release.tree) == expected_after(doc.source.data, release.version, release.was_draft)
    removed = [line for line in difflib.ndiff(before, after) if line.startswith("- ")]
    # A draft's own revision entry becomes the release entry, so its change and author may be rewritten too.
    keys = EDITED_KEYS + (("change:", "author:", "signatures:") if release.was_draft else ())
    assert all(line[2:].strip().startswith(keys) for line in removed), removed
    assert [c for c in before if c.lstrip().startswith("#")] == [c for c in after if c.lstrip().startswith("#")]
    new_lines = len(after) - len(before)
    # One revision entry (5 lines), and a name line for each role signed by hand so far; first releases may add
    # dates, signatures and a history too.
    unnamed = sum(1 for a in doc.model.approvals.values() if a.name is None)
    assert new_lines == 5 + unnamed if doc.model.status == "released" and doc.model.revisions \
        else 4 <= new_lines <= 21


def test_releasing_every_document_leaves_the_project_clean(tmp_path: Path) -> None:
    from proccompile.lifecycle.lockfile import adopt, render_lock
    from proccompile.model.fingerprint import fingerprint
    from proccompile.model.lock import LOCK_NAME

    entries: dict[str, dict[str, str]] = {}
    adopt(SHIPPED.corpus, entries)
    overlay = {}
    for doc in DOCS:
        if doc.model.status == "obsolete":
            continue
        release = plan_release(doc, SHIPPED.corpus.config, REQUEST)
        overlay[doc.source.path] = edited_bytes(doc.source, release.tree)
        entries.setdefault(doc.model.code, {})[release.version] = fingerprint(to_plain(release.tree))
    overlay[ROOT / LOCK_NAME] = render_lock(entries, SHIPPED.corpus.config.versions)
    after = check_project(ROOT, overlay=overlay)
    assert [f"{d.span.path}:{d.span.line} {d.code.id} {d.message}" for d in after.diagnostics] == []


@pytest.mark.parametrize(("style", "version", "major", "expected"), [
    ("letter", "A/0", False, "A/1"), ("letter", "A/3", True, "B/0"), ("letter", "A/4", False, "B/0"),
    ("letter", "Z/4", False, None), ("letter", "Z/1", True, None), ("numeric", "1.0", False, "1.1"),
    ("numeric", "1.4", False, "2.0"), ("numeric", "1.2", True, "2.0"),
])
def test_next_version(style: str, version: str, major: bool, expected: str | None) -> None:
    from proccompile.model.config import VersionScheme
    from proccompile.model.versions import format_version, next_version, parse_version

    scheme = VersionScheme(style=style, max_amendment=4)
    number = parse_version(version, scheme)
    assert number is not None
    following = next_version(number, scheme, major=major)
    assert (format_version(following, scheme) if following else None) == expected


@pytest.mark.parametrize(("version", "major", "expected"), [("B/0", False, "B/1"), ("B/0", True, "C/0")])
def test_next_version_follows_the_scheme(project: Path, version: str, major: bool, expected: str) -> None:
    path = project / "procedures" / "Q-FL2.0702.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version: B/0\nstatus", f"version: {version}\nstatus")
                    .replace("  - version: B/0\n", f"  - version: {version}\n"), encoding="utf-8")
    result = release_project(project, "Q/FL2.0702", ReleaseRequest(**{**REQUEST.__dict__, "major": major}))
    assert result.release is not None and result.release.version == expected
    assert f"version: {expected}\n" in path.read_text(encoding="utf-8")


def test_numeric_scheme(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "base", ROOT / "tests" / "cases" / "base")
    for path in project.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("style: letter", "style: numeric")
        path.write_text(text.replace("A/0", '"1.0"').replace("A/1", '"1.1"'), encoding="utf-8")
    result = release_project(project, "QP-01", REQUEST)
    assert result.after is not None and not result.after.diagnostics.has_errors, list(result.after.diagnostics)
    assert result.release is not None and result.release.version == "1.2"
    assert 'version: "1.2"\n' in (project / "procedures" / "QP-01.yaml").read_text(encoding="utf-8")


def test_cli_release_refuses_a_broken_project_and_writes_nothing(project: Path) -> None:
    path = project / "procedures" / "Q-FL2.0813.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("owner: sales", "owner: nobody", 1), encoding="utf-8")
    before = path.read_bytes()
    code, out, err = run_split(["release", "Q/FL2.0813", "--change", "x", "--date", "2026-12-01"], project)
    assert code == 1 and "PC304" in out and "nothing was changed" in err
    assert path.read_bytes() == before and not (project / "proccompile.lock").exists()


def test_cli_release_prints_what_it_did_and_the_copies_to_recall(project: Path) -> None:
    args = ["release", "Q/FL2.0813", "--change", "修订", "--date", "2026-12-01", "--by", "王建国",
            "--reviewed-by", "李明华", "--approved-by", "张志强"]
    code, out, err = run_split(args, project)
    assert code == 0, err
    assert "wrote procedures/Q-FL2.0813.yaml\nwrote proccompile.lock\n" in out
    assert "released Q/FL2.0813 B/1 (was B/0), issued 2026-12-01, effective 2026-12-01" in out
    assert "recall: Q/FL2.0813 B/0 copy 01 from 销售部" in out
    assert run_split(["check", "--format", "concise", "--today", "2026-12-01", "."], project)[0] == 0


def test_cli_release_writes_the_recall_log_to_sign(project: Path) -> None:
    args = ["release", "Q/FL2.0813", "--change", "修订", "--date", "2026-12-01", "--by", "王建国",
            "--reviewed-by", "李明华", "--approved-by", "张志强", "--recall-log", "recall.md"]
    code, out, err = run_split(args, project)
    assert code == 0, err
    assert "wrote procedures/Q-FL2.0813.yaml\nwrote proccompile.lock\nwrote recall.md\n" in out
    log = (project / "recall.md").read_text(encoding="utf-8")
    assert "### Q/FL2.0813 顾客服务控制程序 B/1\n" in log
    assert ("| 代号 | 名称 | 受控号 | 部门 | 发放版本 | 发放日期 | 签收人 | 签收日期 | 已阅读并理解（签字） "
            "| 回收版本 | 交回人 | 交回日期 | 旧版处置 | 文控确认 |") in log
    # The issue date, not the effective date; blanks to sign for receipt, reading, return and disposition.
    assert ("| Q/FL2.0813 | 顾客服务控制程序 | 03 | 国贸部 | B/1 | 2026-12-01 |  |  |  | B/0 |  |  "
            "| ☐销毁　☐标识作废后留存 |  |") in log


def test_cli_release_needs_a_date_unless_source_date_epoch(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    code, _, err = run_split(["release", "Q/FL2.0813", "--change", "x"], project)
    assert code == 2 and "No date to record" in err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    code, out, err = run_split(["release", "Q/FL2.0813", "--change", "x", "--reviewed-by", "李明华",
                                "--approved-by", "张志强", "--by", "王建国"], project)
    assert code == 0, err + out
    assert "issued 2026-12-01" in out


def test_obsolete_and_unknown_documents_are_refused() -> None:
    with pytest.raises(UsageError, match="obsolete"):
        plan_release(SHIPPED.corpus.procedure("Q/FL2.0812"), SHIPPED.corpus.config, REQUEST)
    code, _, err = run_split(["release", "Q/FL2.0831", "--change", "x", "--date", "2026-12-01"], ROOT)
    assert code == 1 and "Did you mean" in err


def test_a_comment_after_the_history_stays_after_the_new_entry(project: Path) -> None:
    path = project / "procedures" / "Q-FL2.0702.yaml"
    text = path.read_text(encoding="utf-8").replace("reviews:\n", "\n# 定期评审记录\nreviews:\n", 1)
    path.write_text(text, encoding="utf-8")
    result = release_project(project, "Q/FL2.0702", REQUEST)
    assert result.written
    after = path.read_text(encoding="utf-8")
    assert ("    author: 王建国\n    signatures: transcribed\n\n# 定期评审记录\nreviews:\n") in after
    assert after.index("  - version: B/1\n") < after.index("# 定期评审记录")


def test_a_new_version_is_signed_anew(tmp_path: Path) -> None:
    # Names are typed in this project (the shipped one signs by hand, so a release there asks for no names).
    project = copy_project(tmp_path / "qms", ROOT / "tests" / "cases" / "base")
    code, _, err = run_split(["release", "QP-01", "--change", "x", "--date", "2026-12-01", "--by", "王建国"],
                             project)
    assert code == 2
    assert err == ("proccompile: A new version needs every signature; nobody signs as reviewed, approved\n"
                   "help: Record them with `proccompile revise` and `proccompile approve`, or transcribe a paper "
                   "record: --reviewed-by NAME --approved-by NAME\n")
