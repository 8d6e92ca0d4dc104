"""Coverage from the checklist's own clause tags, with exclusions; the quality functions table."""

from __future__ import annotations

from pathlib import Path

from proccompile.audit.clauses import coverage_mark
from proccompile.audit.coverage import coverage
from proccompile.audit.items import derive_items, select_procedures
from proccompile.pipeline import CheckResult
from tests.audit.conftest import add_config
from tests.helpers import run_cli


def test_every_checklist_clause_is_marked_for_its_procedure(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    procedures = select_procedures(corpus)
    items = derive_items(corpus, procedures)
    result = coverage(procedures, items)
    column = {code: k for k, code in enumerate(result.procedures)}
    for item in items:
        for clause in item.clauses:
            if clause in result.marks:
                assert result.marks[clause][column[item.procedure]] == "full", (item.number, clause)
    assert "7.5.2" not in result.gaps  # document-approval items cite it


def test_excluded_clauses_say_why_and_are_no_gap(base: Path) -> None:
    add_config(base, "audit:\n  exclusions:\n    - {clause: '8.3', reason: 产品由顾客设计，本公司不从事设计和开发}\n")
    code, output = run_cli(["checklist", "--coverage", "--format", "csv", "-o", "-"], base)
    assert code == 0, output
    rows = [line.split(",") for line in output.splitlines()]
    design = [r for r in rows if r[0].startswith("8.3")]
    assert len(design) == 7 and all(r[-2:] == ["不适用", "产品由顾客设计，本公司不从事设计和开发"] for r in design)
    code, output = run_cli(["checklist", "--coverage", "--format", "md", "-o", "-"], base)
    gaps = next(line for line in output.splitlines() if line.startswith("未被任何程序文件覆盖的条款"))
    assert "8.2.2" in gaps and "8.3" not in gaps


def test_quality_functions_table(shipped: CheckResult, tmp_path: Path) -> None:
    from proccompile.audit.functions import LEAD, roles

    corpus = shipped.corpus
    p = corpus.procedure("Q/FL2.0702")
    assert p is not None
    table = roles(p.model)
    assert table["7.1.5"]["metrology"] == LEAD  # the owner leads what its procedure cites
    assert all(coverage_mark(set(p.model.iso_clauses) | {c for s in p.model.process for st in s.steps
                                                         for c in st.clauses}, clause) for clause in table)
    p13 = corpus.procedure("Q/FL2.0813")
    assert p13 is not None and roles(p13.model)["7.1.5"].get("sales") != LEAD  # one step's clause is no lead


def test_iatf_clause_set_adds_the_automotive_clauses(base: Path) -> None:
    from proccompile.audit.clauses import clause_key, clause_table

    table = [c.number for c in clause_table("iatf16949")]
    assert table == sorted(table, key=clause_key) and len(table) == len(set(table))
    assert set(c.number for c in clause_table()) < set(table)
    add_config(base, "audit:\n  clause_set: iatf16949\n")
    code, output = run_cli(["checklist", "--coverage", "--format", "csv", "-o", "-"], base)
    assert code == 0, output
    rows = {line.split(",")[0]: line.split(",") for line in output.splitlines()[1:]}
    assert rows["7.5.3.2.1"][1] == "记录保存" and rows["10.2.4"][1] == "防错"
    assert rows["8.2.1"][2] == "●" and rows["8.2.1.1"][2] == "●"  # citing 8.2.1 covers its IATF supplement
