"""The audit plan: independence, balance, and a clear refusal when a department has no independent auditor."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from proccompile.audit.items import Item, derive_items, select_procedures
from proccompile.audit.plan import PlanImpossible, assign, number_ranges, plan
from proccompile.model.config import Auditor
from proccompile.pipeline import CheckResult
from tests.audit.conftest import add_config
from tests.helpers import run_cli, run_split

TEAM = [Auditor(name="张三", department="quality"), Auditor(name="李四", department="after-sales"),
        Auditor(name="王五", department="sales"), Auditor(name="赵六", department="tech-center")]


def test_nobody_audits_their_own_department_and_loads_are_balanced(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    items = assign(derive_items(corpus, select_procedures(corpus)), TEAM)
    own = {a.name: a.department for a in TEAM}
    # Independent of every department the item judges, not only the auditee (document control names all users).
    assert all(item.auditor and own[item.auditor] not in item.departments for item in items)
    assert any(len(item.departments) > 1 for item in items)
    loads = Counter(item.auditor for item in items)
    assert max(loads.values()) - min(loads.values()) <= 1
    # Whole departments where possible: far fewer (department, auditor) pairs than departments × auditors.
    pairs = {(item.department, item.auditor) for item in items}
    assert len(pairs) < 2 * len({item.department for item in items})


def test_impossible_plan_names_the_department(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    items = derive_items(corpus, select_procedures(corpus, ["Q/FL2.0817"]))
    with pytest.raises(PlanImpossible) as caught:
        assign(items, [Auditor(name="赵六", department="after-sales")])
    assert caught.value.department == "after-sales"


def test_cli_reports_an_impossible_plan(base: Path) -> None:
    code, _ = run_cli(["checklist", "--format", "md", "-o", "-", "--auditor", "张三:quality"], base)
    assert code == 1  # the message naming `quality` goes to stderr


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
    result = plan(items, team)
    assert [a.auditor for a in result.assignments] == team
    for assignment in result.assignments:
        assert assignment.numbers and assignment.auditor.department not in assignment.departments
    numbers = [n for a in result.assignments for n in a.numbers]
    assert sorted(numbers) == [item.number for item in items]  # every item exactly once


def test_plan_sheet_keeps_same_named_auditors_apart(shipped: CheckResult) -> None:
    from proccompile.audit.books import checklist_book
    from proccompile.diagnostics import Diagnostics
    from tests.audit.conftest import ROOT

    team = [Auditor(name="A", department="quality"), Auditor(name="A", department="sales"),
            Auditor(name="B", department="finance")]
    book = checklist_book(shipped.corpus, ROOT, Diagnostics(), auditors=team)
    checklist = next(s for s in book.sheets if s.key == "checklist")
    plan_sheet = next(s for s in book.sheets if s.key == "plan")
    loads = [int(n) for n in re.findall(r"）(\d+)", plan_sheet.notes[-1])]
    assert re.findall(r"(\w)（(\w+)）", plan_sheet.notes[-1]) == [("A", "质控部"), ("A", "销售部"), ("B", "财务部")]
    assert sum(loads) == len(checklist.rows) and max(loads) - min(loads) <= 1


def test_shipped_plan_has_a_date_and_time_for_every_slot_and_independent_auditors(shipped: CheckResult) -> None:
    from proccompile.audit.books import checklist_book
    from proccompile.diagnostics import Diagnostics
    from tests.audit.conftest import ROOT

    corpus = shipped.corpus
    book = checklist_book(corpus, ROOT, Diagnostics())
    rows = next(s for s in book.sheets if s.key == "plan").rows
    assert rows[0][2] == "首次会议" and rows[-1][2] == "末次会议"
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]) and re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", r[1]) for r in rows)
    assert all(r[0] >= "2025-03-10" for r in rows)
    audited = [r[2] for r in rows[1:-1]]
    assert len(audited) == len(set(audited))  # every department in one slot, by one auditor
    own = {a.name: a.department for a in corpus.config.audit.auditors}
    checklist = next(s for s in book.sheets if s.key == "checklist")
    items = {row[0]: row for row in checklist.rows}
    assert all(row[12] for row in items.values())  # every item has an auditor
    for it in derive_items(corpus, select_procedures(corpus)):
        auditor = items[str(it.number)][12]
        assert own[auditor] not in it.departments, (it.number, auditor)
    # Each auditor's slots follow one another without overlapping.
    for name in own:
        mine = sorted((r[0], r[1]) for r in rows[1:-1] if r[5] == name)
        assert all(a[0] < b[0] or a[1][6:] <= b[1][:5] for a, b in zip(mine, mine[1:], strict=False))


def test_slots_move_to_the_next_working_day() -> None:
    from proccompile.audit.schedule import schedule, working_day
    from proccompile.model.config import PlanSettings

    items = [Item("step", "P", "5.1", (), "sales", ("O",), number=n, auditor="A") for n in range(1, 31)]
    items += [Item("step", "P", "5.2", (), "quality", ("O",), number=n, auditor="A") for n in range(31, 41)]
    slots = schedule(items, ["A"], PlanSettings(day_start="09:00", day_end="12:00", minutes_per_item=5))
    assert [(s.kind, s.day, s.start, s.end) for s in slots] == [
        ("opening", 0, 540, 570), ("audit", 0, 570, 720), ("audit", 1, 540, 600), ("closing", 1, 600, 630)]
    assert working_day(dt.date(2025, 3, 7), 1) == dt.date(2025, 3, 10)  # Friday, then Monday


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


def test_an_item_naming_every_auditors_department_is_refused_with_the_departments(base: Path) -> None:
    """The base project's document-control item names 质量部 and 销售部: auditors from those two cannot take it."""
    code, stdout, stderr = run_split(["checklist", "--format", "md", "-o", "-", "--auditor", "A:quality",
                                      "--auditor", "B:sales"], base)
    assert (code, stdout) == (1, "")
    assert "no auditor is independent of departments `quality`, `sales` (1 checklist item judges them" in stderr
