"""JSON Schemas (draft-07, for yaml-language-server) of the procedure, form and config models."""

from __future__ import annotations

import json

from pydantic import BaseModel

from proccompile.model.base import describe_fields
from proccompile.model.config import ProjectConfig
from proccompile.model.form import Form
from proccompile.model.procedure import Procedure

SCHEMAS: dict[str, type[BaseModel]] = {
    "procedure.schema.json": Procedure,
    "form.schema.json": Form,
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
