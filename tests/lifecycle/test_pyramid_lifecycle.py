"""Change control of every document type: release, signatures by hand, and a diff that follows printed numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.lifecycle.semantic import Change, semantic_diff
from proccompile.model.manual import Manual
from proccompile.model.procedure import Procedure
from proccompile.pipeline import check_project
from tests.helpers import run_cli, run_split
from tests.lifecycle.conftest import copy_project

PYRAMID = Path(__file__).parent.parent / "cases" / "valid" / "pyramid"


def test_a_manual_and_an_instruction_are_released_like_procedures(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "qms", PYRAMID)
    # A new version changes something: a release of the locked content as it is would be refused (PC421).
    assert run_cli(["lock", "."], root)[0] == 0
    for code, rel, old, new in (("Q/SC01", "manuals/Q-SC01.yaml", "公司确定与其宗旨", "公司每年确定与其宗旨"),
                                ("Q/ZY0101", "instructions/Q-ZY0101.yaml", "核对退回件的标识和数量。",
                                 "核对退回件的标识、数量和批号。")):
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text
        (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
        code_, out, err = run_split(["release", code, "--change", "修订。", "--date", "2024-06-01", "--by", "张明",
                                     "--reviewed-by", "李华", "--approved-by", "王强", "."], root)
        assert (code_, err) == (0, ""), out
        assert f"released {code} A/1 (was A/0), issued 2024-06-01, effective 2024-06-01" in out.splitlines()
    checked = check_project(root)
    assert [d.message for d in checked.diagnostics] == []
    assert checked.corpus.lock is not None
    assert sorted(checked.corpus.lock.versions("Q/SC01")) == ["A/0", "A/1"]
    assert checked.corpus.document("Q/ZY0101").model.revisions[-1].change == "修订。"


def test_released_by_hand_every_role_is_dated_and_no_name_is_invented(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "qms", PYRAMID)
    config = root / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "signatures: by-hand\nlanguage: zh"),
                      encoding="utf-8")
    code, out, err = run_split(["release", "Q/QP01", "--change", "增加权限。", "--date", "2024-06-01", "."], root)
    assert (code, err) == (0, ""), out
    lines = out.splitlines()
    assert lines[lines.index(next(line for line in lines if line.startswith("released"))):][:4] == [
        "released Q/QP01 A/1 (was A/0), issued 2024-06-01, effective 2024-06-01",
        "  prepared: signed by hand on the printed copy, 2024-06-01",
        "  reviewed: signed by hand on the printed copy, 2024-06-01",
        "  approved: signed by hand on the printed copy, 2024-06-01"]
    text = (root / "procedures" / "Q-QP01.yaml").read_text(encoding="utf-8")
    assert ("approvals:\n  prepared: {date: 2024-06-01}\n  reviewed: {date: 2024-06-01}\n"
            "  approved: {date: 2024-06-01}\n") in text
    code, out, _ = run_split(["register", "--format", "csv", "-o", "-", "."], root)
    assert code == 0 and "顾客投诉处理程序,示例机电有限公司,A/1,受控,2024-06-01,手签,2024-06-01," in out


def test_the_diff_of_a_procedure_follows_its_chapter_order_and_free_chapters() -> None:
    old = check_project(PYRAMID).corpus.procedure("Q/QP01").model
    data = old.model_dump(mode="json")
    data["chapters"][0]["text"] = "投诉是改进的机会。"
    data["responsibilities"][0]["department"] = ["sales"]
    data["responsibilities"][2]["authorities"].append("批准让步放行。")
    new = Procedure.model_validate(data)
    assert semantic_diff(old, new, str) == [
        Change("changed", "1", "chapter 概述 text",
               "投诉是顾客给公司的第二次机会。\n\n本程序说明投诉从受理到关闭的全过程。\n", "投诉是改进的机会。"),
        Change("added", "6.1", "duty of sales", None, "受理投诉并答复顾客。"),
        Change("added", "6.3", "duty of quality-manager authority", None, "批准让步放行。"),
        Change("removed", "6.1", "duty of sales, intl-trade", "受理投诉并答复顾客。", None)]


def test_the_diff_of_a_manual_names_clause_chapters_by_their_clause() -> None:
    old = check_project(PYRAMID).corpus.document("Q/SC01").model
    data = old.model_dump(mode="json")
    data["clauses"][1]["text"] = "过程及其相互作用见附录 A。"
    data["policy"] = "质量第一，顾客满意。"
    new = Manual.model_validate(data)
    assert semantic_diff(old, new, str) == [
        Change("changed", "policy", "policy", "质量第一，顾客至上，持续改进。", "质量第一，顾客满意。"),
        Change("changed", "4.4", "clause 4.4 text", "公司的过程及其相互作用见过程图。", "过程及其相互作用见附录 A。")]


def test_a_manual_and_a_project_type_are_revised_approved_and_released(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """revise → (for a released document) the version in force stored under its type's folder and issued by the
    build beside a review draft → approve each role → release, for a released manual and a draft of a type the
    project defines."""
    root = copy_project(tmp_path / "qms", PYRAMID)
    assert run_cli(["lock", "."], root)[0] == 0
    for code, rel, old, new, released in (
            ("Q/SC01", "manuals/Q-SC01.yaml", "公司确定与其宗旨", "公司每年确定与其宗旨", ("A/1", "A/0")),
            ("Q/JG001", "specifications/Q-JG001.yaml", "检验项目和", "检验项目、方法和", ("A/0", "draft"))):
        code_, out, err = run_split(["revise", code, "--change", "修订。", "--by", "张明", "--date", "2024-06-01"],
                                    root)
        assert code_ == 0, err
        stored = f"wrote in-force/{rel}" in out.splitlines()
        assert stored == (released[1] != "draft")  # a draft has no version in force to keep
        text = (root / rel).read_text(encoding="utf-8")
        (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
        folder = rel.split("/")[0]
        out_dir = tmp_path / f"out-{folder}"
        code_, out, err = run_split(["build", "-o", str(out_dir), "."], root)
        assert code_ == 0, err + out
        if stored:
            assert [p.name.split("_")[1] for p in (out_dir / folder).glob(code.replace("/", "-") + "_*")] == ["A-0"]
            assert [p.name.split("_")[1] for p in (out_dir / "review" / folder).glob("*.docx")] == ["A-1"]
        for role, name, day in (("prepared", "张明", "2024-06-02"), ("reviewed", "李华", "2024-06-03"),
                                ("approved", "王强", "2024-06-04")):
            monkeypatch.setenv("GIT_COMMITTER_NAME", name)
            code_, _, err = run_split(["approve", code, "--role", role, "--by", name, "--date", day], root)
            assert code_ == 0, err
        code_, out, err = run_split(["release", code, "--date", "2024-06-05"], root)
        assert code_ == 0, err + out
        assert (f"released {code} {released[0]} (was {released[1]}), issued 2024-06-05, effective 2024-06-05"
                in out.splitlines())
        assert (f"deleted in-force/{rel}" in out.splitlines()) == stored
    checked = check_project(root)
    assert [d.message for d in checked.diagnostics] == []
    assert sorted(checked.corpus.lock.versions("Q/SC01")) == ["A/0", "A/1"]  # type: ignore[union-attr]
    assert checked.corpus.document("Q/JG001").model.status == "released"  # type: ignore[union-attr]
    assert checked.corpus.document("Q/SC01").model.revisions[-1].signatures == "recorded"  # type: ignore[union-attr]
