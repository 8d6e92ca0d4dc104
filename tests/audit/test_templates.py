"""Question wording is a project template: overrides win, and a broken override stops the output (PC501)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli, run_split


def _template(project: Path, name: str, text: str) -> None:
    path = project / "templates" / "checklist" / "zh" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_project_template_and_labels_override_the_packaged_wording(base: Path) -> None:
    _template(base, "time_limit.j2", "抽查{% if sampled %}样本{% endif %}"
                                     "{% for f in forms %}{{ f.number }}{% endfor %}，"
                                     "核对是否在{{ duration }}内完成（{{ criteria }}）。\n")
    _template(base, "labels.j2", '{% set col_question = "检查内容" %}\n')
    code, output = run_cli(["checklist", "--format", "csv", "-o", "-"], base)
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0].split(",")[4] == "检查内容"
    assert "抽查样本QR-01-01，核对是否在24小时内完成（QP-01 §5.1.1）。" in output
    assert "是否按 5.1.2 的规定执行" in output  # other kinds keep the packaged wording


def test_broken_project_template_is_pc501_and_writes_nothing(base: Path) -> None:
    _template(base, "step.j2", "{{ department }}是否执行{{ no_such_value }}\n")
    code, output = run_cli(["checklist", "--format", "md", "-o", "out.md"], base)
    assert code == 1
    assert output.startswith("templates/checklist/zh/step.j2:1:1: PC501 Template failed: 'no_such_value' is undefined")
    assert not (base / "out.md").exists()


def test_sandbox_refuses_unsafe_attribute_access(base: Path) -> None:
    _template(base, "record.j2", "{{ forms.__class__.__mro__ }}\n")
    code, stdout, output = run_split(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 1 and "PC501" in output and stdout == ""  # findings go to stderr when stdout is the output


def test_unknown_label_is_reported(base: Path) -> None:
    _template(base, "labels.j2", '{% set col_questoin = "检查内容" %}\n')
    code, _, output = run_split(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 1
    assert output.startswith("templates/checklist/zh/labels.j2:1:1: PC501 `col_questoin` is not a label\n")


def test_template_linking_outside_the_project_is_refused(base: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    link = base / "templates" / "checklist" / "zh" / "step.j2"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    code, stdout, output = run_split(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 1 and "PC316 Template `templates/checklist/zh/step.j2` links outside the project" in output
    assert "password" not in output + stdout


def test_a_raised_template_limit_holds_for_the_docx_checklist_as_for_the_build(base: Path) -> None:
    """A page-number template longer than the default output limit, allowed by the project's own limit."""
    path = base / "templates" / "zh" / "page_number.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("第{{ page }}页{% for i in range(25000) %}{{ '　' * 10 }}{% endfor %}共{{ pages }}页\n",
                    encoding="utf-8")
    config = base / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  template_output_chars: 400000\n",
                      encoding="utf-8")
    assert run_cli(["build", "--format", "concise", "-o", "out"], base)[0] == 0
    code, output = run_cli(["checklist", "--format", "docx", "-o", "checklist.docx"], base)
    assert (code, (base / "checklist.docx").is_file()) == (0, True), output
