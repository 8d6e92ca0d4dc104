"""Registers that are right: declared media, storage that is a finding when missing, permanent records never
destroyed, codes in natural order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.audit.conftest import ROOT
from tests.helpers import run_cli, run_split


def _records(project: Path) -> list[list[str]]:
    code, output = run_cli(["register", "--format", "csv", "-o", "out/r.csv"], project)
    assert code == 0, output
    text = (project / "out" / "r.records.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


def test_medium_is_declared_never_read_from_the_storage_text(base: Path) -> None:
    """"QMS share … PDF" used to read as paper; the form's own `medium` is printed."""
    procedure = base / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace("storage: 销售部按月归档",
                                                                       "storage: QMS share, scanned PDF"),
                         encoding="utf-8")
    form = base / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("medium: paper", "medium: electronic"), encoding="utf-8")
    rows = {r[0]: r for r in _records(base)}
    assert rows["QR-01-01"][4] == "电子" and rows["QR-01-01"][5] == "QMS share, scanned PDF"


def test_undeclared_medium_and_storage_are_findings_and_say_so(base: Path) -> None:
    form = base / "forms" / "QR-01-02.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("medium: paper\n", ""), encoding="utf-8")
    procedure = base / "procedures" / "QP-01.yaml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace("    storage: 质量部按编号归档\n", ""),
                         encoding="utf-8")
    code, stdout, stderr = run_split(["register", "--format", "csv", "-o", "-"], base)
    assert code == 0
    assert "forms/QR-01-02.yaml:1:7: PC331 [warning] Form `QR-01-02` does not declare the medium" in stderr
    assert "procedures/QP-01.yaml:38:11: PC331 [warning] Record `QR-01-02` has no `storage`" in stderr
    assert run_cli(["check"], base)[0] == 0  # a register finding, not a check error
    rows = {r[0]: r for r in _records(base)}
    assert rows["QR-01-02"][4:6] == ["未规定", "未规定"]


def test_permanent_records_are_never_destroyed(base: Path) -> None:
    procedure = base / "procedures" / "QP-01.yaml"
    text = procedure.read_text(encoding="utf-8")
    procedure.write_text(text.replace("    retention: 3y\n", "    retention: permanent\n", 1), encoding="utf-8")
    rows = {r[0]: r for r in _records(base)}
    assert rows["QR-01-01"][6] == "永久" and rows["QR-01-01"][8] == "永久保存，不销毁"
    assert rows["QR-01-02"][8] == "经批准后销毁，填写销毁记录"


def test_codes_sort_naturally(tmp_path: Path) -> None:
    from proccompile.model.clauses import natural_key

    codes = ["QP-10.2", "QP-7.1.5", "QP-7.10", "QP-7.2", "QR-10-01", "QR-2-01"]
    assert sorted(codes, key=natural_key) == ["QP-7.1.5", "QP-7.2", "QP-7.10", "QP-10.2", "QR-2-01", "QR-10-01"]
    code, output = run_cli(["register", "--format", "csv", "-o", "-"], ROOT)
    assert code == 0, output
    listed = [line.split(",")[1] for line in output.splitlines()[1:] if line.startswith("程序文件")]
    assert listed == sorted(listed, key=natural_key)
