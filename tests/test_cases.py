"""The bad-input catalogue: every case directory's exact concise output and exit code are recorded.

`invalid/<CODE>-<slug>/` is the canonical case of a code; `invalid/<CODE>-<slug>--<variant>/`
adds more inputs that must produce it. `accepted/<name>/` holds unusual inputs that must pass.
A case runs `check` unless its `command.txt` names other arguments (render-time codes need `build`;
`{out}` is a temporary folder).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proccompile.diagnostics import CODES
from tests.helpers import compare_or_update, run_cli

CASES = Path(__file__).parent / "cases" / "invalid"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())
ACCEPTED_DIRS = sorted(p for p in (CASES.parent / "accepted").iterdir() if p.is_dir())


def _run_case(case: Path, out: Path) -> tuple[int, str]:
    command = case / "command.txt"
    args = command.read_text(encoding="utf-8").split() if command.exists() else ["check", "--format", "concise", "."]
    if args[0] != "check":
        # Commands that may write (a change-control command takes the project's lock file) run on a copy, so the
        # catalogue stays as committed; a check runs in place, where its relative links outside the case resolve.
        case = Path(shutil.copytree(case, out.parent / "project", symlinks=True))
    code, output = run_cli([a.replace("{out}", str(out)) for a in args], case)
    return code, output.replace(str(out), "{out}")  # `wrote …` lines name the temporary folder


@pytest.mark.parametrize("case", CASE_DIRS + ACCEPTED_DIRS, ids=lambda p: p.name)
def test_case_output(case: Path, tmp_path: Path, update_golden: bool) -> None:
    code, output = _run_case(case, tmp_path / "out")
    compare_or_update(case / "expected.txt", f"{output}[exit {code}]\n", update_golden)


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_case_reports_its_own_code_and_writes_nothing(case: Path, tmp_path: Path) -> None:
    code_id = case.name.split("-")[0]
    committed = sorted(case.rglob("*"))
    _, output = _run_case(case, tmp_path / "out")
    assert sorted(case.rglob("*")) == committed
    assert f" {code_id} " in output or f"[{code_id}]: " in output  # concise, or full where help matters
    assert not any((tmp_path / "out").rglob("*.docx"))


def test_every_code_has_a_case() -> None:
    named = {p.name for p in CASE_DIRS}
    missing = [f"{c.id}-{c.slug}" for c in CODES.values() if f"{c.id}-{c.slug}" not in named]
    assert not missing, f"codes without a case under tests/cases/invalid: {missing}"


@pytest.mark.parametrize("case", ACCEPTED_DIRS, ids=lambda p: p.name)
def test_accepted_input_passes(case: Path) -> None:
    assert run_cli(["check", "--format", "concise", "."], case)[0] == 0


def test_catalogue_size() -> None:
    assert len(CASE_DIRS) + len(ACCEPTED_DIRS) >= 40


def test_base_project_is_clean() -> None:
    code, output = run_cli(["check", "--format", "concise", "."], CASES.parent / "base")
    assert (code, output) == (0, "All checks passed (4 files).\n")
