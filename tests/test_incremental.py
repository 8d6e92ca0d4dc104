"""Incremental and parallel builds: what each kind of change renders again, and bytes independent of --jobs."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import proccompile
import proccompile.pipeline
import proccompile.render
from proccompile.pipeline import BuildResult, CheckResult, build_project
from proccompile.render.reference_document import default_reference_docx
from tests.helpers import edit_file, run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
ROOT = Path(__file__).parent.parent
EXAMPLE_EN = ROOT / "examples" / "en"
QP01, QP02, QP03 = ("procedures/Q-QP01_A-1_顾客投诉处理程序.docx", "procedures/Q-QP02_A-0_纠正措施控制程序.docx",
                    "procedures/Q-QP03_A-0_产品召回程序.docx")
QR0101, QR0102 = "forms/Q-QR0101_B-0_投诉登记表.docx", "forms/Q-QR0102_A-0_纠正措施记录表.docx"
EVERYTHING = sorted([QP01, QP02, QP03, QR0101, QR0102])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(MINIMAL, root)
    assert _built(root) == EVERYTHING  # the first build renders everything
    return root


def _built(root: Path, **options: object) -> list[str]:
    result = build_project(root, root / "build", jobs=1, **options)  # type: ignore[arg-type]
    assert not result.check.diagnostics.has_errors
    return sorted(result.rendered)


def test_the_first_build_names_every_document(project: Path) -> None:
    assert sorted(json.loads((project / "build" / "manifest.json").read_text())["files"][i]["path"]
                  for i in range(5)) == EVERYTHING


def test_a_rebuild_with_nothing_changed_renders_nothing(project: Path) -> None:
    before = {p: (project / "build" / p).read_bytes() for p in EVERYTHING}
    assert _built(project) == []
    assert {p: (project / "build" / p).read_bytes() for p in EVERYTHING} == before


def test_a_rebuild_with_nothing_changed_computes_no_view(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def planned(*_: object) -> None:
        raise AssertionError("planned although no input changed")

    monkeypatch.setattr(proccompile.render, "plan_corpus", planned)
    assert _built(project) == []


def test_force_renders_everything(project: Path) -> None:
    assert _built(project, force=True) == EVERYTHING


CHANGES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    # Text only the form prints: the form alone.
    "form instructions": (lambda p: edit_file(p / "forms" / "Q-QR0101.yaml", "每一起投诉填写一份。", "每起投诉一份。"),
                          [QR0101]),
    # A form title is printed by the procedures that list the form.
    "form title": (lambda p: edit_file(p / "forms" / "Q-QR0102.yaml", "纠正措施记录表", "纠正措施记录"),
                   sorted([QP01, QP02, "forms/Q-QR0102_A-0_纠正措施记录.docx"])),
    "procedure step": (lambda p: edit_file(p / "procedures" / "Q-QP03.yaml", "确定召回范围并通知顾客。",
                                           "确定召回范围。"),
                       [QP03]),
    "config not printed": (lambda p: edit_file(p / "proccompile.yaml", "language: zh",
                                               "language: zh\nreview_interval: 2y")
                           if "review_interval" not in (p / "proccompile.yaml").read_text(encoding="utf-8") else None,
                           []),
    "template": (lambda p: (p / "templates" / "zh").mkdir(parents=True) or  # type: ignore[func-returns-value]
                 (p / "templates" / "zh" / "footer.j2").write_text("{{ number }}\n", encoding="utf-8"),
                 EVERYTHING),
    "reference document": (lambda p: (p / "templates").mkdir() or  # type: ignore[func-returns-value]
                           (p / "templates" / "reference.docx").write_bytes(default_reference_docx("X")),
                           EVERYTHING),
    "printed config": (lambda p: edit_file(p / "proccompile.yaml", "zh: ", "zh: 新"), EVERYTHING),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_renders_exactly_the_documents_that_show_it(project: Path, change: str) -> None:
    edit, expected = CHANGES[change]
    edit(project)
    assert _built(project) == expected


def test_a_new_tool_version_renders_everything(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proccompile, "__version__", "99.0.0")
    assert _built(project) == EVERYTHING


def test_an_output_edited_or_deleted_in_the_build_folder_is_rendered_again(project: Path) -> None:
    (project / "build" / QR0101).write_bytes(b"edited")
    (project / "build" / QP02).unlink()
    assert _built(project) == sorted([QP02, QR0101])
    assert _built(project) == []


@pytest.mark.parametrize("project", [MINIMAL, EXAMPLE_EN, ROOT], ids=["minimal", "en", "shipped"])
def test_one_and_two_jobs_give_identical_bytes(tmp_path: Path, project: Path) -> None:
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        code, _ = run_cli(["build", "--format", "concise", "--jobs", str(jobs), "-o", str(out), "."], project)
        assert code == 0
        outputs[jobs] = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                         for p in sorted(out.rglob("*")) if p.is_file()}
    # Every document, the manifest, and the (empty) lock file that lets two builds into one folder take turns.
    assert outputs[1] == outputs[2] and len(outputs[1]) > 2


@pytest.mark.parametrize(("project", "workers"), [(MINIMAL, False), (EXAMPLE_EN, True)], ids=["5 documents", "13"])
def test_workers_start_only_for_more_than_one_chunk_of_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Path, workers: bool) -> None:
    import proccompile.render.workers

    started: list[int] = []
    pool = proccompile.render.workers.ProcessPoolExecutor

    def counted(jobs: int, **options: Any) -> Any:
        started.append(jobs)
        return pool(jobs, **options)

    monkeypatch.setattr(proccompile.render.workers, "ProcessPoolExecutor", counted)
    result = build_project(project, tmp_path / "out", jobs=2)
    assert result.rendered and started == ([2] if workers else [])


def test_the_build_command_says_how_many_were_unchanged(project: Path) -> None:
    code, output = run_cli(["build", "--format", "concise", "-o", str(project / "build"), "."], project)
    assert (code, output.strip().endswith(f"(5 unchanged) into {project / 'build'}")) == (0, True)


def _unused_form(root: Path) -> None:
    """A form no procedure lists: a warning (PC311) that does not stop the build."""
    text = (root / "forms" / "Q-QR0102.yaml").read_text(encoding="utf-8")
    (root / "forms" / "Q-QR0199.yaml").write_text(text.replace("Q/QR0102", "Q/QR0199"), encoding="utf-8")


def _findings(result: BuildResult) -> list[tuple[str, str, str, int, int, str | None]]:
    return [(d.code.id, d.severity.value, d.span.path, d.span.line, d.span.col, d.help)
            for d in result.check.diagnostics]


def test_a_rebuild_with_nothing_changed_skips_the_check_and_reports_its_findings(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unused_form(project)
    first = build_project(project, project / "build", jobs=1)
    assert [f[0] for f in _findings(first)] == ["PC311"]

    def checked(*_: object) -> None:
        raise AssertionError("checked although no input changed")

    monkeypatch.setattr(proccompile.pipeline, "check_project", checked)
    again = build_project(project, project / "build", jobs=1)
    assert (_findings(again), again.check.paths, again.rendered) == (_findings(first), first.check.paths, [])
    lines = [[d.span.source_line for d in result.check.diagnostics] for result in (first, again)]
    assert lines[0] == lines[1]


@pytest.mark.parametrize("damage", ["not a list", [{"code": "PC999"}], [{}]])
def test_a_manifest_whose_findings_cannot_be_read_means_checking_again(project: Path, damage: object) -> None:
    manifest = project / "build" / "manifest.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["check"]["findings"] = damage
    manifest.write_text(json.dumps(document), encoding="utf-8")
    result = build_project(project, project / "build", jobs=1)
    assert (not result.check.diagnostics.has_errors, result.rendered) == (True, [])
    assert isinstance(result.check, CheckResult)  # a full check ran


def test_a_broken_lock_file_added_after_a_build_fails_the_rebuild(project: Path) -> None:
    (project / "proccompile.lock").write_text("documents: [\n", encoding="utf-8")
    result = build_project(project, project / "build", jobs=1)
    assert result.check.diagnostics.has_errors and not result.outputs


def test_a_changed_attachment_renders_the_documents_that_embed_it(tmp_path: Path) -> None:
    root = tmp_path / "en"
    shutil.copytree(EXAMPLE_EN, root, ignore=shutil.ignore_patterns("build"))
    build_project(root, root / "build", jobs=1)
    with (root / "attachments" / "nonconforming-output-flow.png").open("ab") as picture:
        picture.write(b"\0")  # still a PNG, but other bytes to embed
    (root / "attachments" / "scrap-cost-rates.csv").write_text("rate\n1\n", encoding="utf-8")
    result = build_project(root, root / "build", jobs=1)
    assert sorted(p for p in result.rendered if p.endswith(".docx")) == [
        "manuals/QM-01_Rev-B_Quality-Manual.docx", "procedures/QP-01_Rev-C_Control-of-Nonconforming-Output.docx"]
    copied = next((root / "build" / "attachments").rglob("scrap-cost-rates.csv"))
    assert copied.read_text(encoding="utf-8") == "rate\n1\n"


def test_a_changed_logo_renders_every_document_again(tmp_path: Path) -> None:
    root = tmp_path / "en"
    shutil.copytree(EXAMPLE_EN, root, ignore=shutil.ignore_patterns("build"))
    first = build_project(root, root / "build", jobs=1)
    with (root / "templates" / "logo.png").open("ab") as picture:
        picture.write(b"\0")  # still a PNG, but other bytes to print
    again = build_project(root, root / "build", jobs=1)
    documents = sorted(p for p in first.rendered if p.endswith(".docx"))
    assert len(documents) == 20 and sorted(p for p in again.rendered if p.endswith(".docx")) == documents


@pytest.mark.parametrize("change", CHANGES)
def test_a_rebuild_after_a_change_gives_the_bytes_of_a_fresh_build(project: Path, change: str) -> None:
    """Views are computed again only when what they were computed from changed: the result must not show it."""
    CHANGES[change][0](project)
    _built(project)
    fresh = build_project(project, project.parent / "fresh", jobs=1)
    assert not fresh.check.diagnostics.has_errors
    built = {p.relative_to(project / "build").as_posix(): p.read_bytes()
             for p in sorted((project / "build").rglob("*.docx"))}
    expected = {p.relative_to(project.parent / "fresh").as_posix(): p.read_bytes()
                for p in sorted((project.parent / "fresh").rglob("*.docx"))}
    assert built == expected


def test_after_one_form_changed_only_its_view_and_those_of_its_users_are_computed(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import proccompile.render.views

    computed: list[str] = []
    for module, name in ((proccompile.render.views, "form_view"), (proccompile.render.views, "document_view")):
        original = getattr(module, name)

        def counting(corpus: object, doc: Any, *rest: object, _original: Any = original) -> object:
            computed.append(doc.model.code)
            return _original(corpus, doc, *rest)

        monkeypatch.setattr(module, name, counting)
    CHANGES["form instructions"][0](project)
    # Q/QP01 lists the form, so its view is computed again; it prints nothing that changed, so it is not rendered.
    assert (_built(project), sorted(computed)) == ([QR0101], ["Q/QP01", "Q/QR0101"])


# Places in the minimal project whose text another document prints (titles, versions, dates that
# forms inherit, the company name) or only the document itself shows, each with the texts it may take.
SLOTS = [
    ("forms/Q-QR0101.yaml", ["title: 投诉登记表", "title: 顾客投诉登记表"]),
    ("forms/Q-QR0101.yaml", ["retention: 3y", "retention: 5y"]),
    ("forms/Q-QR0102.yaml", ["version: A/0", "version: A/1"]),
    ("forms/Q-QR0102.yaml", ["  - label: 责任部门", "  - label: 责任单位"]),
    ("procedures/Q-QP02.yaml", ["title: 纠正措施控制程序", "title: 纠正和预防措施控制程序"]),
    ("procedures/Q-QP01.yaml", ["effective: 2024-03-05", "effective: 2024-03-07"]),
    ("procedures/Q-QP03.yaml", ["effective: 2019-06-01", "effective: 2019-06-03"]),
    ("proccompile.yaml", ["  zh: 示例机电有限公司", "  zh: 示例机电股份有限公司"]),
]


@given(st.lists(st.tuples(st.integers(0, len(SLOTS) - 1), st.integers(0, 1)), min_size=1, max_size=4))
@settings(max_examples=max(5, settings.default.max_examples // 3), deadline=None)
def test_any_sequence_of_edits_rebuilds_to_the_bytes_of_a_fresh_build(edits: list[tuple[int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "p"
        shutil.copytree(MINIMAL, root)
        originals = {name: (root / name).read_text(encoding="utf-8") for name, _ in SLOTS}
        chosen = [0] * len(SLOTS)
        build_project(root, root / "build", jobs=1)
        for slot, value in edits:
            chosen[slot] = value
            for name, text in originals.items():
                for (file, texts), pick in zip(SLOTS, chosen, strict=True):
                    if file == name:
                        assert texts[0] in text
                        text = text.replace(texts[0], texts[pick], 1)
                (root / name).write_text(text, encoding="utf-8")
            assert not build_project(root, root / "build", jobs=1).check.diagnostics.has_errors
        build_project(root, Path(folder) / "fresh", jobs=1)
        assert _documents(root / "build") == _documents(Path(folder) / "fresh")


def _documents(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}
