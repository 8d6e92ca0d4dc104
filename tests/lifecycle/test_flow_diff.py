"""A changed flow is in the semantic change list: a new branch, a moved step, a changed trigger; renumbering alone
is not a flow change."""

from __future__ import annotations

from pathlib import Path

from proccompile.lifecycle.semantic import Change, semantic_diff
from proccompile.model.procedure import Procedure
from proccompile.pipeline import check_project

ROOT = Path(__file__).parents[2]


def _quality_problems() -> Procedure:
    return check_project(ROOT).corpus.procedure("Q/FL2.0813").model


def _with_section(p: Procedure, steps: list, **changes: object) -> Procedure:  # type: ignore[type-arg]
    section = p.process[3].model_copy(update={"steps": steps, **changes})
    return p.model_copy(update={"process": [*p.process[:3], section, *p.process[4:]]})


def test_a_new_branch_and_a_moved_step_are_listed() -> None:
    p = _quality_problems()
    steps = list(p.process[3].steps)
    decision = steps[1].decision
    assert decision is not None
    branch = decision.outcomes[1].model_copy(update={"next": "design"})  # 否 now goes to the design review
    steps[1] = steps[1].model_copy(update={"decision": decision.model_copy(update={"outcomes": [
        decision.outcomes[0], branch]})})
    steps[0], steps[1] = steps[1], steps[0]  # the grading now comes first
    changes = [c for c in semantic_diff(p, _with_section(p, steps, trigger="收到质量信息"))
               if c.what in ("flow", "section trigger")]
    assert Change("added", "5.4.1", "flow", None, "5.4.1 → 5.4.5 (否)") in changes
    assert Change("removed", "5.4.2", "flow", "5.4.2 → 5.4.4 (否)", None) in changes
    assert Change("added", "5.4.2", "flow", None, "5.4.2 → 5.4.3") in changes  # the 三包 step leads on
    assert Change("changed", "5.4", "section trigger", "收到质量信息或退回的三包件", "收到质量信息") in changes


def test_renumbering_alone_changes_no_arrow() -> None:
    p = _quality_problems()
    first = p.process[0]
    longer = first.model_copy(update={"steps": [first.steps[0].model_copy(update={"text": "新增的第一步。"}),
                                                *first.steps]})
    newer = p.model_copy(update={"process": [longer, *p.process[1:]]})
    flow = [c for c in semantic_diff(p, newer) if c.what == "flow"]
    # the new step's own arrows, and nothing from the renumbered steps after it
    assert flow == [Change("added", "5.1.1", "flow", None, "5.1.1 → 5.1.2"),
                    Change("added", "5.1", "flow", None, "5.1 start → 5.1.1"),
                    Change("removed", "5.1", "flow", "5.1 start → 5.1.1", None)]


def test_the_redline_shows_the_old_chart_deleted_and_the_new_one_inserted(tmp_path: Path) -> None:
    import io
    import zipfile

    from lxml import etree

    from proccompile.pipeline.diffs import diff_project, redline_project
    from tests.helpers import run_split
    from tests.lifecycle.conftest import copy_project
    from tests.lifecycle.test_diff import _edit, _git

    root = copy_project(tmp_path / "qms")
    _git(root, "init", "-q")
    assert run_split(["lock", "."], root)[0] == 0
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "B/0")
    _edit(root / "procedures" / "Q-FL2.0813.yaml")  # among others, 5.4.3's limit 24h → 12h: its chart changes
    data = redline_project(root, diff_project(root, "Q/FL2.0813", "B/0", None))
    assert data is not None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    drawings = {kind: [el for el in body.iter(f"{w}{kind}") if el.find(f".//{w}drawing") is not None]
                for kind in ("ins", "del")}
    texts = {kind: ["".join(t.text or "" for t in el.iter(f"{w}t")) for el in found]
             for kind, found in drawings.items()}
    assert len(drawings["ins"]) == len(drawings["del"]) == 1  # the 5.4 chart only; the others are unchanged
    # 5.4.3's limit line, 时限：发现重大质量问题后 24 小时, broken over two lines in the box
    assert "重大质量问题后24 小时" in texts["del"][0] and "重大质量问题后12 小时" in texts["ins"][0]
    assert "12 小时" not in texts["del"][0] and "24 小时" not in texts["ins"][0]
