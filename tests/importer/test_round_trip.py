"""build → import → the model equals the source, for every shipped procedure, on every field the Word file prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from proccompile.load.house_format import house_yaml
from proccompile.model.display import record_retention
from proccompile.model.procedure import Procedure
from proccompile.pipeline import CheckResult, check_project
from tests.helpers import run_cli, run_split

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("round-trip")
    code, output = run_cli(["build", "-o", str(base / "build"), "."], ROOT)
    assert code == 0, output
    docx = sorted(str(p) for p in (base / "build" / "procedures").glob("*.docx"))
    code, output, err = run_split(["import", *docx, "-o", str(base / "drafts")], ROOT)
    assert code == 0, err
    return base / "drafts", output


@pytest.fixture(scope="module")
def shipped() -> CheckResult:
    return check_project(ROOT)


def _printed(procedure: Procedure, checked: CheckResult) -> dict[str, Any]:
    """The model as the Word document carries it: fields the build does not print are set aside.

    Not printed: the owning department, the clauses of single steps and a commitment's typed time limit
    (its target is printed as text); a record's retention is printed as the one in force. The control
    records kept beside the text (review interval, reviews, distribution, withdrawal) are not printed.
    """
    data = procedure.model_dump(mode="json")
    data["owner"] = None
    for control in ("review_interval", "reviews", "distribution", "withdrawn"):
        data.pop(control, None)
    for section in data["process"]:
        for step in section["steps"]:
            step["clauses"] = []
    for commitment in data["commitments"]:
        commitment["time_limit"] = None
    for entry, model in zip(data["records"], procedure.records, strict=True):
        retention = record_retention(checked.corpus, model)
        entry["retention"] = str(retention) if retention else None
    return data


# Procedures that print constructs the importer does not read back yet: a duty or step several departments
# share, roles, authorities, approvals signed by hand, a chapter order of their own, indicators without a
# target. The importer takes the Word layout procedures had before them.
NOT_YET_IMPORTED = {"Q/FL2.0813", "Q/FL2.0814", "Q/FL2.0816", "Q/FL2.0817"}


def test_every_shipped_procedure_round_trips(imported: tuple[Path, str], shipped: CheckResult) -> None:
    drafts, _ = imported
    assert len(shipped.corpus.procedures) == len(list(drafts.glob("*.yaml"))) > 0
    for doc in shipped.corpus.procedures:
        if doc.model.code in NOT_YET_IMPORTED:
            continue
        data = house_yaml().load((drafts / (doc.model.code.replace("/", "-") + ".yaml")).read_text("utf-8"))
        assert "owner" not in data  # never guessed: the build does not print it
        model = Procedure.model_validate({**data, "owner": doc.model.owner})
        assert _printed(model, shipped) == _printed(doc.model, shipped), doc.model.code


def test_the_only_unmapped_part_of_a_built_document_is_its_owner(imported: tuple[Path, str]) -> None:
    _, output = imported
    notes = [line for line in output.splitlines() if line.startswith("  ")]
    owners = [line for line in notes if line.endswith("add `owner`): owner")]
    assert len(owners) == 10
    # Shared duties and roles (NOT_YET_IMPORTED) are read as names the config does not have: proposed, not guessed.
    proposed = [line.strip() for line in notes if line not in owners and line.strip().startswith("zh:")]
    assert proposed == ["zh: 销售部、国贸部", "zh: 售后客服专员（售后服务部）", "zh: 售后技术员（售后服务部）",
                        "zh: 售后技术工程师（售后服务部）"]


def test_drafts_start_with_the_schema_modeline(imported: tuple[Path, str]) -> None:
    drafts, _ = imported
    for path in drafts.glob("*.yaml"):
        assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=../schemas/procedure.schema.json\n")
