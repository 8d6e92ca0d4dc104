"""The audit plan: independence by department and by person, balance, and a plan a real team can run."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from proccompile.audit.books import Request, checklist_book
from proccompile.audit.items import Item, derive_items
from proccompile.audit.plan import number_ranges, plan
from proccompile.audit.schedule import schedule, working_day
from proccompile.audit.selection import select_procedures
from proccompile.diagnostics import Diagnostics
from proccompile.model.audit_config import minutes
from proccompile.model.config import Auditor, PlanSettings
from proccompile.model.names import audit_names
from proccompile.pipeline import CheckResult
from tests.audit.conftest import ROOT, add_config
from tests.helpers import run_cli, run_split

TEAM = [Auditor(name="张三", department="quality"), Auditor(name="李四", department="after-sales"),
        Auditor(name="王五", department="sales"), Auditor(name="赵六", department="tech-center")]
# Three auditors from three departments, as a small team has them.
THREE = [Auditor(name="周敏", department="quality"), Auditor(name="陈刚", department="sales"),
         Auditor(name="刘洋", department="after-sales")]


def test_nobody_audits_their_own_department_and_loads_are_balanced(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    result = plan(corpus, derive_items(corpus, select_procedures(corpus)), TEAM)
    own = {a.name: a.department for a in TEAM}
    # Independent of every department the item judges, not only the auditee.
    assert all(own[item.auditor] not in item.departments for item in result.items if item.auditor)
    loads = Counter(item.auditor for item in result.items if item.auditor)
    share = -(-len(result.items) // len(TEAM))
    assert max(loads.values()) <= share and min(loads.values()) >= share - 2  # nobody over the fair share
    # Whole departments where possible: far fewer (department, auditor) pairs than departments × auditors.
    pairs = {(item.department, item.auditor) for item in result.items}
    assert len(pairs) < 2 * len({item.department for item in result.items})


def test_a_small_team_plans_the_shipped_project_and_nobody_audits_what_they_signed(shipped: CheckResult) -> None:
    """刘洋 prepared Q/FL2.0702, so he may not audit it; a document-control item per point of use means three
    auditors of three departments can plan every released procedure."""
    corpus = shipped.corpus
    items = derive_items(corpus, select_procedures(corpus))
    result = plan(corpus, items, THREE)
    assert not result.unassigned
    own = {a.name: a.department for a in THREE}
    for item in result.items:
        assert own[item.auditor] not in item.departments, item.number
        doc = corpus.procedure(item.procedure) if item.procedure else None
        assert doc is None or item.auditor not in audit_names(doc.model).signers, (item.number, item.auditor)
    assert any(i.procedure == "Q/FL2.0702" for i in result.items)
    assert all(i.auditor != "刘洋" for i in result.items if i.procedure == "Q/FL2.0702")


def test_external_parties_are_audited_in_the_owner_department_and_never_get_a_slot(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    items = derive_items(corpus, select_procedures(corpus, ["Q/FL2.0815"]))
    assert not any(i.department == "dealer" for i in items)
    dealer_steps = [i for i in items if i.facts.get("performer") == "dealer"]
    assert dealer_steps and all(i.department == "sales-branch" for i in dealer_steps)
    book = checklist_book(corpus, ROOT, Diagnostics(), Request(codes=["Q/FL2.0815"], auditors=THREE))
    rows = next(s for s in book.sheets if s.key == "plan").rows
    assert not any("经销商" in r[2] for r in rows)
    checklist = next(s for s in book.sheets if s.key == "checklist")
    assert any("如何确保经销商" in r[4] for r in checklist.rows)


def _plan_rows(corpus, request: Request) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    book = checklist_book(corpus, ROOT, Diagnostics(), request)
    return next(s for s in book.sheets if s.key == "plan").rows


def _interval(row: tuple[str, ...]) -> tuple[int, int]:
    start, end = row[1].split("–")
    return minutes(start), minutes(end)


def test_the_shipped_plan_can_be_run(shipped: CheckResult) -> None:
    """Every audit of the shipped programme with three auditors: within the working day, around lunch, no slot over
    max_slot without a break, one auditor per department at a time, the team meeting before the closing meeting,
    dated in the audit's month."""
    corpus = shipped.corpus
    settings = corpus.config.audit.plan
    for number in range(1, 9):
        rows = _plan_rows(corpus, Request(audit=str(number), auditors=THREE))
        assert rows[0][2] == "首次会议" and rows[-1][2] == "末次会议" and rows[-2][2].startswith("审核组内部会议")
        assert _interval(rows[-2])[1] == _interval(rows[-1])[0] and rows[-2][0] == rows[-1][0]
        audits = [r for r in rows if r[5] in {a.name for a in THREE} and r[2] not in ("首次会议", "末次会议")
                  and not r[2].startswith("审核组")]
        assert audits
        lunch = (minutes("12:00"), minutes("13:00"))
        for row in rows:
            start, end = _interval(row)
            assert minutes(settings.day_start) <= start < end <= minutes(settings.day_end), row
            if row[2] != "午休":
                assert end <= lunch[0] or start >= lunch[1], row
        for name in (a.name for a in THREE):
            mine = sorted((r[0], *_interval(r)) for r in audits if r[5] == name)
            run = 0
            for (day, start, end), following in zip(mine, [*mine[1:], None], strict=True):
                run += end - start
                assert run <= settings.max_slot, (number, name, day, start)
                if following is None or following[0] != day or following[1] - end >= settings.break_minutes:
                    run = 0
        for a, b in [(x, y) for x in audits for y in audits if x is not y and x[0] == y[0] and x[2] == y[2]]:
            (s1, e1), (s2, e2) = _interval(a), _interval(b)
            assert e1 <= s2 or e2 <= s1, (a, b)  # one auditor per auditee department at a time
        month = next(r[0] for r in rows)
        assert re.fullmatch(r"2025-\d\d( 第1天)?|2025-\d\d-\d\d", month), month


def test_the_plan_date_comes_from_the_programme(base: Path) -> None:
    add_config(base, "audit:\n  auditors: [{name: 周敏, department: quality}, {name: 陈刚, department: sales}]\n"
                     "  plan: {start: 2025-03-03}\n  programme: {year: 2025}\n")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert code == 0 and "PC328 [warning] The audit plan starts on 2025-03-03, but the 2025 programme schedules no " \
        "audit" in output
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("2025-03-03", "2025-01-06"), encoding="utf-8")
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0, output
    assert "| 2025-01-06 | 08:30–09:00 | 首次会议 |" in output
    code, _, error = run_split(["checklist", "--format", "md", "-o", "-", "--audit", "2025-04"], base)
    assert code == 2 and "--audit 2025-04: the 2025 programme schedules no such audit" in error
    assert "`1 (2025-01)`" in error


def test_slots_respect_lunch_the_day_end_and_max_slot() -> None:
    items = [Item("step", "P", "5.1", (), "sales", ("O",), number=n, auditor="A") for n in range(1, 31)]
    items += [Item("step", "P", "5.2", (), "quality", ("O",), number=n, auditor="A") for n in range(31, 41)]
    settings = PlanSettings(day_start="09:00", day_end="16:00", lunch="12:00", minutes_per_item=10, max_slot=60,
                            break_minutes=15, meeting_minutes=30, team_meeting_minutes=30)
    slots = schedule(items, ["A"], settings)
    audits = [(s.day, s.start, s.end) for s in slots if s.kind == "audit"]
    assert audits[0] == (0, 570, 630)  # after the opening meeting, 60 minutes
    assert audits[1] == (0, 645, 705)  # a 15-minute break first
    assert all(end <= 720 or start >= 780 for _, start, end in audits)  # never through lunch
    assert all(end <= 960 for _, _, end in audits)
    assert sum(len(s.items) for s in slots) == 40
    kinds = [s.kind for s in slots]
    assert kinds[-2:] == ["team", "closing"] and kinds.count("lunch") >= 1
    assert working_day(dt.date(2025, 3, 7), 1) == dt.date(2025, 3, 10)  # Friday, then Monday


def test_two_auditors_never_share_a_department_at_once() -> None:
    items = [Item("step", "P", "5.1", (), "sales", ("O",), number=n, auditor="A" if n % 2 else "B")
             for n in range(1, 21)]
    slots = [s for s in schedule(items, ["A", "B"], PlanSettings()) if s.kind == "audit"]
    assert {s.auditor for s in slots} == {"A", "B"}
    for one in slots:
        for other in slots:
            if one is not other and one.day == other.day:
                assert one.end <= other.start or other.end <= one.start


def test_an_auditor_in_a_group_does_not_audit_the_group(base: Path) -> None:
    """"All department heads" includes 质量部: an auditor from 质量部 may not audit the group's work."""
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "external_documents:", "  - {id: heads, zh: 各部门负责人, en: All Department Heads,\n"
        "     includes: [quality, sales]}\n  - {id: finance, zh: 财务部, en: Finance}\nexternal_documents:", 1),
        encoding="utf-8")
    procedure = base / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "      - text: 分析原因并记录处理结果。\n        owner: quality",
        "      - text: 分析原因并记录处理结果。\n        owner: heads").replace(
        "  - department: sales\n", "  - department: heads\n    duties:\n      - 评审重大投诉的处理结果。\n"
        "  - department: sales\n"), encoding="utf-8")
    add_config(base, "audit:\n  auditors: [{name: 张三, department: quality}, {name: 王五, department: finance}]\n")
    code, output = run_cli(["checklist", "--format", "csv", "-o", "-"], base)
    assert code == 0, output
    rows = [line.split(",") for line in output.splitlines()[1:]]
    heads = [r for r in rows if r[2] == "各部门负责人"]
    assert heads and all(r[12] == "王五" for r in heads)


def test_the_audit_process_and_signed_procedures_stay_unassigned_and_check_warns(base: Path) -> None:
    """An internal-audit procedure (9.2) is audited by nobody in the audit team; check says so (PC329) and the
    checklist still comes out, with those items unassigned."""
    procedure = base / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace("iso_clauses: ['8.2.1']",
                                                                       "iso_clauses: ['9.2']"), encoding="utf-8")
    add_config(base, "audit:\n  auditors: [{name: 张明, department: sales}]\n")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert code == 0
    assert "PC329 [warning] No configured auditor may audit `quality` under QP-01 (张明: own department `sales`" \
        not in output
    assert "PC329 [warning] No configured auditor may audit `sales` under QP-01 (张明: own department " \
        "`sales`)" in output
    assert "(张明: signed QP-01)" in output  # 张明 prepared it
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0 and "PC329" in stderr
    assert "以下检查项没有独立的审核员" in stdout


def test_cli_auditors_that_cannot_cover_leave_items_unassigned(base: Path) -> None:
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-", "--auditor", "张三:quality"], base)
    assert code == 0
    assert "PC329 [warning] No auditor given with --auditor may take checklist items" in stderr
    assert "以下检查项没有独立的审核员，须由审核组以外的合格人员审核：" in stdout


def test_cli_auditor_option_is_checked(base: Path) -> None:
    assert run_cli(["checklist", "--auditor", "张三", "-o", "-", "--format", "md"], base)[0] == 2
    assert run_cli(["checklist", "--auditor", "张三:qualty", "-o", "-", "--format", "md"], base)[0] == 2


def test_cli_auditor_department_in_the_wrong_case_gets_a_suggestion(base: Path) -> None:
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-", "--auditor", "A:Quality"], base)
    assert (code, stdout) == (2, "")
    assert stderr.endswith("department `Quality` is not defined in proccompile.yaml\nhelp: Did you mean `quality`?\n")


@pytest.mark.parametrize(("value", "message"), [
    ("A:\x01", "`\\x01` is not a department id: lower-case letters, digits, `-` and `_`, starting with a "
                "letter, e.g. quality"),
    ("A\x01B:quality", "auditor name `A\\x01B` contains U+0001 at character 2, which Word documents cannot store"),
])
def test_cli_invalid_auditor_is_a_usage_error(base: Path, value: str, message: str) -> None:
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-", "--auditor", value], base)
    assert (code, stdout) == (2, "")
    assert stderr.endswith(f"checklist --help' for help.\n\nError: Invalid value for '--auditor': {message}\n")


def test_cli_refuses_the_same_auditor_twice(base: Path) -> None:
    args = ["checklist", "--format", "md", "-o", "-", "--auditor", "A:quality", "--auditor", "A:sales"]
    code, stdout, stderr = run_split(args, base)
    assert (code, stdout) == (2, "")
    assert stderr.endswith("\n\nError: Invalid value for '--auditor': auditor `A` is given twice; give each "
                           "auditor once, with their own department\n")


def test_plan_tells_auditors_apart_by_position_not_name(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    items = derive_items(corpus, select_procedures(corpus))
    team = [Auditor(name="A", department="quality"), Auditor(name="A", department="sales"),
            Auditor(name="B", department="finance")]
    result = plan(corpus, items, team)
    assert [a.auditor for a in result.assignments] == team
    for assignment in result.assignments:
        assert assignment.numbers and assignment.auditor.department not in assignment.departments
    numbers = [n for a in result.assignments for n in a.numbers]
    assert sorted(numbers) == [item.number for item in items]  # every item exactly once


def test_plan_sheet_keeps_same_named_auditors_apart(shipped: CheckResult) -> None:
    team = [Auditor(name="A", department="quality"), Auditor(name="A", department="sales"),
            Auditor(name="B", department="finance")]
    book = checklist_book(shipped.corpus, ROOT, Diagnostics(), Request(auditors=team))
    checklist = next(s for s in book.sheets if s.key == "checklist")
    plan_sheet = next(s for s in book.sheets if s.key == "plan")
    loads_note = next(n for n in plan_sheet.notes if n.startswith("各审核员的检查项数"))
    loads = [int(n) for n in re.findall(r"）(\d+)", loads_note)]
    assert re.findall(r"(\w)（(\w+)）", loads_note) == [("A", "质控部"), ("A", "销售部"), ("B", "财务部")]
    assert sum(loads) == len(checklist.rows) and max(loads) - min(loads) <= 1


def test_config_auditor_with_unknown_department_is_a_finding(base: Path) -> None:
    add_config(base, "audit:\n  auditors:\n    - {name: 张三, department: qualty}\n")
    code, output = run_cli(["checklist", "--format", "md", "-o", "out.md"], base)
    assert code == 1
    assert output.startswith("proccompile.yaml:25:30: PC304 Department `qualty` (auditor `张三`) is not defined")
    assert not (base / "out.md").exists()


def test_number_ranges() -> None:
    assert number_ranges((7, 1, 2, 3, 9, 10)) == "1–3, 7, 9–10"
    assert number_ranges(()) == ""


def test_external_auditor_is_refused(base: Path) -> None:
    config = base / "proccompile.yaml"
    text = config.read_text(encoding="utf-8").replace("departments:\n", "departments:\n  - {id: dealer, zh: 经销商, "
                                                      "en: Dealers, external: true}\n", 1)
    config.write_text(text, encoding="utf-8")
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-", "--auditor", "赵六:dealer"], base)
    assert (code, stdout) == (2, "")
    assert "department `dealer` is external" in stderr


def test_plan_departments_and_programme_codes_are_checked(base: Path) -> None:
    add_config(base, "audit:\n  plan:\n    locations: {qualty: 一楼}\n  programme:\n    high_risk: [QP-09]\n")
    code, output = run_cli(["check"], base)
    assert code == 1
    assert "PC304 Department `qualty` (audit plan locations) is not defined in proccompile.yaml" in output
    assert "PC305 Procedure `QP-09` (audit programme high_risk) is not in the project" in output


def test_result_codes_must_fit_a_drop_down(base: Path) -> None:
    add_config(base, "audit:\n  results: ['符合', 'NC, major']\n")
    code, output = run_cli(["check"], base)
    assert code == 2 and output.startswith("proccompile.yaml:24:12: PC203 `results`: result code `NC, major` may not")


def test_point_of_use_items_let_auditors_of_the_two_departments_plan(base: Path) -> None:
    """Document control is asked per point of use: auditors from 质量部 and 销售部 audit each other's copies."""
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-", "--auditor", "A:quality",
                                      "--auditor", "B:sales"], base)
    assert code == 0, stderr
    assert "PC329" not in stderr
    assert "质量部的使用现场是否可获得QP-01《顾客投诉处理程序》的现行版本（A/1）？" in stdout


