"""Coverage from explicit citations only, exclusions the standards allow, and the quality functions table."""

from __future__ import annotations

from pathlib import Path

from proccompile.audit.clauses import clause_index, clause_key, clause_table, coverage_mark
from proccompile.audit.coverage import coverage
from proccompile.audit.items import derive_items
from proccompile.audit.selection import select_procedures
from proccompile.pipeline import CheckResult
from tests.audit.conftest import add_config
from tests.helpers import run_cli


def _coverage_rows(base: Path, *args: str) -> dict[str, list[str]]:
    code, output = run_cli(["checklist", "--coverage", "--format", "csv", "-o", "-", *args], base)
    assert code == 0, output
    return {line.split(",")[0]: line.split(",") for line in output.splitlines()[1:]}


def test_document_control_tags_are_controlled_not_coverage(shipped: CheckResult) -> None:
    """Every procedure's approval and records are audited against 7.5.2/7.5.3; that marks it 'controlled' there,
    and only a procedure citing the clause covers it."""
    corpus = shipped.corpus
    procedures = select_procedures(corpus)
    result = coverage(corpus, procedures, derive_items(corpus, procedures))
    column = {code: k for k, code in enumerate(result.procedures)}
    citing = {doc.model.code for doc in procedures if any(c in ("7.5", "7.5.2") for c in doc.model.iso_clauses)}
    for code, k in column.items():
        assert result.marks["7.5.2"][k] == ("cited" if code in citing else "controlled"), code
    assert "Q/FL2.0817" not in citing and result.marks["7.5.3"][column["Q/FL2.0817"]] == "controlled"


def test_a_step_without_clauses_covers_nothing(base: Path) -> None:
    """QP-01 cites 8.2.1; its steps cite nothing of their own, so nothing but 8.2.1 is covered."""
    rows = _coverage_rows(base)
    cited = sorted((number for number, row in rows.items() if row[2] == "●"), key=clause_key)
    assert cited == ["8.2.1"]
    assert rows["7.5.2"][2] == "△" and rows["7.5.2"][3] == "仅文件受控"
    assert rows["8.2.2"][3] == "无程序文件引用"


def test_an_iatf_supplement_is_never_covered_by_its_iso_parent(base: Path) -> None:
    """Done means: an audit procedure citing only 9.2 and 10.2 covers no 9.2.2.x or 10.2.x supplement."""
    procedure = base / "procedures" / "QP-01.yaml"
    text = procedure.read_text(encoding="utf-8")
    procedure.write_text(text.replace("iso_clauses: ['8.2.1']", "iso_clauses: ['9.2', '10.2']"), encoding="utf-8")
    add_config(base, "audit:\n  clause_set: iatf16949\n")
    rows = _coverage_rows(base)
    assert rows["9.2"][2] == rows["9.2.2"][2] == rows["10.2.1"][2] == "●"  # ISO subclauses of what it cites
    for supplement in ("9.2.2.1", "9.2.2.2", "9.2.2.3", "9.2.2.4", "10.2.3", "10.2.4", "10.2.5", "10.2.6"):
        assert rows[supplement][2] == "" and rows[supplement][3] == "无程序文件引用", supplement
    code, output = run_cli(["checklist", "--coverage", "--format", "md", "-o", "-"], base)
    gaps = next(line for line in output.splitlines() if line.startswith("没有任何程序文件引用的条款"))
    assert "9.2.2.3 制造过程审核" in gaps and "10.2.5 保修管理体系" in gaps


def test_iatf_exclusions_are_product_design_only(base: Path) -> None:
    add_config(base, "audit:\n  clause_set: iatf16949\n  exclusions:\n"
                     "    - {clause: '8.3', reason: 按顾客图样制造，不负责产品设计}\n"
                     "    - {clause: '8.3.3.2', reason: 不适用}\n    - {clause: '7.1.5', reason: 不适用}\n")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert code == 1
    assert ("proccompile.yaml:27:16: PC327 Clause 8.3.3.2 cannot be excluded: IATF 16949 4.3.2 allows excluding only "
            "product design within 8.3; 8.3.3.2 Manufacturing process design input stays applicable") in output
    assert "PC327 Clause 7.1.5 cannot be excluded" in output
    assert "PC327 Clause 8.3 cannot" not in output
    config = base / "proccompile.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("    - {clause: '8.3.3.2'")], encoding="utf-8")
    rows = _coverage_rows(base)
    # Excluding 8.3 takes out product design alone; manufacturing process design stays applicable.
    excluded = {number for number, row in rows.items() if row[3] == "不适用"}
    assert excluded == {"8.3.2.2", "8.3.2.3", "8.3.3.1", "8.3.5.1"}
    assert rows["8.3.3.2"][3] == rows["8.3.5.2"][3] == rows["8.3"][3] == "无程序文件引用"


def test_excluded_clauses_say_why_are_no_gap_and_carry_one_status(base: Path) -> None:
    add_config(base, "audit:\n  exclusions:\n    - {clause: '8.3', reason: 产品由顾客设计，本公司不从事设计和开发}\n")
    rows = _coverage_rows(base)
    design = [r for number, r in rows.items() if number.startswith("8.3")]
    assert len(design) == 7 and all(r[-2:] == ["不适用", "产品由顾客设计，本公司不从事设计和开发"] for r in design)
    code, output = run_cli(["checklist", "--coverage", "--format", "md", "-o", "-"], base)
    gaps = next(line for line in output.splitlines() if line.startswith("没有任何程序文件引用的条款"))
    assert "8.2.2" in gaps and "8.3" not in gaps
    # A procedure citing an excluded clause is a contradiction check reports; the matrix shows one status.
    procedure = base / "procedures" / "QP-01.yaml"
    text = procedure.read_text(encoding="utf-8")
    procedure.write_text(text.replace("iso_clauses: ['8.2.1']", "iso_clauses: ['8.2.1', '8.3.2']"), encoding="utf-8")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert code == 0 and "PC326 [warning] QP-01 cites clause 8.3.2, which the config excludes" in output
    rows = _coverage_rows(base)
    assert rows["8.3.2"][2:4] == ["", "不适用"]


def test_english_titles_are_the_standards_own(base: Path) -> None:
    index = clause_index("iatf16949")
    assert index["7.5.2"].en == "Creating and updating"
    assert index["8.2.1"].en == "Customer communication"
    assert index["9.2.2"].en == "Internal audit"  # untitled in the standard: printed under its parent's heading
    assert index["10.2.4"].en == "Error-proofing" and index["10.2.4"].iatf
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    rows = _coverage_rows(base)
    assert rows["8.5.1"][1] == "Control of production and service provision"
    assert rows["8.2.2"][3] == "not cited by any procedure"


def test_quality_functions_table_has_one_lead_per_clause(shipped: CheckResult) -> None:
    from proccompile.audit.functions import LEAD, functions_sheet, roles
    from proccompile.audit.wording import Wording
    from proccompile.diagnostics import Diagnostics
    from tests.audit.conftest import ROOT

    corpus = shipped.corpus
    p = corpus.procedure("Q/FL2.0702")
    assert p is not None
    table = roles(p.model)
    assert table["7.1.5"]["metrology"] == LEAD  # the owner leads what its procedure cites
    info = {i.number: i for i in clause_table()}
    assert all(coverage_mark(set(p.model.iso_clauses) | {c for s in p.model.process for st in s.steps
                                                         for c in st.clauses}, info[clause]) for clause in table)
    p13 = corpus.procedure("Q/FL2.0813")
    assert p13 is not None and roles(p13.model)["7.1.5"].get("sales") != LEAD  # one step's clause is no lead
    sheet = functions_sheet(corpus, Wording(ROOT, "zh", Diagnostics()))
    departments = [c.title for c in sheet.columns[2:]]
    assert "经销商" not in departments  # an external party has no duties in the table
    for row in sheet.rows:
        assert list(row[2:]).count("主管") <= 1, row
    by_clause = {row[0]: dict(zip(departments, row[2:], strict=True)) for row in sheet.rows}
    assert by_clause["8.2.1"]["销售部"] == "主管" and by_clause["10.2"]["质控部"] == "主管"  # audit.clause_leads
    assert by_clause["8.5.5"]["售后服务部"] == "主管" and by_clause["8.5.5"]["销售部"] == "负责"


def test_several_owners_without_a_chosen_lead_is_a_finding(base: Path) -> None:
    second = base / "procedures" / "QP-02.yaml"
    text = (base / "procedures" / "QP-01.yaml").read_text(encoding="utf-8")
    second.write_text(text.replace("code: QP-01", "code: QP-02").replace("owner: quality", "owner: sales"),
                      encoding="utf-8")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert "PC330 [warning] Clause 8.2.1 is cited by procedures of 2 owners (`quality` (QP-01), `sales` (QP-02))" \
        in output
    add_config(base, "audit:\n  clause_leads: {'8.2.1': quality}\n")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert "PC330" not in output


def test_iatf_clause_set_adds_the_automotive_clauses(base: Path) -> None:
    table = [c.number for c in clause_table("iatf16949")]
    assert table == sorted(table, key=clause_key) and len(table) == len(set(table))
    assert set(c.number for c in clause_table()) < set(table)
    add_config(base, "audit:\n  clause_set: iatf16949\n")
    rows = _coverage_rows(base)
    assert rows["7.5.3.2.1"][1] == "记录保存" and rows["10.2.4"][1] == "防错"
    assert rows["8.2.1"][2] == "●" and rows["8.2.1.1"][2] == ""  # citing 8.2.1 does not cover its supplement
