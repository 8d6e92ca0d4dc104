"""Withdrawal and periodic review keep their state: retire works on any form, writes the recall log and names
what it leaves behind; a review that finds a revision needed opens it and stays due until it is released."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from proccompile.lifecycle.control import plan_retire
from proccompile.load.house_edit import edited_bytes
from proccompile.pipeline import check_project
from tests.helpers import run_cli, run_split
from tests.lifecycle.conftest import ROOT, copy_project

DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def locked_shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("locked") / "qms")
    assert run_cli(["lock", "."], root)[0] == 0
    return root


@pytest.mark.parametrize("status_line", [True, False], ids=["as-shipped", "without-status-lines"])
def test_retiring_any_shipped_form_changes_no_locked_content(tmp_path: Path, status_line: bool) -> None:
    root = copy_project(tmp_path / "qms")
    if not status_line:  # a form's status defaults to released, so many projects never write the line
        for path in (root / "forms").glob("*.yaml"):
            path.write_text(path.read_text(encoding="utf-8").replace("status: released\n", ""), encoding="utf-8")
    assert run_cli(["lock", "."], root)[0] == 0
    checked = check_project(root)
    forms = [doc for doc in checked.corpus.forms if doc.model.status == "released"]
    assert len(forms) == 40 and all(("status" in doc.source.data) == status_line for doc in forms)
    for doc in forms:
        tree = plan_retire(doc, "并入新表。", DAY)
        after = check_project(root, overlay={doc.source.path: edited_bytes(doc.source, tree)})
        mine = [d for d in after.diagnostics if d.span.path == doc.source.rel and d.code.id in ("PC407", "PC414")]
        assert mine == [], (doc.model.code, [d.message for d in mine])


def _base_with_unused_form(tmp_path: Path, status_line: bool) -> Path:
    project = copy_project(tmp_path / "qms", ROOT / "tests" / "cases" / "base")
    form = (project / "forms" / "QR-01-02.yaml").read_text(encoding="utf-8")
    form = form.replace("code: QR-01-02", "code: QR-01-03").replace("title: 投诉处理记录", "title: 旧版投诉处理记录")
    if status_line:
        form = form.replace("version: A/0\n", "version: A/0\nstatus: released\n")
    (project / "forms" / "QR-01-03.yaml").write_text(form, encoding="utf-8")
    (project / "forms" / "QR-01-03.yaml").write_text(
        form + 'distribution:\n  - department: quality\n    number: "01"\n', encoding="utf-8")
    assert run_cli(["lock", "."], project)[0] == 0
    return project


@pytest.mark.parametrize("status_line", [False, True], ids=["without-status-line", "with-status-line"])
def test_retire_a_form_with_or_without_a_status_line(tmp_path: Path, status_line: bool) -> None:
    project = _base_with_unused_form(tmp_path, status_line)
    code, out, err = run_split(["retire", "QR-01-03", "--reason", "并入投诉登记表。", "--replaced-by", "QR-01-01",
                                "--date", "2026-12-01", "--recall-log", "recall.md"], project)
    assert code == 0, err + out
    assert out.splitlines() == ["wrote forms/QR-01-03.yaml", "wrote recall.md",
                                "withdrew QR-01-03 on 2026-12-01; keep the file for its history",
                                "recall: QR-01-03 A/0 copy 01 from 质量部"]
    text = (project / "forms" / "QR-01-03.yaml").read_text(encoding="utf-8")
    assert "status: obsolete\n" in text and "  replaced_by: QR-01-01\n" in text
    assert run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], project) == (
        0, "All checks passed (6 files).\n")
    log = (project / "recall.md").read_text(encoding="utf-8")
    # Nothing new is issued; the withdrawn copy comes back, to be destroyed or kept marked obsolete.
    assert "### QR-01-03 旧版投诉处理记录 A/0 作废\n" in log
    assert "| QR-01-03 | 旧版投诉处理记录 | 01 | 质量部 |  |  |  |  |  | A/0 |  |  | ☐销毁　☐标识作废后留存 |  |" in log


def test_retire_warns_about_a_replacement_that_is_not_there(tmp_path: Path) -> None:
    project = _base_with_unused_form(tmp_path, False)
    code, out, err = run_split(["retire", "QR-01-03", "--reason", "并入新表。", "--replaced-by", "QR-01-09",
                                "--date", "2026-12-01"], project)
    assert code == 0, err
    assert out.splitlines()[-1] == ("warning: Replacement `QR-01-09` of `QR-01-03` is not in the project "
                                    "(forms/QR-01-03.yaml:8, PC426)")


def test_a_review_that_finds_a_revision_needed_opens_it_and_stays_due(locked_shipped: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "qms", locked_shipped)
    code, out, err = run_split(["review", "Q/FL2.0707", "--by", "李明华", "--date", "2026-12-01", "--result", "revise",
                                "--note", "记录保存期限与新法规不一致。"], project)
    assert code == 0, err
    assert out.splitlines() == [
        "wrote procedures/Q-FL2.0707.yaml", "wrote in-force/procedures/Q-FL2.0707.yaml",
        "reviewed Q/FL2.0707 on 2026-12-01 (revise); next review due 2026-11-20",
        "opened revision B/1 of Q/FL2.0707; the review stays due until it is released"]
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-05", "."], project)
    assert ("PC412 [warning] Review of `Q/FL2.0707` was due on 2026-11-20 (15 days overdue): the review of "
            "2026-12-01 found a revision needed, which is not released yet") in out
    assert "PC416 [info] Revision `B/1` of `Q/FL2.0707` is open" in out
    # Releasing the revision ends it: the next review is due a year after the new version takes effect.
    path = project / "procedures" / "Q-FL2.0707.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("time_limit: 10wd", "time_limit: 5wd", 1), encoding="utf-8")
    for role, name in (("prepared", "王建国"), ("reviewed", "李明华"), ("approved", "张志强")):
        assert run_split(["approve", "Q/FL2.0707", "--role", role, "--by", name, "--date", "2026-12-01"],
                         project)[0] == 0
    code, out, err = run_split(["release", "Q/FL2.0707", "--date", "2026-12-01"], project)
    assert code == 0, err + out
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-05", "."], project)
    assert "Q/FL2.0707" not in out
