"""Text widths and content-sized table columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proccompile.model.text_width import fit_columns, natural_ems, text_ems, unbreakable_ems


def test_cjk_counts_one_em_and_latin_about_half() -> None:
    assert text_ems("售后服务部") == 5
    assert text_ems("Responsible") == pytest.approx(11 * 0.56)


@pytest.mark.parametrize(("text", "piece"), [
    ("Responsible department", "Responsible"),
    ("Q/JL081301-C", "Q/JL081301-C"),
    ("条款 8.2.3，见 Q/FL2.0813—2020", "Q/FL2.0813—2020"),  # the dash is not full width: kept with the code
    ("售后服务部", "售后服务部"),  # a short name is kept whole
])
def test_the_unbreakable_piece_is_the_longest_word_or_code(text: str, piece: str) -> None:
    assert unbreakable_ems(text) == pytest.approx(text_ems(piece))


def test_long_cjk_text_may_break_between_characters() -> None:
    assert unbreakable_ems("接收客户的咨询、使用意见和投诉，逐次登记在投诉单上") == 1.0


def test_short_columns_fit_on_one_line_and_running_text_takes_the_rest() -> None:
    widths = fit_columns([3, 6, 5], [3, 60, 5], [1, 6, 2], 40, by_content=True)
    assert widths[0] == pytest.approx(3) and widths[2] == pytest.approx(5)
    assert widths[1] == pytest.approx(32)


def test_blank_form_columns_follow_their_weights_above_the_heading_width() -> None:
    widths = fit_columns([2, 8, 2], [2, 8, 2], [1, 1, 2], 40, by_content=False)
    assert widths == pytest.approx([10, 10, 20])
    assert fit_columns([2, 15, 2], [2, 15, 2], [1, 1, 2], 40, by_content=False)[1] == pytest.approx(15)


columns = st.lists(st.tuples(st.floats(0, 20), st.floats(0, 80), st.floats(0.1, 10)), min_size=1, max_size=10)


@given(columns, st.floats(5, 200), st.booleans())
def test_widths_fill_the_row_and_honour_minimums_when_they_fit(cols: list[tuple[float, float, float]],
                                                              total: float, by_content: bool) -> None:
    minimum = [c[0] for c in cols]
    natural = [c[0] + c[1] for c in cols]
    widths = fit_columns(minimum, natural, [c[2] for c in cols], total, by_content=by_content)
    assert sum(widths) == pytest.approx(total)
    if sum(minimum) < total:
        assert all(w >= m - 1e-6 for w, m in zip(widths, minimum, strict=True))


def test_natural_width_is_the_longest_line() -> None:
    assert natural_ems("ab\n售后服务部") == 5
