"""Periodic review, withdrawal and distribution: `check --today`, `review`, `retire`, registers and `where`."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli, run_split
from tests.lifecycle.conftest import ROOT


def test_check_today_names_every_overdue_document() -> None:
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], ROOT)
    assert (code, out) == (0, """\
procedures/Q-FL2.0707.yaml:86:11: PC412 [warning] Review of `Q/FL2.0707` was due on 2026-11-20 (11 days overdue)
procedures/Q-FL2.0803.yaml:86:11: PC412 [warning] Review of `Q/FL2.0803` was due on 2026-11-20 (11 days overdue)
procedures/Q-FL2.0815.yaml:236:11: PC412 [warning] Review of `Q/FL2.0815` was due on 2026-10-15 (47 days overdue): \
the review of 2026-05-20 found a revision needed, which is not released yet
Found 3 warnings in 3 files.
""")


def test_review_restarts_the_interval_and_changes_only_the_reviews(project: Path) -> None:
    path = project / "procedures" / "Q-FL2.0707.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run_split(["review", "Q/FL2.0707", "--by", "李明华", "--date", "2026-12-01",
                                "--note", "与现行要求一致。"], project)
    assert code == 0, err
    assert out == ("wrote procedures/Q-FL2.0707.yaml\n"
                   "reviewed Q/FL2.0707 on 2026-12-01 (no-change); next review due 2027-12-01\n")
    assert path.read_text(encoding="utf-8") == before + ("  - date: 2026-12-01\n    by: 李明华\n"
                                                         "    result: no-change\n    note: 与现行要求一致。\n")
    code, out = run_cli(["check", "--format", "concise", "--today", "2026-12-01", "."], project)
    assert "Q/FL2.0707" not in out and "Found 2 warnings" in out


def test_review_of_a_form_without_history_goes_under_the_identifying_lines(project: Path) -> None:
    path = project / "forms" / "Q-JL081301.yaml"
    code, _, err = run_split(["review", "Q/JL081301", "--by", "李明华", "--date", "2026-12-01"], project)
    assert code == 0, err
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[4:9] == ["status: released", "reviews:", "  - date: 2026-12-01", "    by: 李明华",
                          "    result: no-change"]


def test_review_refuses_drafts(project: Path) -> None:
    code, _, err = run_split(["review", "Q/FL2.0816", "--by", "李明华", "--date", "2026-12-01"], project)
    assert code == 1 and "only documents in force are reviewed" in err


def test_retire_is_refused_while_a_released_procedure_uses_the_form(project: Path) -> None:
    path = project / "forms" / "Q-JL081306.yaml"
    before = path.read_bytes()
    code, out, err = run_split(["retire", "Q/JL081306", "--reason", "并入 Q/JL081305", "--date", "2026-12-01"],
                               project)
    assert code == 1 and "nothing was changed" in err
    lines = [n for n, line in enumerate((project / "procedures" / "Q-FL2.0813.yaml").read_text("utf-8").splitlines(), 1)
             if "Q/JL081306" in line]
    step, table = lines[0], lines[-1]
    assert out.splitlines()[:2] == [
        f"procedures/Q-FL2.0813.yaml:{step}:13: PC413 Released procedure uses obsolete form `Q/JL081306` (step record)",
        f"procedures/Q-FL2.0813.yaml:{table}:11: PC413 Released procedure uses obsolete form `Q/JL081306` "
        "(records table)"]
    assert path.read_bytes() == before


def test_retire_keeps_the_file_and_its_history(project: Path) -> None:
    # The quality manual cites the procedure: a retirement is refused while it does (PC312), so it goes first.
    manual = project / "manuals" / "Q-FL1.0001.yaml"
    manual.write_text(manual.read_text(encoding="utf-8").replace("      - Q/FL2.0817\n", ""), encoding="utf-8")
    path = project / "procedures" / "Q-FL2.0817.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run_split(["retire", "Q/FL2.0817", "--reason", "并入 Q/FL2.0814。", "--replaced-by", "Q/FL2.0814",
                                "--date", "2026-12-01"], project)
    assert code == 0, err
    # What the withdrawal leaves behind is named: its forms still printed as controlled, an uncited clause.
    start = _line_of(project / "proccompile.yaml", "start: 2025-05-12")
    assert out == (
        "wrote procedures/Q-FL2.0817.yaml\nwithdrew Q/FL2.0817 on 2026-12-01; keep the file for its history\n"
        "warning: Form `Q/JL081701` is used only by obsolete `Q/FL2.0817` (forms/Q-JL081701.yaml:2, PC311)\n"
        "warning: Form `Q/JL081702` is used only by obsolete `Q/FL2.0817` (forms/Q-JL081702.yaml:2, PC311)\n"
        # The programme audited it in the month the audit plan starts; now nothing is audited then.
        "warning: The audit plan starts on 2025-05-12, but the 2025 programme schedules no audit in that month "
        f"(proccompile.yaml:{start}, PC328)\n"
        "warning: ISO 9001 clause 8.5.1 is no longer cited by any released procedure\n")
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("status: released\n", "status: obsolete\n").replace(
        "effective: 2024-12-10\n",
        "effective: 2024-12-10\nwithdrawn:\n  date: 2026-12-01\n  reason: 并入 Q/FL2.0814。\n"
        "  replaced_by: Q/FL2.0814\n")
    assert run_cli(["check", "--format", "concise", "."], project)[0] == 0
    code, _, err = run_split(["retire", "Q/FL2.0817", "--reason", "x", "--date", "2026-12-01"], project)
    assert code == 1 and "already obsolete" in err


def test_where_lists_uses_by_documents_in_force_first(project: Path) -> None:
    form = project / "forms" / "Q-JL081306.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("status: released", "status: obsolete"),
                    encoding="utf-8")
    draft = project / "procedures" / "Q-FL2.0816.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("      - form: Q/JL081604\n",
                                                               "      - form: Q/JL081306\n", 1), encoding="utf-8")
    code, out = run_cli(["where", "Q/JL081306"], project)
    lines = out.splitlines()[1:-1]
    assert [line.split(":")[0] for line in lines] == ["procedures/Q-FL2.0813.yaml"] * 2 + \
        ["procedures/Q-FL2.0816.yaml"] * (len(lines) - 2)


def test_registers_flag_overdue_rows_and_log_distribution(project: Path) -> None:
    code, out, _ = run_split(["register", "--format", "md", "-o", "-", "--today", "2026-12-01"], project)
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("| 程序文件 | Q/FL2.0707 "))
    assert row.endswith("| 2025-11-20 | 2026-11-20 | 逾期 |  |")
    assert "## 文件发放/回收记录" in out
    # Issued on 2020-01-10 (it took effect the next day): copies are handed out when a version is issued.
    assert ("| Q/FL2.0813 | 顾客服务控制程序 | 01 | 销售部 | B/0 | 2020-01-10 |  |  |  | A/2 |  |  "
            "| ☐销毁　☐标识作废后留存 |  |") in out


def _line_of(path: Path, text: str) -> int:
    """The 1-based number of the line of ``path`` that holds ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)
