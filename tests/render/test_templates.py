"""Wording templates: project overrides win, partial label overrides merge, template errors become PC501."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.views.wording import Texts
from tests.render.conftest import MINIMAL, render_project
from tests.render.dump import dump_docx


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    (root / "templates" / "zh").mkdir(parents=True)
    return root


def _write(root: Path, name: str, text: str) -> None:
    (root / "templates" / name).write_text(text, encoding="utf-8")


def _findings(bag: Diagnostics) -> list[tuple[str, str, int, str]]:
    return [(d.code.id, d.span.path, d.span.line, d.message) for d in bag]


def test_packaged_wording_has_the_same_labels_in_every_language() -> None:
    zh, en = Texts(Path("/nonexistent"), "zh", Diagnostics()), Texts(Path("/nonexistent"), "en", Diagnostics())
    assert set(zh.labels) == set(en.labels)
    assert zh.label("terms") == "术语和定义" and en.label("terms") == "Terms and Definitions"


def test_a_project_label_file_overrides_only_what_it_sets(project: Path) -> None:
    _write(project, "zh/labels.j2", '{% set purpose = "目的和意义" %}\n')
    files, bag = render_project(project)
    assert _findings(bag) == []
    dump = dump_docx(next(f for f in files if f.code == "Q/QP01").data)
    assert "[Heading1|break] 1 目的和意义" in dump
    assert "[Heading1] 2 范围" in dump  # not overridden: packaged wording


def test_a_project_fragment_template_replaces_the_packaged_one(project: Path) -> None:
    _write(project, "zh/footer.j2", "{{ number }} 第{{ version }}版\n{{ status_note }}（打印件仅供参考）\n")
    files, bag = render_project(project)
    assert _findings(bag) == []
    dump = dump_docx(next(f for f in files if f.code == "Q/QP01").data)
    assert "[Footer] Q/QP01—2024 第A/1版 ⇥ 受控文件　未经批准不得复制（打印件仅供参考）" \
        in dump


def test_a_project_template_can_extend_the_packaged_one_under_default(project: Path) -> None:
    _write(project, "zh/page_number.j2", '{% include "default/zh/page_number.j2" %}（本页）')
    files, _ = render_project(project)
    assert "第 {PAGE} 页 共 {NUMPAGES} 页（本页）" in dump_docx(files[-1].data)


def test_a_syntax_error_is_a_located_finding_and_packaged_wording_is_used(project: Path) -> None:
    _write(project, "zh/footer.j2", "{{ number }}\n{% if %}\n")
    files, bag = render_project(project)
    findings = _findings(bag)
    assert len(findings) == 1
    code, path, line, message = findings[0]
    assert (code, path, line) == ("PC501", "templates/zh/footer.j2", 2)
    assert message == "Template syntax error: Expected an expression, got 'end of statement block'"
    assert bag.has_errors
    assert "受控表单" in dump_docx(files[0].data)  # the packaged footer of a form


def test_an_undefined_value_is_a_finding_with_its_line(project: Path) -> None:
    _write(project, "zh/cover_dates.j2", "{{ issued }} 发布\n{{ effective }} 实施 {{ approver }}\n")
    _, bag = render_project(project)
    assert [(c, p, ln) for c, p, ln, _ in _findings(bag)] == [("PC501", "templates/zh/cover_dates.j2", 2)]
    assert "'approver' is undefined" in _findings(bag)[0][3]


def test_an_unknown_label_is_reported_at_its_line(project: Path) -> None:
    _write(project, "zh/labels.j2", '{% set scope = "适用范围" %}\n{% set purpse = "目的" %}\n')
    files, bag = render_project(project)
    [(code, path, line, message)] = _findings(bag)
    assert (code, path, line, message) == ("PC501", "templates/zh/labels.j2", 2,
                                           "`purpse` is not a label")
    assert "[Heading1] 2 适用范围" in dump_docx(files[2].data)


def test_the_sandbox_blocks_python_internals(project: Path) -> None:
    _write(project, "zh/footer.j2", "{{ number.__class__.__mro__[1].__subclasses__() }}\n")
    _, bag = render_project(project)
    assert [c for c, *_ in _findings(bag)] == ["PC501"]


def test_control_characters_from_a_template_are_reported_and_removed(project: Path) -> None:
    _write(project, "zh/labels.j2", '{% set scope = "范\x0b围" %}\n')
    files, bag = render_project(project)
    assert [c for c, *_ in _findings(bag)] == ["PC501"]
    assert "[Heading1] 2 范围" in dump_docx(files[2].data)


def test_a_fragment_with_fewer_lines_than_expected_still_renders(project: Path) -> None:
    _write(project, "zh/cover_dates.j2", "{{ effective }} 起实施\n")
    _write(project, "zh/footer.j2", "{{ number }}\n")
    files, bag = render_project(project)
    assert _findings(bag) == []
    dump = dump_docx(next(f for f in files if f.code == "Q/QP01").data)
    assert "[Normal] 2024-03-05 起实施 ⇥" in dump and "[Footer] Q/QP01—2024\n" in dump


@pytest.mark.parametrize(("title", "parts", "caption"), [
    ("5.1 售前服务", 1, "5.1 售前服务流程图"),
    ("5.1 服务流程", 1, "5.1 服务流程图"),  # never 服务流程流程图
    ("顾客满意度管理程序", 1, "顾客满意度管理程序流程图"),
    ("5.2 售后服务流程图", 1, "5.2 售后服务流程图"),
    ("5.4 质量问题处理", 3, "5.4 质量问题处理流程图（2/3）"),
])
def test_the_chinese_flowchart_caption_names_the_chart_once(title: str, parts: int, caption: str) -> None:
    texts = Texts(Path("/nonexistent"), "zh", Diagnostics())
    assert texts.render("flowchart_caption", title=title, part=2, parts=parts) == caption
