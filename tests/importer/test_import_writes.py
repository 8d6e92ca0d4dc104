"""`import` writes only new files, through the output guard: every target is judged before the first is
written, every file-system problem is a usage error (exit 2, no traceback), and a failed write undoes the run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from proccompile.commands import import_docx
from tests.helpers import run_split
from tests.importer import legacy_documents

BASE = Path(__file__).parents[1] / "cases" / "base"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(BASE, root)
    legacy_documents.header_table_in_body(root / "a.docx")  # QP-03
    legacy_documents.page_header_and_process_table(root / "b.docx")  # QP-04
    return root


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _refused(project: Path, args: list[str]) -> str:
    before = _files(project)
    code, out, err = run_split(["import", *args], project)
    assert (code, out) == (2, ""), err
    assert "Traceback" not in err and err.startswith("proccompile: ")
    assert _files(project) == before  # nothing written
    return err


def test_the_default_target_is_the_procedures_folder(project: Path) -> None:
    code, out, _ = run_split(["import", "a.docx", "b.docx"], project)
    assert code == 0 and out.startswith("wrote procedures/QP-03.yaml from a.docx")
    assert (project / "procedures" / "QP-04.yaml").is_file()


def test_an_existing_target_refuses_the_whole_run(project: Path) -> None:
    (project / "procedures" / "QP-04.yaml").write_text("kept", "utf-8")
    err = _refused(project, ["a.docx", "b.docx"])
    assert err.startswith("proccompile: `procedures/QP-04.yaml` already exists; refusing to overwrite it")
    assert not (project / "procedures" / "QP-03.yaml").exists()  # judged before the first file


def test_a_named_pipe_is_refused_before_it_is_opened(project: Path) -> None:
    os.mkfifo(project / "pipe.docx")
    err = _refused(project, ["pipe.docx"])
    assert err == "proccompile: cannot import `pipe.docx`: it is not a regular file (a device, pipe or socket)\n"


def test_a_folder_or_a_missing_file_is_a_usage_error(project: Path) -> None:
    (project / "folder.docx").mkdir()
    code, _, err = run_split(["import", "folder.docx"], project)
    assert code == 2 and "is a directory" in err
    code, _, err = run_split(["import", "missing.docx"], project)
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize(("output", "message"), [
    ("proccompile.yaml", "is a file, not a folder; cannot write `proccompile.yaml/QP-03.yaml`"),
    ("proccompile.yaml/sub", "is a file, not a folder; cannot write `proccompile.yaml/sub/QP-03.yaml`"),
    ("/dev/null", "`/dev/null` is a file, not a folder; cannot write `/dev/null/QP-03.yaml`"),
    ("templates", "`templates/QP-03.yaml` is inside the project's own files (`templates`); refusing to write it"),
    ("forms", "`forms/QP-03.yaml` is inside the project's own files (`forms`); refusing to write it"),
])
def test_an_output_folder_that_cannot_take_drafts_is_refused(project: Path, output: str, message: str) -> None:
    err = _refused(project, ["a.docx", "-o", output])
    assert err.splitlines()[0].startswith("proccompile: ") and err.splitlines()[0].endswith(message)


def test_a_symlink_into_the_templates_is_refused(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "out").symlink_to(project / "templates")
    err = _refused(project, ["a.docx", "-o", "out"])
    assert "is inside the project's own files (`templates`)" in err


def test_two_files_with_one_code_are_refused(project: Path) -> None:
    shutil.copy(project / "a.docx", project / "copy.docx")
    err = _refused(project, ["a.docx", "copy.docx", "-o", "drafts"])
    assert err.startswith("proccompile: two drafts would both be written to `drafts/QP-03.yaml`")


def test_a_file_name_too_long_is_refused(project: Path) -> None:
    legacy_documents.lettered_duties_and_attachments(project / "c.docx")  # QP-05: its code is in the header
    long = project / ("长" * 70 + ".docx")
    shutil.copy(project / "c.docx", long)
    # A draft without a code is named after its file: strip the code to get there.
    import docx

    d = docx.Document(str(long))
    d.tables[0].cell(0, 1).text = ""
    d.save(str(long))
    err = _refused(project, [long.name, "-o", "drafts"])
    assert err.startswith(f"proccompile: the file name `{'长' * 70}.yaml` is too long")


def test_a_failed_write_removes_what_the_run_wrote(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = import_docx.write_new

    def failing(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(import_docx, "write_new", failing)
    err = _refused(project, ["a.docx", "b.docx", "-o", "drafts"])
    assert err == "proccompile: cannot write `drafts/QP-04.yaml`: No space left on device; nothing was written\n"
    assert calls == [Path("drafts/QP-03.yaml"), Path("drafts/QP-04.yaml")]


def test_a_target_created_meanwhile_is_never_overwritten(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = import_docx.write_new

    def racing(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("someone else's", "utf-8")
        real(path, data)

    monkeypatch.setattr(import_docx, "write_new", racing)
    code, _, err = run_split(["import", "a.docx", "-o", "drafts"], project)
    assert code == 2 and "it was created meanwhile; nothing was written" in err
    assert (project / "drafts" / "QP-03.yaml").read_text("utf-8") == "someone else's"


def test_one_paragraph_is_counted_as_one(project: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("QP-08")
    d.save(str(project / "one.docx"))
    code, out, _ = run_split(["import", "one.docx", "-o", "drafts"], project)
    assert code == 0
    assert out.startswith("wrote drafts/QP-08.yaml from one.docx (read 1 of 1 paragraph or table cell; ")
