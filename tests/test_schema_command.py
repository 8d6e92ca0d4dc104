"""`proccompile schema` in a project folder: the types its config defines get schemas of their own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from proccompile.model.schema import all_schemas
from tests.helpers import run_split

PYRAMID = Path(__file__).parent / "cases" / "valid" / "pyramid"


def test_a_project_type_gets_a_schema_its_documents_validate_against(tmp_path: Path) -> None:
    project = tmp_path / "pyramid"
    shutil.copytree(PYRAMID, project)
    code, out, err = run_split(["schema"], project)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"wrote schemas/{name}" for name in
                                ["specification.schema.json", *all_schemas()]]
    schema = json.loads((project / "schemas" / "specification.schema.json").read_text("utf-8"))
    assert list(schema["properties"])[-4:] == ["purpose", "characteristics", "sampling", "records"]
    assert "purpose" in schema["required"] and "sampling" not in schema["required"]
    assert schema["properties"]["sampling"]["description"] == "抽样规则"
    document = YAML(typ="base").load(  # scalars as the editor sees them: dates are strings
        (project / "specifications" / "Q-JG001.yaml").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(document)
    document["purpos"] = document.pop("purpose")  # a typo the editor flags
    errors = sorted(e.message for e in jsonschema.Draft7Validator(schema).iter_errors(document))
    assert errors == ["'purpose' is a required property",
                      "Additional properties are not allowed ('purpos' was unexpected)"]


def test_an_invalid_config_still_gets_the_built_in_schemas(tmp_path: Path) -> None:
    (tmp_path / "proccompile.yaml").write_text("company: {zh: 甲}\nlanguage: fr\n", encoding="utf-8")
    code, out, err = run_split(["schema"], tmp_path)
    assert code == 0 and out.splitlines() == [f"wrote schemas/{name}" for name in all_schemas()]
    assert err == ("proccompile: proccompile.yaml is not valid (see `proccompile check`); the document types it "
                   "defines get no schema\n")
