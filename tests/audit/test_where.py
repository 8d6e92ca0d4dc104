"""`proccompile where`: file:line of every reference, exit 1 for unreferenced or unknown codes."""

from __future__ import annotations

from pathlib import Path

from tests.audit.conftest import ROOT, add_config
from tests.helpers import run_cli


def test_form_references_with_sections(base: Path) -> None:
    assert run_cli(["where", "QR-01-01"], base) == (0, (
        "forms/QR-01-01.yaml:1:7: `QR-01-01` 投诉登记表 (form) is defined here\n"
        "procedures/QP-01.yaml:28:19: QP-01 §5.1.1 (step record)\n"
        "procedures/QP-01.yaml:34:11: QP-01 §8 row 1 (records table)\n"
        "2 references in 1 file.\n"))


def test_department_references(base: Path) -> None:
    code, output = run_cli(["where", "sales", "."], base)
    assert code == 0
    assert output.splitlines() == [
        "proccompile.yaml:15:9: `sales` 销售部 (department) is defined here",
        "forms/QR-01-01.yaml:4:8: QR-01-01 (form owner)",
        "procedures/QP-01.yaml:19:17: QP-01 §4.2 (responsibility)",
        "procedures/QP-01.yaml:26:16: QP-01 §5.1.1 (step owner)",
        "procedures/QP-01.yaml:35:13: QP-01 §8 row 1 (record keeper)",
        "4 references in 2 files.",
    ]


def test_config_counts_as_a_file(base: Path) -> None:
    add_config(base, "audit:\n  auditors:\n    - {name: 张三, department: sales}\n")
    code, output = run_cli(["where", "sales"], base)
    assert code == 0
    assert "proccompile.yaml:25:30: proccompile.yaml (auditor 张三)\n" in output
    assert output.endswith("\n5 references in 3 files.\n")  # proccompile.yaml, the form and the procedure


def test_external_document(base: Path) -> None:
    code, output = run_cli(["where", "ISO 9001:2015"], base)
    assert code == 0
    assert "procedures/QP-01.yaml:29:19: QP-01 §5.1.1 (step reference)\n" in output


def test_unreferenced_code_exits_1(base: Path) -> None:
    code, output = run_cli(["where", "QP-01"], base)
    assert code == 1
    assert output == "procedures/QP-01.yaml:1:7: `QP-01` 顾客投诉处理程序 (procedure) is defined here\n"


def test_unknown_code_exits_1_with_did_you_mean(base: Path) -> None:
    import click.testing

    from proccompile.cli import cli

    for typed, meant in (("qr-01-01", "QR-01-01"), ("QP-1", "QP-01"), ("qualty", "quality")):
        result = click.testing.CliRunner().invoke(cli, ["where", typed, str(base)])
        assert result.exit_code == 1
        assert result.stderr == (f"proccompile: `{typed}` is not a code or department of this project\n"
                                 f"help: Did you mean `{meant}`?\n")


def test_shipped_service_form_is_used_by_the_service_procedure() -> None:
    code, output = run_cli(["where", "Q/JL081701"], ROOT)
    assert code == 0
    assert "procedures/Q-FL2.0817.yaml:" in output and "Q/FL2.0817 §5.1.5 (step record)" in output


def test_documents_in_force_come_before_obsolete_ones(base: Path) -> None:
    # QP-00 sorts first by file name, but it is withdrawn: the impact list starts with what is in force.
    text = (base / "procedures" / "QP-01.yaml").read_text("utf-8")
    obsolete = text.replace("code: QP-01", "code: QP-00").replace("status: released", "status: obsolete")
    (base / "procedures" / "QP-00.yaml").write_text(obsolete, "utf-8")
    code, output = run_cli(["where", "QR-01-01"], base)
    assert code == 0
    assert [line.split(": ", 1)[1] for line in output.splitlines()[1:-1]] == [
        "QP-01 §5.1.1 (step record)", "QP-01 §8 row 1 (records table)",
        "QP-00 §5.1.1 (step record)", "QP-00 §8 row 1 (records table)",
    ]
