"""Every file of a new project: config, one procedure and its form, schemas, CI, pre-commit and editor settings."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from proccompile import __version__
from proccompile.load.discover import CONFIG_NAME
from proccompile.load.house_data import modeline, yaml_bytes
from proccompile.model.schema import all_schemas
from proccompile.scaffold.documents import FORM_SCHEMA, PROCEDURE_SCHEMA
from proccompile.scaffold.wording import WORDING, Wording

PROCEDURE_CODE, FORM_CODE = "QP-01", "QR-01-01"
# CI installs proccompile from the pip requirement in this CI variable; nothing is guessed from a package
# index, where the name could belong to another package or the version be missing.
INSTALL_VARIABLE = "PROCCOMPILE_INSTALL"
INSTALL = f'pip install "${{{INSTALL_VARIABLE}:?set the CI variable {INSTALL_VARIABLE}, see the top of this file}}"'
INSTALL_NOTE = (
    f"proccompile is installed from the pip requirement in the CI variable {INSTALL_VARIABLE}, the one your\n"
    "team installs it from, for example:\n"
    f"  proccompile @ git+https://git.example.com/qa/proccompile@v{__version__}\n"
    f"  https://files.example.com/proccompile-{__version__}-py3-none-any.whl\n"
    f"  proccompile=={__version__}   (from your own package index)\n"
    "The job stops and says so while the variable is unset.")
# Every project file check reads: config, lock, documents, their stored versions in force, templates and
# attachments.
HOOK_FILES = (r"(^|/)(proccompile\.yaml|proccompile\.lock|procedures/.*\.ya?ml|forms/.*\.ya?ml|in-force/.*\.ya?ml"
              r"|templates/.*|attachments/.*)$")


def project_files(language: str, company: str | None, today: dt.date) -> dict[str, bytes]:
    """Project-relative path → bytes of every file `init` writes."""
    words = WORDING[language]
    files = {
        CONFIG_NAME: _config(language, company, words),
        f"procedures/{PROCEDURE_CODE}.yaml": yaml_bytes(_procedure(words, today),
                                                        comment=modeline(PROCEDURE_SCHEMA)),
        f"forms/{FORM_CODE}.yaml": yaml_bytes(_form(words), comment=modeline(FORM_SCHEMA)),
        ".gitignore": b"# proccompile build output, and the lock and journal of change-control commands\n/build/\n"
                      b"/.proccompile-build.lock\n/.proccompile-edit.journal\n",
        ".pre-commit-config.yaml": _pre_commit(),
        ".github/workflows/proccompile.yml": _github_workflow(),
        ".gitlab-ci.yml": _gitlab_ci(),
        ".vscode/settings.json": _json({"yaml.schemas": {
            "./schemas/manual.schema.json": "manuals/*.yaml",
            "./schemas/procedure.schema.json": "procedures/*.yaml",
            "./schemas/instruction.schema.json": "instructions/*.yaml",
            "./schemas/form.schema.json": "forms/*.yaml",
            "./schemas/config.schema.json": CONFIG_NAME,
        }}),
        ".vscode/extensions.json": _json({"recommendations": ["redhat.vscode-yaml"]}),
    }
    files |= {f"schemas/{name}": text.encode("utf-8") for name, text in all_schemas().items()}
    return dict(sorted(files.items()))


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _config(language: str, company: str | None, words: Wording) -> bytes:
    data = {
        "company": {language: company} if company else words.company,
        "language": language,
        "numbering": {"procedure": r"^QP-\d{2}$", "form": r"^QR-\d{2}-\d{2}$"},
        "versions": {"style": "letter", "max_amendment": 4},
        "departments": [{"id": dept_id, **names} for dept_id, names in words.departments],
        "external_documents": [{"code": "ISO 9001:2015", "title": "质量管理体系 要求" if language == "zh"
                                else "Quality management systems — Requirements", "issuer": "ISO"}],
        "records": {"default_retention": "3y", "minimum_retention": "1y"},
        "review_interval": "1y",
    }
    return yaml_bytes(data, comment=f"{modeline('schemas/config.schema.json')}\n"
                      "House conventions of this QMS; see the proccompile README for every setting.", notes={
        "numbering": "Codes every procedure and form must follow: QP-01, and QR-01-01 for its first form.",
        "departments": "Every department that duties, steps, records and forms may name, by id.",
    })


def _procedure(words: Wording, today: dt.date) -> dict[str, Any]:
    quality_step, production_step = words.steps
    return {
        "code": PROCEDURE_CODE,
        "title": words.procedure_title,
        "version": "A/0",
        "status": "draft",
        "owner": "quality",
        "iso_clauses": ["7.5.2", "7.5.3"],
        "purpose": words.purpose,
        "scope": words.scope,
        "responsibilities": [{"department": dept, "duties": [duty]} for dept, duty in words.duties.items()],
        "process": [{"title": words.section, "steps": [
            {"text": quality_step[1], "owner": quality_step[0], "time_limit": "3wd", "records": [FORM_CODE]},
            {"text": production_step[1], "owner": production_step[0], "records": [FORM_CODE]},
        ]}],
        "related_documents": ["ISO 9001:2015"],
        "records": [{"form": FORM_CODE, "keeper": "quality", "retention": "3y", "storage": words.storage}],
        "revisions": [{"version": "A/0", "date": today, "change": words.first_issue, "author": words.author}],
    }


def _form(words: Wording) -> dict[str, Any]:
    return {
        "code": FORM_CODE,
        "title": words.form_title,
        "version": "A/0",
        "status": "draft",
        "owner": "quality",
        "retention": "3y",
        "record_kind": "register",  # a running log: an auditor samples its entries
        "medium": "paper",
        "fields": [{"label": label} for label in words.form_fields],
        "table": {"columns": [{"label": label} for label in words.form_columns], "rows": 12},
        "signoffs": list(words.signoffs),
    }


def _pre_commit() -> bytes:
    # A local hook: it runs the proccompile the team installed, so no repository address is needed.
    hook = {"id": "proccompile-check", "name": "proccompile check", "entry": "proccompile check --format concise",
            "language": "system", "pass_filenames": False, "files": HOOK_FILES}
    return yaml_bytes({"repos": [{"repo": "local", "hooks": [hook]}]},
                      comment="Checks the QMS before each commit: `pip install pre-commit && pre-commit install`.\n"
                              "It runs the proccompile installed in your environment (see docs/ci.md in proccompile).")


def _github_workflow() -> bytes:
    steps = [
        {"uses": "actions/checkout@v4"},
        {"uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
        {"name": "Install proccompile", "env": {INSTALL_VARIABLE: f"${{{{ vars.{INSTALL_VARIABLE} }}}}"},
         "run": INSTALL},
        {"name": "Check (findings annotate the pull request)", "run": "proccompile check --format github"},
        {"name": "Build the controlled documents", "run": "proccompile build -o build"},
        {"uses": "actions/upload-artifact@v4", "with": {"name": "controlled-documents", "path": "build/"}},
    ]
    return yaml_bytes({"name": "proccompile", "on": {"push": None, "pull_request": None},
                       "jobs": {"check": {"runs-on": "ubuntu-latest", "steps": steps}}},
                      comment="Checks every push and pull request and keeps the built documents as an artifact.\n"
                              f"{INSTALL_NOTE}\nSet it under Settings › Secrets and variables › Actions › Variables.")


def _gitlab_ci() -> bytes:
    job = {
        "image": "python:3.11",  # not -slim: installing from a git URL needs git
        "script": [
            INSTALL,
            # The reports are written whatever the outcome; the concise run then decides the job.
            "proccompile check --format gitlab > gl-code-quality.json || true",
            "proccompile check --format junit > proccompile-junit.xml || true",
            "proccompile check --format concise",
            "proccompile build -o build",
        ],
        "artifacts": {"when": "always", "paths": ["build/"],
                      "reports": {"codequality": "gl-code-quality.json", "junit": "proccompile-junit.xml"}},
    }
    return yaml_bytes({"proccompile": job},
                      comment="Findings show in merge requests (Code Quality) and in the test report (JUnit).\n"
                              f"{INSTALL_NOTE}\nSet it under Settings › CI/CD › Variables.")
