"""Line breaking in flowchart symbols: nothing dropped, nothing wider than its line, punctuation and numbers where a
Chinese typesetter keeps them, and breaks where a quality engineer would put them by hand."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proccompile.render.flowchart.wrapping import ELLIPSIS, ink_width, longest_word, wrap

_PIECES = st.sampled_from(["产品", "的", "质量", "问题", "，", "、", "。", "（隔离）", "《顾客档案》", "和", "24 小时",
                           "12月", "Review", " the ", "report", "Q/JL081301-C", "？", "“要求”", "a" * 30, " ",
                           "5.1.2\u2002", "）", "（"])
_TEXTS = st.lists(_PIECES, min_size=1, max_size=30).map("".join)
_CLOSING = set("，。、；：！？）》」』”’,.;:!?)]%")
_OPENING = set("（《「『“‘([")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(_TEXTS, st.floats(1, 30))
def test_nothing_is_dropped_and_no_line_is_wider_than_its_room(text: str, limit: float) -> None:
    lines = wrap(text, limit)
    assert _squeezed("".join(lines)) == _squeezed(text)
    for line in lines:
        # only punctuation held to the word or character beside it may stand out past the line's end
        held = line.rstrip("".join(_CLOSING) + " \u2002").lstrip("".join(_OPENING) + " ")
        if held != line:
            assert ink_width(held) <= max(1.0, limit) + 0.01 or len(held) <= 1, (line, lines)
        else:
            assert ink_width(line) <= max(1.0, limit) + 0.01, (line, lines)


@given(_TEXTS, st.floats(2, 30))
def test_punctuation_stays_where_a_typesetter_keeps_it(text: str, limit: float) -> None:
    lines = wrap(text, limit)
    assert not [line for line in lines[1:] if line[0] in _CLOSING and len(line) > 1 and line[:-1].strip()], lines
    assert not [line for line in lines[:-1] if line[-1] in _OPENING and line.strip("".join(_OPENING))], lines


@given(_TEXTS, st.floats(1, 30), st.integers(1, 4))
def test_a_text_cut_short_says_so_with_an_ellipsis(text: str, limit: float, max_lines: int) -> None:
    cut = wrap(text, limit, max_lines)
    assert len(cut) <= max_lines
    if not cut[-1].endswith(ELLIPSIS):
        assert _squeezed("".join(cut)) == _squeezed(text)
    if len(wrap(text, limit)) <= max_lines:
        assert not cut[-1].endswith(ELLIPSIS) or text.strip().endswith(ELLIPSIS)


@given(_TEXTS, st.floats(1, 30))
def test_wrapping_is_deterministic(text: str, limit: float) -> None:
    assert wrap(text, limit) == wrap(text, limit)


@pytest.mark.parametrize(("text", "limit", "lines"), [
    # a common word of quality documents is not broken when a break beside it serves as well
    ("5.1.2\u2002向国内顾客介绍产品的性能、特点和质保期", 15,
     ["5.1.2\u2002向国内顾客介绍", "产品的性能、特点和质保期"]),
    ("5.1.5\u2002自受理起1小时内安排技术人员并告知客户预计到达时间", 15,
     ["5.1.5\u2002自受理起1小时内安排技术", "人员并告知客户预计到达时间"]),
    # a line starts with a joining word rather than ending in one, and never with 的
    ("5.4.3\u2002对服务态度类和服务流程类问题制定改进措施", 14,
     ["5.4.3\u2002对服务态度类", "和服务流程类问题制定改进措施"]),
    ("5.1.2\u2002涉及产品质量的问题转质控部分析", 14, ["5.1.2\u2002涉及产品质量的", "问题转质控部分析"]),
    # a number keeps its unit (12 月, 24 小时); a line breaks after a comma rather than just past it
    ("5.1.1\u2002每年6月和12月向合作顾客发放《顾客满意度调查表》", 10,
     ["5.1.1\u2002每年6月和", "12月向合作顾客发放", "《顾客满意度调查表》"]),
    ("5.1.1\u2002受理投诉，当日填写《投诉登记表》", 13, ["5.1.1\u2002受理投诉，", "当日填写《投诉登记表》"]),
])
def test_breaks_fall_where_a_quality_engineer_puts_them(text: str, limit: float, lines: list[str]) -> None:
    assert wrap(text, limit) == lines


def test_a_step_number_stays_with_its_text_and_its_space_never_starts_a_line() -> None:
    assert wrap("5.2.0\u2002Review the report 合格？", 5.6)[0] == "5.2.0"
    for limit in (3, 5, 8, 12):
        assert not [line for line in wrap("5.2.0\u2002Review the report 合格？", limit) if line[0].isspace()]
    assert wrap("5.2.1\u2002确认", 8) == ["5.2.1\u2002确认"]


def test_closing_punctuation_takes_the_character_before_it_down_when_the_text_is_cut() -> None:
    # the greedy breaking of a text cut at four lines: 、 does not start a line, 因 comes down with it
    assert wrap("组织责任部门分析原因、制定纠正措施", 2.2, 4) == ["组织", "责任", "部门", "分…"]
    assert wrap("组织责任部门分析原因、制定纠正措施", 2.2) == \
        ["组织", "责任", "部门", "分析", "原", "因、", "制定", "纠正", "措施"]


def test_the_longest_word_is_a_latin_word_a_code_or_a_number_with_its_unit() -> None:
    assert longest_word("按 Q/JL081301-C 记录") == pytest.approx(longest_word("Q/JL081301-C"))
    assert longest_word("接到通知后 24 小时内") == pytest.approx(longest_word("24 小时"))
    assert longest_word("全是中文") == pytest.approx(1.0)
