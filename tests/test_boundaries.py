"""The project boundary: nothing outside it is read, nothing but outputs is written, and limits hold."""

from __future__ import annotations

import csv
import io
import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from tests.helpers import run_cli, run_split

BASE = Path(__file__).parent / "cases" / "base"
SECRET = "top-secret-marker-7f3a"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "qms"
    shutil.copytree(BASE, root)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return root


def _set_config(project: Path, text: str) -> None:
    config = project / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")


def _outputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- reading -----------------------------------------------------------------------------------

@pytest.mark.parametrize("statement", ['{% include "evil.txt" %}', '{% extends "evil.txt" %}',
                                       '{% import "evil.txt" as evil %}x'])
def test_template_cannot_pull_in_a_file_outside_the_project(project: Path, statement: str) -> None:
    (project / "templates" / "zh").mkdir(parents=True)
    (project / "templates" / "evil.txt").symlink_to(project.parent / "secret.txt")
    (project / "templates" / "zh" / "footer.j2").write_text(statement + "\n", encoding="utf-8")
    code, out = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 1 and "PC316 Template `templates/evil.txt` links outside the project folder" in out
    assert SECRET not in out and _outputs(project / "out") == []


def test_source_folder_linked_from_outside_is_not_read(project: Path) -> None:
    outside = project.parent / "elsewhere"
    shutil.move(project / "forms", outside)
    (outside / "QR-01-01.yaml").write_text(f"code: QR-01-01\ntitle: {SECRET}\n", encoding="utf-8")
    (project / "forms").symlink_to(outside)
    code, out = run_cli(["check", "--format", "full", "."], project)
    assert code == 1 and out.count("PC109") == 2 and SECRET not in out


def test_special_files_are_refused_not_read(project: Path) -> None:
    (project / "templates" / "zh").mkdir(parents=True)
    os.mkfifo(project / "templates" / "zh" / "footer.j2")  # reading it would block for ever
    (project / "templates" / "reference.docx").mkdir()
    code, out = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 1
    assert "PC501 Template `templates/zh/footer.j2` is not a regular file" in out
    assert "PC502 `templates/reference.docx` cannot be used as a reference document: is a folder" in out


def test_config_that_is_a_folder_stops_the_run(project: Path) -> None:
    (project / "proccompile.yaml").unlink()
    (project / "proccompile.yaml").mkdir()
    code, out, err = run_split(["check", "--format", "concise", "."], project)
    assert code == 2 and "PC108 `proccompile.yaml` is a folder, not a file" in out


@pytest.mark.parametrize("make", ["loop", "long-name"])
def test_attachment_paths_that_cannot_be_resolved_are_findings(project: Path, make: str) -> None:
    name = "loop.png" if make == "loop" else "a" * 300 + ".png"
    if make == "loop":
        (project / "loop.png").symlink_to(project / "loop.png")
    procedure = project / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "revisions:", f"attachments:\n  - title: 流程图\n    file: {name}\nrevisions:", 1), encoding="utf-8")
    code, out = run_cli(["check", "--format", "concise", "."], project)
    reason = "is a symbolic link loop" if make == "loop" else "cannot be read: File name too long"
    assert code == 1 and f"PC315 Attachment file `{name}` {reason}" in out


# --- writing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["register", "--format", "csv", "-o", "procedures/QP-01.yaml"],
    ["register", "--format", "csv", "-o", "proccompile.yaml"],
    ["checklist", "--format", "md", "-o", "templates/zh/footer.j2"],
    ["checklist", "--format", "md", "-o", "forms"],
    ["build", "-o", "."],
    ["build", "-o", "procedures"],
    ["site", "-o", "templates"],
])
def test_outputs_never_replace_project_inputs(project: Path, args: list[str]) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    code, _, err = run_split([*args, "."], project)
    assert code == 2 and "refusing" in err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_outputs_never_go_to_a_special_file(project: Path) -> None:
    # A pipe stands for /dev/full and other devices: writing "over" one would replace the node itself.
    pipe = project.parent / "pipe.csv"
    os.mkfifo(pipe)
    code, _, err = run_split(["register", "--format", "csv", "-o", str(pipe), "."], project)
    assert code == 2 and "is not a regular file" in err
    assert pipe.is_fifo()


def test_leftovers_of_live_writers_and_other_programs_are_kept(tmp_path: Path) -> None:
    from proccompile.write.atomic import remove_leftovers

    dead = tmp_path / ".a.docx.999999999.abc123.tmp"  # pid beyond any the kernel hands out
    alive = tmp_path / f".b.docx.{os.getpid()}.abc123.tmp"
    foreign = tmp_path / ".editor-swap.tmp"
    for path in (dead, alive, foreign):
        path.write_bytes(b"x")
    remove_leftovers(tmp_path)
    assert not dead.exists() and alive.exists() and foreign.exists()


def test_a_second_build_waits_for_the_lock(tmp_path: Path) -> None:
    from proccompile.diagnostics.usage import UsageError
    from proccompile.write.guard import build_lock

    with build_lock(tmp_path), pytest.raises(UsageError, match="another proccompile run"):
        with build_lock(tmp_path, wait=0.2):
            pass
    with build_lock(tmp_path, wait=0.2):  # released when the first holder is done
        pass


# --- limits ------------------------------------------------------------------------------------

def test_slow_and_huge_templates_are_stopped(project: Path) -> None:
    _set_config(project, "limits:\n  template_seconds: 0.5\n")
    (project / "templates" / "zh").mkdir(parents=True)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
    (project / "templates" / "zh" / "footer.j2").write_text(loops + "\n", encoding="utf-8")
    code, out = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 1
    assert "templates/zh/footer.j2:1:1: PC501 Template failed: rendering took longer than 0.5 s" in out
    (project / "templates" / "zh" / "footer.j2").unlink()
    (project / "templates" / "zh" / "page_number.j2").write_text('{{ "x" * 10**10 }}\n', encoding="utf-8")
    code, out = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 1
    assert "templates/zh/page_number.j2" in out and "longer than 1,000,000 items" in out


def _slow_footer(seconds: float) -> str:
    """A footer template that takes about ``seconds`` to render here (measured, so the test holds on any machine)."""
    from jinja2.sandbox import SandboxedEnvironment

    loop = "{% for i in range(N) %}{% for j in range(1000) %}{% endfor %}{% endfor %}{{ number }}"
    env = SandboxedEnvironment()
    started = time.perf_counter()
    env.from_string(loop.replace("N", "100")).render(number="x")
    per_thousand = (time.perf_counter() - started) / 100
    return loop.replace("N", str(min(100000, max(1, round(seconds / per_thousand)))))


def test_template_time_is_bounded_for_the_whole_run_not_per_render(project: Path) -> None:
    """Each render stays well under the limit, but twelve documents together would not: the run stops at the limit."""
    _set_config(project, "limits:\n  template_seconds: 1\n")
    spare = (project / "forms" / "QR-01-02.yaml").read_text(encoding="utf-8")
    for n in range(3, 13):
        (project / "forms" / f"QR-01-{n:02d}.yaml").write_text(spare.replace("QR-01-02", f"QR-01-{n:02d}"), "utf-8")
    (project / "templates" / "zh").mkdir(parents=True)
    (project / "templates" / "zh" / "footer.j2").write_text(_slow_footer(0.25) + "\n", encoding="utf-8")
    code, out = run_cli(["check", "--format", "concise", "."], project)
    assert code == 1
    assert "templates/zh/footer.j2:1:1: PC501 Project templates took longer than 1 s in total" in out
    assert out.count("PC501") == 1  # once, not for every document after the budget ran out


def _reference(part: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph("logo")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == part:
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "boom">]>', 1)
                end = data.rfind(b"</")
                data = data[:end] + b"<w:zz>&e;</w:zz>" + data[end:]
            target.writestr(name, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("part", ["word/settings.xml", "word/numbering.xml", "word/styles.xml"])
def test_reference_with_entities_is_refused(project: Path, part: str) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "reference.docx").write_bytes(_reference(part))
    code, out = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 1 and f"its part `{part}` declares a DOCTYPE" in out


def test_reference_that_unpacks_past_the_limit_is_refused(project: Path) -> None:
    _set_config(project, "limits:\n  reference_docx_bytes: 200000\n")
    (project / "templates").mkdir()
    (project / "templates" / "reference.docx").write_bytes(_reference(extra={"word/media/big.png": b"\0" * 400_000}))
    code, out = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 1 and "PC502" in out and "the limit is 200,000" in out


def _png(width: int, height: int) -> bytes:
    """A grey PNG, made here so the test needs no image file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_images_of_the_reference_are_not_copied_into_outputs(project: Path) -> None:
    document = docx.Document()
    document.add_picture(io.BytesIO(_png(200, 100)))
    (project / "templates").mkdir()
    document.save(project / "templates" / "reference.docx")
    code, _ = run_cli(["build", "--format", "concise", "-o", "out", "."], project)
    assert code == 0
    for built in (project / "out").rglob("*.docx"):
        assert not [n for n in zipfile.ZipFile(built).namelist() if n.startswith("word/media/")]


def test_a_pattern_that_matches_slowly_gives_a_finding_not_a_hang(project: Path) -> None:
    config = project / "proccompile.yaml"
    # Starts with a group, so the probes at load time do not reach its nested repetition.
    config.write_text(config.read_text(encoding="utf-8").replace(
        r"'^QR-\d{2}-\d{2}$'", r"'^(QR)(-\d{2}|\d|\d\d)+$'"), encoding="utf-8")
    form = project / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("code: QR-01-01", "code: QR" + "1" * 40 + "x"),
                    encoding="utf-8")
    code, out = run_cli(["check", "--format", "concise", "."], project)
    assert code == 1 and "does not match the house pattern (matching it took too long)" in out


def test_a_pathological_file_reports_a_bounded_number_of_findings(project: Path) -> None:
    procedure = project / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace(
        "iso_clauses: ['8.2.1']", "iso_clauses: [" + ", ".join(["x"] * 1000) + "]"), encoding="utf-8")
    code, out = run_cli(["check", "--format", "concise", "."], project)
    assert code == 1 and out.count("PC203") == 201
    assert "800 more problems in this file are not shown" in out


# --- escaping for consumers ---------------------------------------------------------------------

def test_csv_cells_never_start_a_formula(project: Path) -> None:
    form = project / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("title: 投诉登记表", "title: '=HYPERLINK(\"x\")'"),
                    encoding="utf-8")
    config = project / "proccompile.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("zh: 销售部", "zh: '@SUM(A1)'"), encoding="utf-8")
    code, _ = run_cli(["register", "--format", "csv", "-o", "out/registers.csv", "."], project)
    assert code == 0
    cells = [cell for sheet in (project / "out").glob("*.csv")
             for row in csv.reader(io.StringIO(sheet.read_text(encoding="utf-8"))) for cell in row]
    assert "'=HYPERLINK(\"x\")" in cells and "'@SUM(A1)" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_markdown_carries_no_raw_html(project: Path) -> None:
    form = project / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("title: 投诉登记表", "title: <script>x</script>"),
                    encoding="utf-8")
    code, out = run_cli(["register", "--format", "md", "-o", "-", "."], project)
    assert code == 0 and "<script>" not in out and "&lt;script&gt;" in out


def test_github_annotations_cannot_inject_commands(project: Path) -> None:
    bad = project / "procedures" / "x\n::stop-commands::y,z.yaml"
    bad.write_text("code: [\n", encoding="utf-8")
    code, out = run_cli(["check", "--format", "github", "."], project)
    assert code == 1
    line = next(line for line in out.splitlines() if "PC101" in line)
    assert "file=procedures/x%0A%3A%3Astop-commands%3A%3Ay%2Cz.yaml," in line
    assert not any(line.startswith("::stop-commands") for line in out.splitlines())


def test_two_builds_into_one_folder_both_succeed(project: Path) -> None:
    # Before the lock, each build's clean-up deleted the other's temporary files now and then.
    for _ in range(4):
        command = [sys.executable, "-m", "proccompile", "build", "--format", "concise", "-o", "out", "."]
        runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        results = [(run.wait(timeout=120), run.stderr.read() if run.stderr else b"") for run in runs]
        assert [code for code, _ in results] == [0, 0], results
        assert all(zipfile.is_zipfile(p) for p in (project / "out").rglob("*.docx"))
        assert not list((project / "out").rglob(".*.tmp"))
