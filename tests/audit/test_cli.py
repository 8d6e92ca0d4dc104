"""Command-line behaviour of checklist and register: default paths, views, refusals."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli, run_split


def test_default_output_goes_to_build_audit(base: Path) -> None:
    assert run_cli(["checklist"], base) == (0, "wrote build/audit/checklist.xlsx\n")
    assert run_cli(["checklist", "--coverage", "--format", "md"], base) == (0, "wrote build/audit/coverage.md\n")
    assert run_cli(["register", "--format", "docx"], base) == (0, "wrote build/audit/registers.docx\n")
    assert (base / "build" / "audit" / "registers.docx").stat().st_size > 5000


def test_binary_formats_cannot_go_to_stdout(base: Path) -> None:
    assert run_cli(["checklist", "--format", "docx", "-o", "-"], base)[0] == 2


def test_unknown_procedure_is_a_usage_error(base: Path) -> None:
    assert run_split(["checklist", "--procedure", "QP-1", "-o", "-", "--format", "md"], base) == (
        2, "", "proccompile: no procedure `QP-1` in the project\nhelp: Did you mean `QP-01`?\n")


def test_nothing_is_written_when_check_fails(base: Path) -> None:
    form = base / "forms" / "QR-01-02.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("owner: quality", "owner: qualty"), encoding="utf-8")
    code, output = run_cli(["register", "-o", "r.xlsx"], base)
    assert code == 1 and " PC304 " in output
    assert not (base / "r.xlsx").exists()


def _unused_form(project: Path) -> None:
    text = (project / "forms" / "QR-01-02.yaml").read_text(encoding="utf-8")
    (project / "forms" / "QR-01-03.yaml").write_text(text.replace("QR-01-02", "QR-01-03"), encoding="utf-8")


WARNING = ("forms/QR-01-03.yaml:1:7: PC311 [warning] No procedure references form `QR-01-03`\n"
           "Found 1 warning in 1 file.\n")


def test_warnings_are_printed_before_what_was_written(base: Path) -> None:
    _unused_form(base)
    assert run_split(["checklist", "--coverage", "--format", "md"], base) == (
        0, WARNING + "wrote build/audit/coverage.md\n", "")
    assert run_split(["register", "-o", "r.md", "--format", "md"], base) == (0, WARNING + "wrote r.md\n", "")


def test_warnings_go_to_stderr_when_the_output_is_printed(base: Path) -> None:
    _unused_form(base)
    code, stdout, stderr = run_split(["register", "--format", "csv", "-o", "-"], base)
    assert (code, stderr) == (0, WARNING)
    assert stdout.startswith("类别,代号,文件编号,名称,版本,状态,实施日期,批准,批准日期,归口部门,"
                             "上次评审日期,下次评审日期,逾期,发放范围\n")


def test_register_help_names_the_csv_files(base: Path) -> None:
    _, stdout, _ = run_split(["register", "--help"], base)
    assert " ".join(stdout.split()).count("registers.csv (the master list), and beside it registers.records.csv, "
                                          "registers.responsibilities.csv, registers.functions.csv and "
                                          "registers.external.csv.") == 1
