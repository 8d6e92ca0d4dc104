"""A steps chapter of any document type has the flow a procedure's process has: checked (PC350–PC355), drawn in
the Word file and on the site, and compared by `diff`; a step with several owners is drawn in its first owner's
lane with the others named on it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from proccompile.diagnostics.model import Severity
from proccompile.lifecycle.semantic import Change, semantic_diff
from proccompile.model.flow import flow_of, steps_chapters
from proccompile.pipeline import check_project
from tests.helpers import run_cli

PYRAMID = Path(__file__).parent / "cases" / "valid" / "pyramid"
SPECIFICATION = "specifications/Q-JG001.yaml"
FLOW = """flow:
  - title: 退回件检验
    trigger: 收到退回件
    steps:
      - text: 按检验项目检验退回件。
        owner: quality
      - text: 判定是否为质量问题。
        owner: [quality-manager, sales]
        decision:
          question: 是否质量问题？
          outcomes:
            - {label: 是, next: claim}
            - {label: 否, next: NEXT}
      - id: claim
        text: 通知销售部办理索赔。
        owner: sales
"""


def _project(tmp_path: Path, after_no: str) -> Path:
    """The pyramid project, its inspection specifications given a steps chapter (检验流程) after the table."""
    root = tmp_path / "qms"
    shutil.copytree(PYRAMID, root)
    config = root / "proccompile.yaml"
    sampling = "      - {id: sampling, kind: list, zh: 抽样规则, optional: true}\n"
    text = config.read_text("utf-8")
    assert sampling in text
    config.write_text(text.replace(sampling, sampling + "      - {id: flow, kind: steps, zh: 检验流程}\n"), "utf-8")
    spec = root / SPECIFICATION
    text = spec.read_text("utf-8")
    spec.write_text(text.replace("records:\n", FLOW.replace("NEXT", after_no) + "records:\n", 1), "utf-8")
    return root


def test_a_flow_reference_in_a_project_type_is_checked(tmp_path: Path) -> None:
    result = check_project(_project(tmp_path, "nowhere"))
    found = [(d.code.id, d.span.path, d.message) for d in result.diagnostics if d.code.id.startswith("PC35")]
    assert found == [("PC350", SPECIFICATION,
                      "Step 3.1.2 leads to `nowhere`, which is no step of this specification")]


def test_a_project_type_steps_chapter_is_drawn_in_word_and_on_the_site(tmp_path: Path) -> None:
    root = _project(tmp_path, "end")
    result = check_project(root)
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]
    spec = result.corpus.document("Q/JG001")
    assert spec is not None
    assert [c.id for c in steps_chapters(spec.model)] == ["flow"]
    flow = flow_of(spec.model, "flow")
    assert flow.chapter == "flow" and len(flow.sections) == 1

    assert run_cli(["build", "."], root)[0] == 0
    docx = next((root / "build" / "specifications").glob("Q-JG001_*.docx"))
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "wpg:wgp" in body  # the chart, as native shapes
    chart = body[body.index("wpg:wgp"):]
    for lane in ("质量部", "质量经理（质量部）", "销售部"):  # lanes by first owner: the role has its own
        assert f">{lane}<" in chart
    assert "共同负责：销售部" in chart and "收到退回件" in chart and "是否质量问题？" in chart

    assert run_cli(["site", "."], root)[0] == 0
    page = (root / "build" / "site" / "specifications" / "Q-JG001.html").read_text("utf-8")
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="flowchart"') == 1 and "是否质量问题？" in page


@pytest.mark.parametrize("branch", ["claim"])
def test_a_changed_branch_of_a_project_type_flow_is_in_the_diff(tmp_path: Path, branch: str) -> None:
    old = check_project(_project(tmp_path / "old", "end")).corpus.document("Q/JG001")
    new = check_project(_project(tmp_path / "new", branch)).corpus.document("Q/JG001")
    assert old is not None and new is not None
    changes = [c for c in semantic_diff(old.model, new.model) if c.what == "flow"]
    assert Change("added", "3.1.2", "flow", None, "3.1.2 → 3.1.3 (否)") in changes
    assert Change("removed", "3.1.2", "flow", "3.1.2 → end (否)", None) in changes
