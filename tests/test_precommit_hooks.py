"""`.pre-commit-hooks.yaml`: the hooks other repositories use run a real command on the right files."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from proccompile.load.house_format import house_yaml
from tests.helpers import run_cli

ROOT = Path(__file__).parents[1]


def test_every_hook_runs_check_on_the_project_files() -> None:
    hooks = house_yaml().load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["proccompile-check", "proccompile-check-strict"]
    for hook in hooks:
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        files = re.compile(hook["files"])
        assert all(files.search(p) for p in ("proccompile.yaml", "procedures/Q-FL2.0813.yaml", "qms/forms/a.yml",
                                             "proccompile.lock", "attachments/flow.png", "templates/reference.docx"))
        assert not any(files.search(p) for p in ("README.md", "build/x.docx", "schemas/form.schema.json"))
        program, *args = shlex.split(hook["entry"])
        assert program == "proccompile"
        code, output = run_cli(args, ROOT)  # the shipped example project is clean
        assert code == 0 and "All checks passed" in output


def test_the_hook_init_writes_watches_the_same_files() -> None:
    from proccompile.scaffold.project import HOOK_FILES

    hooks = house_yaml().load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["files"] for h in hooks} == {HOOK_FILES}
