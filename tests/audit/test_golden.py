"""Exact md and csv outputs of checklist, coverage and registers on the minimal base project."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.audit.conftest import add_config
from tests.helpers import compare_or_update, run_cli

GOLDEN = Path(__file__).parent / "golden"
AUDITORS = "audit:\n  checklist_form: {code: QR-01-09, version: A/0}\n  auditors:\n" \
           "    - {name: 张三, department: quality}\n    - {name: 李四, department: sales}\n"


@pytest.mark.parametrize(("name", "args"), [
    ("checklist.md", ["checklist", "--format", "md"]),
    ("checklist-by-department.md", ["checklist", "--format", "md", "--by", "department"]),
    ("checklist-by-clause.csv", ["checklist", "--format", "csv", "--by", "clause"]),
    ("coverage.csv", ["checklist", "--format", "csv", "--coverage"]),
    ("registers.md", ["register", "--format", "md"]),
])
def test_base_outputs(base: Path, update_golden: bool, name: str, args: list[str]) -> None:
    code, output = run_cli([*args, "-o", "-"], base)
    assert code == 0, output
    compare_or_update(GOLDEN / name, output, update_golden)


def test_plan_and_form_header(base: Path, update_golden: bool) -> None:
    # A third department: the document-control items name both 质量部 and 销售部, so neither may audit them.
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "external_documents:", "  - {id: finance, zh: 财务部, en: Finance}\nexternal_documents:", 1), encoding="utf-8")
    add_config(base, AUDITORS + "    - {name: 王五, department: finance}\n")
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0, output
    compare_or_update(GOLDEN / "checklist-with-plan.md", output, update_golden)


def test_english(base: Path, update_golden: bool) -> None:
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0, output
    compare_or_update(GOLDEN / "checklist-en.md", output, update_golden)


def test_csv_registers_are_one_file_each(base: Path, update_golden: bool) -> None:
    code, output = run_cli(["register", "--format", "csv", "-o", "out/registers.csv"], base)
    assert code == 0, output
    written = sorted(p.name for p in (base / "out").iterdir())
    assert written == ["registers.csv", "registers.external.csv", "registers.functions.csv", "registers.records.csv",
                       "registers.responsibilities.csv"]
    assert output.splitlines() == [f"wrote out/{name}" for name in
                                   ("registers.csv", "registers.records.csv", "registers.responsibilities.csv",
                                    "registers.functions.csv", "registers.external.csv")]
    records = (base / "out" / "registers.records.csv").read_bytes()
    assert records.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so Excel on Chinese Windows reads UTF-8
    compare_or_update(GOLDEN / "registers.records.csv", records.decode("utf-8-sig"), update_golden)
