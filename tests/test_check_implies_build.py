"""If `check` passes, build, checklist and register succeed on the same project: every writer limit is a finding."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from proccompile.load.house_format import dump_house, house_yaml
from tests.helpers import run_split

BASE = Path(__file__).parent / "cases" / "base"

# Text as users and their tools write it: CJK, long runs, invisible and right-to-left marks, quotes,
# slashes and dots (file-name trouble), control characters (XML trouble), and everything else.
_TRICKY = st.sampled_from(["\u202e", "\u200b", "\ufeff", "/", "\\", ".", " ", ":", "*", "\x0b", "\t", "=", "<b>",
                           "《", "》", "—", "…", "%", "{", "}", "\U0001f600"])
TEXT = st.one_of(
    st.text(min_size=1, max_size=30),
    st.lists(st.one_of(_TRICKY, st.sampled_from("程序文件顾客服务记录表单质量部")), min_size=1, max_size=300)
    .map("".join),
    st.text(alphabet="质量管理体系要求", min_size=60, max_size=160),
)
CLAUSES = st.lists(st.sampled_from(["4.1", "7.5.3", "8.2.1", "8.5.5", "9.1.2", "10.2"]), max_size=80)
EDITS = st.fixed_dictionaries({}, optional={
    "procedure_title": TEXT, "form_title": TEXT, "author": TEXT, "company": TEXT, "clauses": CLAUSES,
    "version_pattern": st.sampled_from(["{code}", "{code}—{year}", "{code} {version} " + "x" * 250]),
    "storage": TEXT, "duty": TEXT,
    # the flowchart: text in its boxes, terminator and outcome labels, and where it is printed
    "step_text": TEXT, "trigger": TEXT, "outcome": TEXT,
    "placement": st.sampled_from(["process", "section", "attachment", "none"]),
})
PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _edit(path: Path, change: Any) -> None:
    tree = house_yaml().load(path.read_text(encoding="utf-8"))
    change(tree)
    path.write_bytes(dump_house(tree))


def _apply(project: Path, edits: dict[str, Any]) -> None:
    def procedure(tree: Any) -> None:
        if "procedure_title" in edits:
            tree["title"] = edits["procedure_title"]
        if "author" in edits:
            tree["approvals"]["prepared"]["name"] = edits["author"]
        if "clauses" in edits:
            tree["iso_clauses"] = edits["clauses"]
        if "storage" in edits:
            tree["records"][0]["storage"] = edits["storage"]
        if "duty" in edits:
            tree["responsibilities"][0]["duties"][0] = edits["duty"]
        steps = tree["process"][0]["steps"]
        if "step_text" in edits:
            steps[0]["text"] = edits["step_text"]
        if "trigger" in edits:
            tree["process"][0]["trigger"] = edits["trigger"]
        if "outcome" in edits:  # the second step decides: end, or back to the first (a loop)
            steps[0]["id"] = "receive"
            steps[1]["decision"] = {"outcomes": [{"label": edits["outcome"], "next": "end"},
                                                 {"label": "否", "next": "receive"}]}

    def form(tree: Any) -> None:
        if "form_title" in edits:
            tree["title"] = edits["form_title"]

    def config(tree: Any) -> None:
        if "company" in edits:
            tree["company"]["zh"] = edits["company"]
        if "version_pattern" in edits:
            tree["numbering"]["procedure_display"] = edits["version_pattern"]
        if "placement" in edits:
            tree["flowcharts"] = {"placement": edits["placement"]}

    _edit(project / "procedures" / "QP-01.yaml", procedure)
    _edit(project / "forms" / "QR-01-01.yaml", form)
    _edit(project / "proccompile.yaml", config)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path


@given(edits=EDITS)
@PROPERTY
def test_every_command_succeeds_when_check_passes(project: Path, edits: dict[str, Any]) -> None:
    root = project / "qms"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(BASE, root)
    _apply(root, edits)
    code, out, err = run_split(["check", "--format", "concise", "."], root)
    assert code in (0, 1, 2) and "internal error" not in err
    event("check passed" if code == 0 else "check found problems")
    if code != 0:
        return
    for args in (["build", "--format", "concise", "-o", "out", "."],
                 ["site", "-o", "out/site", "."],
                 ["checklist", "--format", "docx", "-o", "out/checklist.docx", "."],
                 ["register", "--format", "xlsx", "-o", "out/registers.xlsx", "."],
                 ["register", "--format", "csv", "-o", "out/registers.csv", "."]):
        code, out, err = run_split(args, root)
        assert code == 0, f"`{' '.join(args)}` failed after a clean check:\n{out}{err}"
    assert len([p for p in (root / "out").rglob("*.docx") if "site" not in p.parts]) == 4
    assert len(list((root / "out" / "site" / "files").rglob("*.docx"))) == 3


CASES = BASE.parent / "invalid"
TEMPLATE_CASES = sorted(p for p in CASES.iterdir()
                        if p.name.startswith(("PC501-", "PC316-path-outside-project--linked-t")))


@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=lambda p: p.name)
def test_check_renders_the_templates_the_build_will(case: Path) -> None:
    """A template that would stop the build (syntax, undefined value, sandbox, a link outside) fails check."""
    code, out, _ = run_split(["check", "--format", "concise", "."], case)
    assert code == 1 and (" PC501 " in out or " PC316 " in out), out


@pytest.mark.parametrize("template", ["page_number", "cover_dates", "attachment", "form_notes", "labels"])
def test_check_renders_every_document_template(tmp_path: Path, template: str) -> None:
    root = tmp_path / "qms"
    shutil.copytree(BASE, root)
    (root / "templates" / "zh").mkdir(parents=True)
    # Fails only with the values a document gives it: parsing alone would pass.
    body = "{% set purpose = missing.attribute %}" if template == "labels" else "{{ missing.attribute }}"
    (root / "templates" / "zh" / f"{template}.j2").write_text(body + "\n", encoding="utf-8")
    procedure = root / "procedures" / "QP-01.yaml"
    attachment = "attachments:\n  - title: 流程图\n    form: QR-01-01\n"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "records:\n  - form: QR-01-01", attachment + "records:\n  - form: QR-01-01", 1), encoding="utf-8")
    code, out, _ = run_split(["check", "--format", "concise", "."], root)
    assert code == 1 and f"templates/zh/{template}.j2:" in out and " PC501 " in out, out


def test_a_long_code_checks_builds_and_publishes(tmp_path: Path) -> None:
    """A 204-character code: its file and site page names are cut to fit, so check passing means the rest works."""
    root = tmp_path / "qms"
    shutil.copytree(BASE, root)
    code = "QR-01-03-" + "A" * 195
    config = root / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(r"'^QR-\d{2}-\d{2}$'", r"'^QR-\d{2}-\d{2}(-A+)?$'"),
                      encoding="utf-8")
    form = (root / "forms" / "QR-01-02.yaml").read_text(encoding="utf-8").replace("code: QR-01-02", f"code: {code}")
    (root / "forms" / "long.yaml").write_text(form, encoding="utf-8")
    assert run_split(["check", "--format", "concise", "."], root)[0] == 0
    for args in (["build", "--format", "concise", "-o", "out", "."], ["site", "-o", "out/site", "."]):
        result, out, err = run_split(args, root)
        assert result == 0, out + err
    pages = [p.name for p in (root / "out" / "site" / "forms").iterdir() if p.name.startswith("QR-01-03-")]
    assert len(pages) == 1 and len(pages[0].encode()) == 205  # 200 bytes of code and .html
