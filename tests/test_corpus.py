"""The shipped example QMS is clean, and breaking it is reported at every place that depends on the break."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from proccompile.model.refs import form_refs
from proccompile.pipeline import check_project

ROOT = Path(__file__).parent.parent
FORMS = sorted((ROOT / "forms").glob("*.yaml"))


@pytest.fixture(scope="module")
def shipped():
    return check_project(ROOT)


def test_shipped_corpus_is_clean(shipped) -> None:
    assert [f"{d.span.path}:{d.span.line} {d.code.id} {d.message}" for d in shipped.diagnostics] == []


def test_shipped_corpus_models_the_seed_procedures(shipped) -> None:
    codes = {p.model.code for p in shipped.corpus.procedures}
    assert {"Q/FL2.0813", "Q/FL2.0707", "Q/FL2.0702", "Q/FL2.0803", "Q/FL2.0901"} <= codes
    customer_service = shipped.corpus.procedure("Q/FL2.0813").model
    assert [r.form for r in customer_service.records] == [
        "Q/JL081301", "Q/JL081302", "Q/JL060301", "Q/JL081303", "Q/JL081304",
        "Q/JL081305", "Q/JL081306", "Q/JL090201", "Q/JL090101", "Q/JL100101",
    ]
    assert customer_service.related_documents == ["Q/FL2.0707", "Q/FL2.0702", "Q/FL2.0803", "Q/FL2.0901"]


@pytest.mark.parametrize("form_file", FORMS, ids=lambda p: p.stem)
def test_deleting_a_form_names_every_reference(form_file: Path, shipped, tmp_path: Path) -> None:
    code = next(f.model.code for f in shipped.corpus.forms if f.source.path == form_file)
    expected = {
        (doc.source.rel, doc.span(*ref.loc).line)
        for doc in shipped.corpus.documents()
        for ref in form_refs(doc.model)
        if ref.target == code
    }
    audit_forms = shipped.corpus.config.audit.forms  # the audit records mapped to project forms
    expected |= {("proccompile.yaml", shipped.corpus.config_source.span(("audit", "forms", record)).line)
                 for record in type(audit_forms).model_fields if getattr(audit_forms, record) == code}
    project = tmp_path / "qms"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "build", "tests", "docs"))
    (project / "forms" / form_file.name).unlink()
    result = check_project(project)
    found = {(d.span.path, d.span.line) for d in result.diagnostics if d.code.id == "PC303"}
    assert expected and found == expected
    assert result.diagnostics.has_errors


def _department_uses(project: Path, dept: str) -> set[tuple[str, int]]:
    # Fields naming a department, supporting departments, the audit plan's locations and representatives
    # keyed by it, and the clause leads naming it.
    pattern = re.compile(rf"^\s*((- )?(owner|department|keeper): {re.escape(dept)}|{re.escape(dept)}: \S.*)\s*(#.*)?$"
                         rf"|^\s*(support|(- )?owner|(- )?department): \[.*(?<![\w-]){re.escape(dept)}(?![\w-]).*\]"
                         rf"|^\s*\"[\d.]+\": {re.escape(dept)}\s*$")
    uses = set()
    folders = ("procedures", "forms", "manuals", "instructions")
    files = [project / "proccompile.yaml", *sorted(p for f in folders for p in project.glob(f"{f}/*.yaml"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.match(line):
                uses.add((path.relative_to(project).as_posix(), number))
    return uses


def test_renaming_a_department_names_every_use(shipped, tmp_path: Path) -> None:
    project = tmp_path / "qms"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "build", "tests", "docs"))
    for dept in shipped.corpus.config.departments:
        uses = _department_uses(project, dept.id)
        config = project / "proccompile.yaml"
        original = config.read_text(encoding="utf-8")
        renamed = re.sub(rf"(id: ){re.escape(dept.id)}\b", rf"\g<1>{dept.id}-renamed", original, count=1)
        assert renamed != original
        config.write_text(renamed, encoding="utf-8")
        result = check_project(project)
        config.write_text(original, encoding="utf-8")
        found = {(d.span.path, d.span.line) for d in result.diagnostics if d.code.id == "PC304"}
        assert found == uses, dept.id
