"""The plain data of a new document of any type: valid drafts with placeholders where only the author knows the
text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from proccompile.model.config import ProjectConfig
from proccompile.model.document import ChapterSpec
from proccompile.model.versions import VersionNumber, format_version
from proccompile.scaffold.wording import Wording

PROCEDURE_SCHEMA = "../schemas/procedure.schema.json"
FORM_SCHEMA = "../schemas/form.schema.json"


def schema_of(type_id: str, folder: str) -> str:
    """The modeline's schema of a file of type ``type_id`` in ``folder`` (project-relative), as `schema` writes it."""
    depth = len([part for part in folder.split("/") if part not in ("", ".")])
    return "../" * depth + f"schemas/{type_id}.schema.json"


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


def _chaptered(code: str, config: ProjectConfig, words: Wording, today: dt.date, title: str | None, owner: str | None,
               default_title: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "title": title or default_title, "version": first_version(config), "status": "draft",
            "owner": owner or default_owner(config), **content,
            "revisions": [{"version": first_version(config), "date": today, "change": words.first_issue,
                           "author": words.author}]}


def new_manual(code: str, config: ProjectConfig, words: Wording, today: dt.date,
               *, title: str | None = None, owner: str | None = None) -> dict[str, Any]:
    """A quality manual with its policy, scope and the first clause chapter to write."""
    return _chaptered(code, config, words, today, title, owner, words.new_manual_title, {
        "policy": words.placeholder, "scope": words.placeholder,
        "clauses": [{"clause": "4", "text": words.placeholder}]})


def new_instruction(code: str, config: ProjectConfig, words: Wording, today: dt.date,
                    *, title: str | None = None, owner: str | None = None) -> dict[str, Any]:
    """A work instruction with its purpose, scope and a first operation step."""
    return _chaptered(code, config, words, today, title, owner, words.new_instruction_title, {
        "purpose": words.placeholder, "scope": words.placeholder,
        "operations": [{"text": words.placeholder}]})


def new_of_type(code: str, config: ProjectConfig, words: Wording, today: dt.date, chapters: tuple[ChapterSpec, ...],
                *, title: str | None = None, owner: str | None = None) -> dict[str, Any]:
    """A document of a type the project defines, from its chapters: a placeholder for every text chapter, a first
    entry to write for a list, a table and duties (the owner's, so the owner has stated duties); the other
    chapters, and optional ones, start empty."""
    owner = owner or default_owner(config)
    content: dict[str, Any] = {}
    for spec in chapters:
        if spec.when_empty == "omit":
            continue  # an optional chapter starts absent
        if spec.kind == "text":
            content[spec.key] = words.placeholder
        elif spec.kind == "list":
            content[spec.key] = [words.placeholder]
        elif spec.kind == "table":
            content[spec.key] = [{"columns": [words.placeholder], "rows": [[words.placeholder]]}]
        elif spec.kind == "responsibilities":
            content[spec.key] = [{"department": owner, "duties": [words.placeholder]}]
    return _chaptered(code, config, words, today, title, owner, words.new_document_title, content)
