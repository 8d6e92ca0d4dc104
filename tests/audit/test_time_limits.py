"""A time-limit question names the event the limit runs from or to, and its direction; "before" is never "within"."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.audit.items import derive_items
from proccompile.audit.selection import select_procedures
from proccompile.audit.wording import Wording, word_items
from proccompile.diagnostics import Diagnostics
from proccompile.pipeline import CheckResult
from tests.audit.conftest import ROOT
from tests.helpers import run_cli


def _steps(base: Path, language: str, steps: str) -> str:
    """The checklist (csv) of the base project with its first subsection's steps replaced."""
    procedure = base / "procedures" / "QP-01.yaml"
    text = procedure.read_text(encoding="utf-8")
    start, end = text.index("      - text: 受理投诉"), text.index("records:\n  - form")
    procedure.write_text(text[:start] + steps + text[end:], encoding="utf-8")
    if language == "en":
        config = base / "proccompile.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    code, output = run_cli(["checklist", "--format", "csv", "-o", "-"], base)
    assert code == 0, output
    return output


STEPS = """      - text: {first}
        owner: sales
        time_limit: 5wd
        anchor: {event}
        before: true
        records: [QR-01-01]
        related: [ISO 9001:2015]
      - text: {second}
        owner: quality
        time_limit: 24h
        records: [QR-01-02]
"""


@pytest.mark.parametrize(("language", "first", "event", "second", "before", "after"), [
    ("en", "Send the audit plan to the auditees at least 5 working days before the audit.", "the audit",
     "Record the findings.", "at least 5 working days before the audit",
     'within 24 h after the previous step (5.1.1 ""Send the audit plan to the auditees at…"") is done'),
    ("zh", "提前5个工作日将审核计划发给受审部门。", "内审", "记录审核发现。", "并在内审前至少5个工作日完成",
     "并在上一步（5.1.1“提前5个工作日将审核计划发给受审部门”）完成后24小时内完成"),
])
def test_a_limit_before_an_event_says_before_and_names_it(base: Path, language: str, first: str, event: str,
                                                          second: str, before: str, after: str) -> None:
    output = _steps(base, language, STEPS.format(first=first, event=event, second=second))
    question = next(line for line in output.splitlines() if "§5.1.1" in line)
    assert before in question
    assert "within" not in question and "内完成" not in question
    follow = next(line for line in output.splitlines() if "§5.1.2" in line)
    assert after in follow


def test_before_wording_without_before_is_a_finding_and_never_within(base: Path) -> None:
    output = _steps(base, "zh", """      - text: 在每个销售季节开始前30天报送配件储备计划。
        owner: sales
        time_limit: 30d
        records: [QR-01-01]
        related: [ISO 9001:2015]
      - text: 记录处理结果。
        owner: quality
        records: [QR-01-02]
""")
    question = next(line for line in output.splitlines() if "§5.1.1" in line)
    assert "在30天内完成" not in question and "内完成" not in question
    assert "程序文件未写明该时限在哪一事件之前起算" in question
    code, found = run_cli(["check", "--format", "concise"], base)
    assert code == 0 and "PC325 [warning] The step says `前30天`, a limit before an event" in found


@pytest.mark.parametrize("text", ["提前5个工作日通知受审部门。", "审核开始前30天发出通知。", "5天前提交计划。",
                                  "提前两周通知。", "Notify the auditees at least two weeks before the audit.",
                                  "Book the room 3 days prior to the audit.", "Send it in advance."])
def test_before_words(text: str) -> None:
    from proccompile.validate.wording import BEFORE_WORDS

    assert BEFORE_WORDS.search(text)


@pytest.mark.parametrize("text", ["收到投诉后24小时内答复。", "于次月5个工作日内编制月度报告。",
                                  "Reply within 24 h of receipt.",
                                  "Have the reworked parts inspected again before release.", "提前做好供货准备。"])
def test_after_words_are_not_before(text: str) -> None:
    from proccompile.validate.wording import BEFORE_WORDS

    assert not BEFORE_WORDS.search(text)


def test_every_shipped_time_limit_names_its_event(shipped: CheckResult) -> None:
    corpus = shipped.corpus
    items = word_items(corpus, derive_items(corpus, select_procedures(corpus)), Wording(ROOT, "zh", Diagnostics()))
    limits = [i for i in items if i.kind == "time_limit"]
    assert limits and all(i.facts["event_kind"] != "none" for i in limits)
    season = next(i for i in limits if i.procedure == "Q/FL2.0815" and i.facts["direction"] == "before")
    assert "并在销售季节开始前至少30天完成" in season.question and "内完成" not in season.question
