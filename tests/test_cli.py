"""Exit codes, output formats, --strict and explain, on the minimal base project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from proccompile.cli import COMMANDS, cli, first_sentence
from proccompile.diagnostics import CODES
from tests.helpers import run_cli

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CASES / "base", tmp_path / "p")
    return tmp_path / "p"


def test_clean_project_exits_0(project: Path) -> None:
    assert run_cli(["check", "--format", "concise"], project) == (0, "All checks passed (4 files).\n")


def test_warnings_pass_unless_strict() -> None:
    case = CASES / "invalid" / "PC311-unused-form"
    assert run_cli(["check", "--format", "concise"], case)[0] == 0
    assert run_cli(["check", "--format", "concise", "--strict"], case)[0] == 1


def test_strict_build_with_warnings_writes_nothing(tmp_path: Path) -> None:
    case = CASES / "invalid" / "PC311-unused-form"
    out = tmp_path / "out"
    code, output = run_cli(["build", "--format", "concise", "--strict", "-o", str(out), "."], case)
    assert code == 1 and "PC311" in output and "Built" not in output
    assert not out.exists()
    # A later strict rebuild over an earlier build's outputs refuses too, though nothing changed.
    assert run_cli(["build", "--format", "concise", "-o", str(out), "."], case)[0] == 0
    code, output = run_cli(["build", "--format", "concise", "--strict", "-o", str(out), "."], case)
    assert code == 1 and "PC311" in output and "Built" not in output


def test_severity_override_silences_a_code(project: Path) -> None:
    shutil.copy(CASES / "invalid" / "PC311-unused-form" / "forms" / "QR-01-03.yaml", project / "forms")
    config = project / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "severity:\n  PC311: ignore\n", encoding="utf-8")
    assert run_cli(["check", "--format", "concise", "--strict"], project) == (0, "All checks passed (5 files).\n")


def test_full_format_shows_source_line_caret_and_help() -> None:
    code, output = run_cli(["check", "--format", "full"], CASES / "invalid" / "PC304-unknown-department")
    assert code == 1
    assert output == (
        "error[PC304]: Department `qualty` (step owner) is not defined in proccompile.yaml\n"
        " --> procedures/QP-01.yaml:31:16\n"
        "   |\n"
        "31 |         owner: qualty\n"
        "   |                ^^^^^^\n"
        "   |\n"
        "help: Did you mean `quality`?\n"
        "\n"
        "Found 1 error in 1 file.\n"
    )


def test_full_format_shows_related_location() -> None:
    _, output = run_cli(["check", "--format", "full"], CASES / "invalid" / "PC302-duplicate-code")
    assert "note: first defined here\n --> forms/QR-01-01-copy.yaml:1:7\n" in output


def test_json_format() -> None:
    code, output = run_cli(["check", "--format", "json"], CASES / "invalid" / "PC303-unknown-form")
    data = json.loads(output)
    assert code == 1
    assert data["summary"] == {"errors": 2, "warnings": 0, "files": 3}
    first = data["diagnostics"][0]
    assert (first["code"], first["slug"], first["path"], first["line"], first["col"]) == (
        "PC303", "unknown-form", "procedures/QP-01.yaml", 32, 19)


def test_github_format() -> None:
    _, output = run_cli(["check", "--format", "github"], CASES / "invalid" / "PC308-record-not-produced")
    assert output.splitlines()[0] == (
        "::warning file=procedures/QP-01.yaml,line=36,col=11,title=PC308 record-not-produced::"
        "No step produces record `QR-01-02` (help: Name the form under the `records` of the step "
        "that fills it in, or drop the entry)"
    )


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli(["check", str(tmp_path / "nowhere")], tmp_path)[0] == 2


def test_explain_lists_every_code_and_explains_one(project: Path) -> None:
    code, output = run_cli(["explain"], project)
    assert code == 0 and len(output.splitlines()) == len(CODES)
    code, output = run_cli(["explain", "unknown-form"], project)
    assert code == 0 and output.startswith("PC303 (unknown-form) — default severity: error\n")
    assert run_cli(["explain", "PC999"], project)[0] == 2


def test_build_writes_nothing_when_check_fails(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASES / "invalid" / "PC303-unknown-form", case)
    code, _ = run_cli(["build", "--format", "concise", "-o", str(tmp_path / "out")], case)
    assert code == 1
    assert not (tmp_path / "out").exists()


def test_the_command_summaries_are_the_commands_own() -> None:
    for name, (_, _, summary) in COMMANDS.items():
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and (command.short_help or first_sentence(command.help or "")) == summary, name


def test_help_imports_no_command_module() -> None:
    """`proccompile --help` must start fast: no pydantic, ruamel or python-docx behind it."""
    probe = ("import sys; from proccompile.cli import main; sys.argv = ['proccompile', '--help']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'ruamel', 'docx', 'yaml')"
             " or m.startswith('proccompile.commands.')))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"
