"""A project whose every free-text field and name holds markup, CI commands and terminal escapes.

`check` reads it, and every CI format it emits has no injected line, no raw control character and
well-formed XML and JSON; `build` prints its findings as safely.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from proccompile.diagnostics.emitters import FORMATS
from proccompile.load.house_data import yaml_bytes
from proccompile.load.house_format import house_yaml
from proccompile.scaffold.project import project_files
from tests.helpers import run_split

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
MARKUP = "<img src=x onerror=alert(1)>"
# Text a YAML value can hold and a Word document can store: markup, a line that is a workflow command,
# a closing JUnit tag.
PRINTABLE_PAYLOAD = f"{MARKUP}\n::error::x\n::add-mask::secret</testcase>"
# The same with a terminal title sequence (ESC ] 0 ; … BEL), which no document may hold (PC204).
CONTROL_PAYLOAD = f"{PRINTABLE_PAYLOAD}\x1b]0;x\x07"
# Keys that hold codes, ids, dates and settings, not free text.
STRUCTURAL = {"code", "version", "status", "owner", "department", "keeper", "form", "id", "date", "issued",
              "effective", "language", "style", "procedure", "time_limit", "retention", "records",
              "related_documents", "iso_clauses", "review_interval", "default_retention", "minimum_retention",
              "max_amendment", "rows", "type", "orientation", "record_kind", "period", "medium"}
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _poison(data: Any, payload: str, key: str = "") -> Any:
    """``data`` with ``payload`` added to every free-text string (titles, names, steps, labels, duties)."""
    if isinstance(data, dict):
        return {k: v if k in STRUCTURAL else _poison(v, payload, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_poison(item, payload, key) for item in data]
    if isinstance(data, str) and key not in STRUCTURAL:
        return f"{data} {payload}"
    return data


def hostile_project(root: Path, language: str, payload: str, config_payload: str | None = None) -> None:
    """init's project with ``payload`` in every free text of its documents (``config_payload`` in the config's
    company and department names, document titles and issuers; ``payload`` when not given)."""
    for rel, content in project_files(language, None, dt.date(2026, 1, 5)).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.split("/")[0] in ("procedures", "forms", "proccompile.yaml"):
            data = json.loads(json.dumps(house_yaml().load(content.decode("utf-8")), default=str))
            given = config_payload if rel == "proccompile.yaml" and config_payload is not None else payload
            content = yaml_bytes(_poison(data, given))
        path.write_bytes(content)


def findings_project(root: Path) -> None:
    """Hostile text where findings quote it: a key, a department, a form code and a file name."""
    # A config that does not load stops every command (exit 2), so its names hold what a config may.
    hostile_project(root, "en", CONTROL_PAYLOAD, config_payload=PRINTABLE_PAYLOAD)
    procedure = root / "procedures" / "QP-01.yaml"
    data = house_yaml().load(procedure.read_text("utf-8"))
    data[f"notes {CONTROL_PAYLOAD}"] = "an unknown field"
    data["process"][0]["steps"][1]["records"] = [f"QR-{PRINTABLE_PAYLOAD}"]
    procedure.write_bytes(yaml_bytes(json.loads(json.dumps(data, default=str))))
    # A second procedure that models (its text holds no control character), under an odd file name, cites
    # a department that does not exist.
    clean = root / "clean"
    hostile_project(clean, "en", PRINTABLE_PAYLOAD)
    data = house_yaml().load((clean / "procedures" / "QP-01.yaml").read_text("utf-8"))
    data["code"] = "QP-02"
    data["process"][0]["steps"][0]["owner"] = f"quality {PRINTABLE_PAYLOAD}"
    odd_name = root / "procedures" / "QP-02 <img src=x onerror=alert(1)>\n::error::x\x1b]0;x\x07.yaml"
    odd_name.write_bytes(yaml_bytes(json.loads(json.dumps(data, default=str))))


def _assert_safe(fmt: str, output: str) -> None:
    output.encode("utf-8")
    if fmt == "junit":
        root = ET.fromstring(output.encode("utf-8"))  # well-formed: no raw control character, no stray tag
        assert root.tag == "testsuites"
        assert all(case.tag == "testcase" and len(case.findall("failure")) <= 1 for case in root.iter("testcase"))
    elif fmt in ("json", "gitlab", "sarif"):
        data = json.loads(output)
        if fmt == "sarif":
            jsonschema.Draft4Validator(SARIF_SCHEMA).validate(data)
    else:
        lines = output.splitlines()
        commands = [line for line in lines if line.lstrip().startswith("::")]
        if fmt == "github":
            assert all(line.startswith(("::error file=", "::warning file=")) for line in commands)
            assert len(commands) == len(lines) - 1  # a command per finding, then the summary
        else:
            assert commands == []
    assert not RAW_CONTROL.search(output.replace("\n", ""))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_project_of_hostile_findings_emits_every_format_safely(tmp_path: Path, fmt: str) -> None:
    findings_project(tmp_path)
    code, stdout, stderr = run_split(["check", "--format", fmt, "."], tmp_path)
    assert code == 1, stderr
    _assert_safe(fmt, stdout)
    if fmt == "concise":
        # The findings that quote the hostile text are there, on one line each.
        assert "PC201 Unknown field `notes <img src=x onerror=alert(1)>\\n::error::x\\n::add-mask::secret" \
               "</testcase>\\x1b]0;x\\x07`" in stdout
        assert "PC304 Department `quality <img src=x onerror=alert(1)>\\n::error::x" in stdout
        assert "procedures/QP-02 <img src=x onerror=alert(1)>\\n::error::x\\x1b]0;x\\x07.yaml:" in stdout
        assert "PC203 `records` has an invalid form: `QR-<img src=x onerror=alert(1)>\\n::error:…`" in stdout


@pytest.mark.parametrize("language", ["en", "zh"])
def test_hostile_free_text_checks_builds_and_reports_safely(tmp_path: Path, language: str) -> None:
    project = tmp_path / "p"
    hostile_project(project, language, PRINTABLE_PAYLOAD)
    for fmt in FORMATS:
        code, stdout, stderr = run_split(["check", "--format", fmt, "."], project)
        assert code == 0, stdout + stderr
        _assert_safe(fmt, stdout)
    code, stdout, stderr = run_split(["build", "--format", "concise", "-o", str(tmp_path / "out"), "."], project)
    assert code == 0, stdout + stderr
    assert not [line for line in stdout.splitlines() if line.lstrip().startswith("::")]
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 2


def test_control_characters_in_free_text_are_findings_not_output(tmp_path: Path) -> None:
    hostile_project(tmp_path, "en", CONTROL_PAYLOAD, config_payload=PRINTABLE_PAYLOAD)
    code, stdout, _ = run_split(["check", "--format", "concise", "."], tmp_path)
    assert code == 1
    assert {line.split(" ")[1] for line in stdout.splitlines()[:-1]} == {"PC204"}
    _assert_safe("concise", stdout)
