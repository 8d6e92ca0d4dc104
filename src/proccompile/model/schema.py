"""JSON Schemas (draft-07, for yaml-language-server) of every built-in document type and of the config."""

from __future__ import annotations

import json

from pydantic import BaseModel

from proccompile.model.base import describe_fields
from proccompile.model.config import ProjectConfig
from proccompile.model.doctypes import BUILT_IN, document_types
from proccompile.model.form import Form
from proccompile.model.instruction import Instruction
from proccompile.model.manual import Manual
from proccompile.model.procedure import Procedure

SCHEMAS: dict[str, type[BaseModel]] = {
    "procedure.schema.json": Procedure,
    "form.schema.json": Form,
    "manual.schema.json": Manual,
    "instruction.schema.json": Instruction,
    "config.schema.json": ProjectConfig,
}


def schema_text(model: type[BaseModel]) -> str:
    """The model's schema as stable JSON text; `$schema` is allowed for editors that insert it."""
    describe_fields()
    schema = model.model_json_schema()
    schema["properties"] = {"$schema": {"type": "string"}, **schema["properties"]}
    document = {"$schema": "http://json-schema.org/draft-07/schema#", **schema}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def all_schemas() -> dict[str, str]:
    return {name: schema_text(model) for name, model in SCHEMAS.items()}


def project_schemas(config: ProjectConfig) -> dict[str, str]:
    """The schemas of the types the project defines in `document_types` (specification.schema.json …), so their
    files complete and flag fields in the editor as the built-in types' do."""
    return {f"{t.id}.schema.json": schema_text(t.model) for t in document_types(config) if t.id not in BUILT_IN}
