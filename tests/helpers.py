"""Helpers for tests: run the CLI in a folder and capture what a user would see."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from proccompile.cli import cli


def run_split(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run ``proccompile ARGS`` inside ``cwd``; returns (exit code, stdout, stderr) kept apart."""
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout, result.stderr


def run_cli(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``proccompile ARGS`` inside ``cwd``; returns (exit code, stdout)."""
    code, stdout, _ = run_split(args, cwd)
    return code, stdout


def compare_or_update(expected_path: Path, actual: str, update: bool) -> None:
    if update:
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), f"{expected_path} is missing; run pytest --update-golden and review it"
    assert actual == expected_path.read_text(encoding="utf-8"), (
        f"output differs from {expected_path}; if the change is intended run pytest --update-golden and review the diff"
    )


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file with ``new``; the text must be there, so an edit never silently misses."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
