"""Sampling fits the record: the kind the form declares (never its title), the population table, the period."""

from __future__ import annotations

from pathlib import Path

from proccompile.audit.sampling import sample_size, sampling_table_text
from proccompile.model.audit_config import DEFAULT_SAMPLING
from tests.audit.conftest import add_config
from tests.helpers import run_cli


def _form(base: Path, title: str, kind: str, period: str | None = None, code: str = "QR-01-01") -> None:
    form = base / "forms" / f"{code}.yaml"
    text = form.read_text(encoding="utf-8")
    text = text.replace("title: 投诉登记表", f"title: {title}").replace("title: 投诉处理记录", f"title: {title}")
    declared = f"medium: paper\nrecord_kind: {kind}" + (f"\nperiod: {period}" if period else "")
    text = text.replace("medium: paper", declared)
    form.write_text(text, encoding="utf-8")


def _evidence(base: Path, section: str = "5.1.1") -> str:
    code, output = run_cli(["checklist", "--format", "csv", "-o", "-"], base)
    assert code == 0, output
    return next(line for line in output.splitlines() if f"§{section}" in line)


def test_an_annual_programme_is_checked_per_year_not_sampled_by_copies(base: Path) -> None:
    _form(base, "年度审核方案", "periodic", "year")
    line = _evidence(base)
    assert "《年度审核方案》：逐一检查上次审核以来每个年度的记录" in line
    assert "份" not in line and "抽样表" not in line


def test_a_form_titled_checklist_is_sampled_as_declared_not_by_its_title(base: Path) -> None:
    _form(base, "Checklist", "event")
    assert "《Checklist》：从上次审核以来的记录中抽样（样本量按抽样表；结论仅基于所查记录）" in _evidence(base)
    _form(base, "Checklist", "register", code="QR-01-02")  # the same title; the declaration decides
    assert "《Checklist》：抽查上次审核以来的登记条目" in _evidence(base, "5.1.2")


def test_a_periodic_form_needs_its_period(base: Path) -> None:
    form = base / "forms" / "QR-01-01.yaml"
    form.write_text(form.read_text(encoding="utf-8") + "record_kind: periodic\n", encoding="utf-8")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert code == 1 and "give `period` exactly when `record_kind` is periodic" in output


def test_the_sampling_table_is_configurable_and_printed(base: Path) -> None:
    assert [sample_size(DEFAULT_SAMPLING, n) for n in (1, 3, 4, 20, 21, 100, 101, 5000)] == [1, 3, 4, 5, 8, 8, 12, 12]
    add_config(base, "audit:\n  sampling:\n    - {up_to: 5, sample: all}\n    - {sample: 6}\n")
    code, output = run_cli(["checklist", "--format", "md", "-o", "-"], base)
    assert code == 0, output
    assert "抽样表（按审核期内记录的总体数量）：1–5份抽全部、5以上份抽6。" in output
    assert "审核以抽样方式进行" in output  # the report's sampling statement


def test_a_sampling_table_must_grow(base: Path) -> None:
    add_config(base, "audit:\n  sampling:\n    - {up_to: 20, sample: 5}\n    - {up_to: 10, sample: 3}\n"
                     "    - {sample: 8}\n")
    code, output = run_cli(["check", "--format", "concise"], base)
    assert code == 2 and "`up_to` must grow from rule to rule" in output


def test_sampling_text_in_english() -> None:
    labels = {"sampling_rule": "{population}: {sample}", "sampling_all": "all", "sampling_above": "over {n}"}
    text = sampling_table_text(DEFAULT_SAMPLING, labels.__getitem__, "; ")
    assert text == "1–3: all; 4–20: 5; 21–100: 8; over 100: 12"
