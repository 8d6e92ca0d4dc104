"""`init` and `new`: a new project checks and builds cleanly; new files are valid drafts; bad codes are refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from proccompile.load.house_format import dump_house, house_yaml
from tests.helpers import run_cli, run_split


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_check_build_site_in_an_empty_folder(tmp_path: Path, language: str) -> None:
    code, output = run_cli(["init", "qms", "--language", language, "--company", "Acme Pumps"], tmp_path)
    assert code == 0, output
    project = tmp_path / "qms"
    # The one thing init cannot know is who writes the procedure: the author stays a placeholder to fill in.
    placeholder = "（编制人）" if language == "zh" else "(author)"
    lines = (project / "procedures" / "QP-01.yaml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("author:"))
    assert run_cli(["check", "--format", "concise", "qms"], tmp_path) == (0, (
        f"procedures/QP-01.yaml:{line}:13: PC422 [warning] `author` still holds the placeholder `{placeholder}`\n"
        "Found 1 warning in 1 file.\n"))
    code, output = run_cli(["build", "qms", "-o", "out"], tmp_path)
    assert code == 0, output
    built = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.docx"))
    assert len(built) == 2 and built[0].startswith("forms/QR-01-01_A-0_")
    code, output = run_cli(["site", "qms", "-o", "web"], tmp_path)
    assert code == 0, output
    assert (tmp_path / "web" / "procedures" / "QP-01.html").is_file()
    assert (tmp_path / "web" / "files" / built[0]).is_file()
    config = house_yaml().load((project / "proccompile.yaml").read_text("utf-8"))
    # The given name is the company's name in the project's language; an English project holds no Chinese.
    assert config["language"] == language and dict(config["company"]) == {language: "Acme Pumps"}
    if language == "en":
        sources = [project / "proccompile.yaml", *project.glob("procedures/*.yaml"), *project.glob("forms/*.yaml")]
        assert [p.name for p in sources if re.search("[\u4e00-\u9fff]", p.read_text("utf-8"))] == []


def test_init_writes_ci_pre_commit_and_editor_set_up(tmp_path: Path) -> None:
    run_cli(["init"], tmp_path)
    for name in (".pre-commit-config.yaml", ".github/workflows/proccompile.yml", ".gitlab-ci.yml"):
        text = (tmp_path / name).read_text("utf-8")
        # Written in the house format: loading and dumping again gives the same bytes.
        assert dump_house(house_yaml().load(text)).decode("utf-8") == text
        assert "proccompile check" in text
    assert "--format gitlab" in (tmp_path / ".gitlab-ci.yml").read_text("utf-8")
    # CI installs proccompile from where the team keeps it, never a guessed name and version from an index.
    for name in (".github/workflows/proccompile.yml", ".gitlab-ci.yml"):
        text = (tmp_path / name).read_text("utf-8")
        assert 'pip install "${PROCCOMPILE_INSTALL:?set the CI variable PROCCOMPILE_INSTALL' in text
        assert not re.search(r"pip install \S*proccompile==", text)
    assert "PROCCOMPILE_INSTALL: ${{ vars.PROCCOMPILE_INSTALL }}" in (
        tmp_path / ".github/workflows/proccompile.yml").read_text("utf-8")
    hook = house_yaml().load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]["hooks"][0]
    assert all(re.search(hook["files"], p) for p in ("proccompile.lock", "attachments/flow.png", "forms/a.yaml",
                                                      "in-force/procedures/QP-01.yaml"))
    assert "--format github" in (tmp_path / ".github/workflows/proccompile.yml").read_text("utf-8")
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text("utf-8"))
    assert list(settings["yaml.schemas"].values()) == ["manuals/*.yaml", "procedures/*.yaml", "instructions/*.yaml",
                                                       "forms/*.yaml", "proccompile.yaml"]
    for schema, glob in settings["yaml.schemas"].items():
        assert (tmp_path / schema).is_file() and glob
    assert (tmp_path / ".gitignore").read_text("utf-8").splitlines()[1:] == [
        "/build/", "/.proccompile-build.lock", "/.proccompile-edit.journal"]
    first_lines = [(tmp_path / p).read_text("utf-8").splitlines()[0] for p in ("procedures/QP-01.yaml",
                                                                               "forms/QR-01-01.yaml")]
    assert first_lines == ["# yaml-language-server: $schema=../schemas/procedure.schema.json",
                           "# yaml-language-server: $schema=../schemas/form.schema.json"]


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "proccompile.yaml").write_text("company: keep me\n", encoding="utf-8")
    code, _, err = run_split(["init"], tmp_path)
    assert code == 2 and "already has proccompile.yaml" in err
    assert (tmp_path / "proccompile.yaml").read_text("utf-8") == "company: keep me\n"
    assert not (tmp_path / "procedures").exists()


def test_new_procedure_and_form_pass_check(tmp_path: Path) -> None:
    run_cli(["init", "--language", "en"], tmp_path)
    assert run_cli(["new", "procedure", "QP-02", "--title", "Calibration", "--owner", "quality"], tmp_path)[0] == 0
    text = (tmp_path / "procedures/QP-02.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/procedure.schema.json\ncode: QP-02\n")
    assert "title: Calibration\n" in text and "owner: quality\n" in text
    assert run_cli(["new", "form", "QR-02-01"], tmp_path)[0] == 0
    code, output = run_cli(["check", "--format", "concise"], tmp_path)
    # The new form is a valid draft that no procedure cites yet: a warning, never an error.
    assert (code, output.splitlines()[0]) == (0, "forms/QR-02-01.yaml:2:7: PC311 [warning] "
                                                 "No procedure references form `QR-02-01`")


def test_new_manual_and_instruction_go_to_their_folders_and_pass_check(tmp_path: Path) -> None:
    run_cli(["init", "--language", "en"], tmp_path)
    code, _, err = run_split(["new", "manual", "QM-01"], tmp_path)
    assert code == 2 and "The project has no document type `manual`" in err and "document_types" in err
    config = tmp_path / "proccompile.yaml"
    config.write_text(config.read_text("utf-8") + "document_types:\n  - {id: manual, pattern: '^QM-\\d{2}$'}\n"
                      "  - {id: instruction, folder: work, pattern: '^WI-\\d{2}-\\d{2}$'}\n", "utf-8")
    assert run_cli(["new", "manual", "QM-01"], tmp_path)[0] == 0
    assert run_cli(["new", "instruction", "WI-01-01", "--owner", "quality"], tmp_path)[0] == 0
    manual = (tmp_path / "manuals/QM-01.yaml").read_text("utf-8")
    assert manual.startswith("# yaml-language-server: $schema=../schemas/manual.schema.json\ncode: QM-01\n")
    assert "title: Quality Manual\n" in manual and "clauses:\n" in manual
    instruction = (tmp_path / "work/WI-01-01.yaml").read_text("utf-8")
    assert instruction.startswith("# yaml-language-server: $schema=../schemas/instruction.schema.json\n")
    assert "owner: quality\n" in instruction and "operations:\n" in instruction
    code, _, err = run_split(["new", "instruction", "WI-1"], tmp_path)
    assert code == 2 and "matches `document_types[1].pattern`" in err
    code, out = run_cli(["check", "--format", "concise"], tmp_path)
    assert code == 0 and "error" not in out and out.endswith("in 3 files.\n")  # placeholders to write (PC422)


@pytest.mark.parametrize(("args", "message"), [
    (["new", "procedure", "QP-1"], "`QP-1` does not follow the procedure numbering pattern"),
    (["new", "form", "QP-02"], "`QP-02` does not follow the form numbering pattern"),
    (["new", "procedure", "QP-01"], "`QP-01` already exists (procedures/QP-01.yaml)"),
    (["new", "form", "QR-01-01"], "`QR-01-01` already exists (forms/QR-01-01.yaml)"),
    (["new", "procedure", "QP-02", "--owner", "qualty"], "Department `qualty` is not defined"),
    # `\d` is an ASCII digit, as check has it: full-width and Arabic-Indic digits are refused.
    (["new", "procedure", "QP-０２"], "`QP-０２` does not follow the procedure numbering pattern"),
    (["new", "form", "QR-٠١-٠٢"], "`QR-٠١-٠٢` does not follow the form numbering pattern"),
])
def test_new_refuses_bad_codes(tmp_path: Path, args: list[str], message: str) -> None:
    run_cli(["init"], tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, _, err = run_split(args, tmp_path)
    assert code == 2 and message in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_new_matches_codes_with_the_engine_check_uses(tmp_path: Path) -> None:
    # A Unicode property, which stdlib `re` cannot compile; `check` accepts the pattern, so `new` must too.
    run_cli(["init"], tmp_path)
    config = tmp_path / "proccompile.yaml"
    text = config.read_text("utf-8")
    assert r"procedure: ^QP-\d{2}$" in text
    config.write_text(text.replace(r"procedure: ^QP-\d{2}$", r"procedure: ^\p{Lu}{2}-\d{2}$"), "utf-8")
    assert run_cli(["check", "--format", "concise"], tmp_path)[0] == 0
    code, _, err = run_split(["new", "procedure", "QP-02"], tmp_path)
    assert (code, err) == (0, "")
    assert run_cli(["check", "--format", "concise"], tmp_path)[0] == 0


def test_new_refuses_a_code_whose_match_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import proccompile.commands.new as new_command

    run_cli(["init"], tmp_path)
    monkeypatch.setattr(new_command, "full_match", lambda pattern, code: None)
    code, _, err = run_split(["new", "procedure", "QP-02"], tmp_path)
    assert code == 2 and "took too long" in err and not (tmp_path / "procedures/QP-02.yaml").exists()


def test_new_without_a_project_exits_2(tmp_path: Path) -> None:
    code, output, err = run_split(["new", "form", "QR-01-01"], tmp_path)
    assert code == 2 and "PC001" in output and "proccompile.yaml" in err


def test_new_document_of_a_project_type_is_made_from_its_chapters(tmp_path: Path) -> None:
    run_cli(["init", "--language", "en"], tmp_path)
    config = tmp_path / "proccompile.yaml"
    config.write_text(config.read_text("utf-8") + (
        "document_types:\n  - id: specification\n    en: Inspection specification\n"
        "    pattern: '^QS-\\d{2}$'\n    chapters:\n"
        "      - {id: purpose, kind: text, en: Purpose}\n      - {id: items, kind: table, en: Items}\n"
        "      - {id: notes, kind: list, en: Notes, optional: true}\n"
        "      - {id: duties, kind: responsibilities, en: Responsibilities}\n"), "utf-8")
    assert run_cli(["new", "specification", "QS-01", "--title", "Incoming inspection"], tmp_path)[0] == 0
    data = (tmp_path / "specifications" / "QS-01.yaml").read_text("utf-8")
    assert data.startswith("# yaml-language-server: $schema=../schemas/specification.schema.json\ncode: QS-01\n")
    assert "purpose: (to be written)\n" in data and "items:\n" in data and "notes:" not in data
    assert "duties:\n  - department: management\n" in data  # the owner (the first department) has its duties
    code, out = run_cli(["check", "--format", "concise"], tmp_path)
    assert code == 0 and "PC422" in out and "specifications/QS-01.yaml" in out  # placeholders to write, no error
    code, _, err = run_split(["new", "specifcation", "QS-02"], tmp_path)
    assert code == 2 and "The project has no document type `specifcation`" in err and "`specification`" in err
