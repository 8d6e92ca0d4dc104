"""Command-line behaviour of checklist and register: default paths, views, refusals."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli


def test_default_output_goes_to_build_audit(base: Path) -> None:
    assert run_cli(["checklist"], base) == (0, "wrote build/audit/checklist.xlsx\n")
    assert run_cli(["checklist", "--coverage", "--format", "md"], base) == (0, "wrote build/audit/coverage.md\n")
    assert run_cli(["register", "--format", "docx"], base) == (0, "wrote build/audit/registers.docx\n")
    assert (base / "build" / "audit" / "registers.docx").stat().st_size > 5000


def test_binary_formats_cannot_go_to_stdout(base: Path) -> None:
    assert run_cli(["checklist", "--format", "docx", "-o", "-"], base)[0] == 2


def test_unknown_procedure_exits_1(base: Path) -> None:
    assert run_cli(["checklist", "--procedure", "QP-1", "-o", "-", "--format", "md"], base)[0] == 1


def test_nothing_is_written_when_check_fails(base: Path) -> None:
    form = base / "forms" / "QR-01-02.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("owner: quality", "owner: qualty"), encoding="utf-8")
    code, output = run_cli(["register", "-o", "r.xlsx"], base)
    assert code == 1 and " PC304 " in output
    assert not (base / "r.xlsx").exists()
