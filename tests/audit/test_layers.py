"""Stage boundaries of the audit path: YAML is read in load/, and render/ stays light to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import proccompile.audit

AUDIT = Path(proccompile.audit.__file__).parent


def test_audit_reads_no_yaml_itself() -> None:
    assert [p.name for p in sorted(AUDIT.glob("*.py")) if "ruamel" in p.read_text(encoding="utf-8")] == []


def test_packaged_clause_table_comes_through_the_load_stage() -> None:
    from proccompile.audit.clauses import clause_table
    from proccompile.load.packaged import load_packaged_yaml

    rows = load_packaged_yaml("iso9001_2015_clauses.yaml")
    assert [str(r["clause"]) for r in rows] == [c.number for c in clause_table()]
    assert clause_table()[0].number == "4"


def test_importing_render_loads_no_document_library() -> None:
    # `check` imports the package for RenderedFile; python-docx, lxml and jinja2 load only when rendering.
    code = ("import sys, proccompile.render; print(sorted(m for m in sys.modules if m.startswith("
            "('proccompile.audit', 'jinja2', 'docx', 'openpyxl'))))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out == "[]\n"


def test_packaged_yaml_reads_as_ruamel_reads_it() -> None:
    # The packaged tables are read with libyaml for speed; YAML 1.1 and 1.2 must not disagree on them.
    from importlib import resources

    from ruamel.yaml import YAML

    from proccompile.load.packaged import load_packaged_yaml

    files = [f for f in resources.files("proccompile").joinpath("data").iterdir() if f.name.endswith(".yaml")]
    assert len(files) >= 2
    for file in files:
        assert load_packaged_yaml(file.name) == YAML(typ="safe", pure=True).load(file.read_text(encoding="utf-8"))
