"""Committed generated files (schemas, reference docs) equal what the code generates now."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.diagnostics.docs import reference_markdown as diagnostics_markdown
from proccompile.model.reference import reference_markdown as yaml_markdown
from proccompile.model.schema import all_schemas
from tests.helpers import compare_or_update

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_committed_schema_is_current(name: str, update_golden: bool) -> None:
    compare_or_update(ROOT / "schemas" / name, all_schemas()[name], update_golden)


def test_diagnostics_reference_is_current(update_golden: bool) -> None:
    compare_or_update(ROOT / "docs" / "diagnostics.md", diagnostics_markdown(), update_golden)


def test_yaml_reference_is_current(update_golden: bool) -> None:
    compare_or_update(ROOT / "docs" / "yaml-reference.md", yaml_markdown(), update_golden)


def test_schemas_are_draft_07_without_2020_keywords() -> None:
    for text in all_schemas().values():
        assert text.startswith('{\n  "$schema": "http://json-schema.org/draft-07/schema#"')
        assert "prefixItems" not in text and "$dynamicRef" not in text


@pytest.mark.parametrize(
    ("folder", "modeline"),
    [
        ("procedures", "# yaml-language-server: $schema=../schemas/procedure.schema.json"),
        ("forms", "# yaml-language-server: $schema=../schemas/form.schema.json"),
        ("manuals", "# yaml-language-server: $schema=../schemas/manual.schema.json"),
        ("instructions", "# yaml-language-server: $schema=../schemas/instruction.schema.json"),
    ],
)
def test_shipped_files_carry_the_schema_modeline(folder: str, modeline: str) -> None:
    files = sorted((ROOT / folder).glob("*.yaml"))
    assert files
    assert [f.name for f in files if f.read_text(encoding="utf-8").splitlines()[0] != modeline] == []


def test_config_carries_the_schema_modeline() -> None:
    first = (ROOT / "proccompile.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/config.schema.json"
