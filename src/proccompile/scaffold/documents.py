"""The plain data of a new procedure or form: valid drafts with placeholders where only the author knows the text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from proccompile.model.config import ProjectConfig
from proccompile.model.versions import VersionNumber, format_version
from proccompile.scaffold.wording import Wording

PROCEDURE_SCHEMA = "../schemas/procedure.schema.json"
FORM_SCHEMA = "../schemas/form.schema.json"


def file_name(code: str) -> str:
    """The file a code lives in: Q/FL2.0813 → Q-FL2.0813.yaml, as in the shipped corpus."""
    return code.replace("/", "-") + ".yaml"


def first_version(config: ProjectConfig) -> str:
    """A/0 in the letter scheme, 1.0 in the numeric one."""
    return format_version(VersionNumber(0 if config.versions.style == "letter" else 1, 0), config.versions)


def default_owner(config: ProjectConfig) -> str:
    """The first department of the company itself: a dealer or supplier never owns a document."""
    return next((d.id for d in config.departments if not d.external), config.departments[0].id)


def new_procedure(code: str, config: ProjectConfig, words: Wording, today: dt.date,
                  *, title: str | None = None, owner: str | None = None) -> dict[str, Any]:
    owner = owner or default_owner(config)
    return {
        "code": code,
        "title": title or words.new_procedure_title,
        "version": first_version(config),
        "status": "draft",
        "owner": owner,
        "purpose": words.placeholder,
        "scope": words.placeholder,
        "responsibilities": [{"department": owner, "duties": [words.placeholder]}],
        "process": [{"title": words.placeholder, "steps": [{"text": words.placeholder, "owner": owner}]}],
        "revisions": [{"version": first_version(config), "date": today, "change": words.first_issue,
                       "author": words.author}],
    }


def new_form(code: str, config: ProjectConfig, words: Wording,
             *, title: str | None = None, owner: str | None = None) -> dict[str, Any]:
    return {
        "code": code,
        "title": title or words.new_form_title,
        "version": first_version(config),
        "status": "draft",
        "owner": owner or default_owner(config),
        "fields": [{"label": label} for label in words.form_fields[:1]],
        "table": {"columns": [{"label": words.placeholder}], "rows": 8},
        "signoffs": list(words.signoffs),
    }
