"""Did-you-mean: case slips first, then the most similar name; any text is accepted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from proccompile.diagnostics.suggest import closest, did_you_mean

DEPARTMENTS = ["after-sales", "production", "quality", "sales"]


def test_a_case_slip_is_suggested() -> None:
    assert did_you_mean("Production", DEPARTMENTS) == "Did you mean `production`?"
    assert closest("QUALITY", DEPARTMENTS) == "quality"


def test_case_folded_similarity_beats_case_noise() -> None:
    assert closest("After_Sales", DEPARTMENTS) == "after-sales"


def test_nothing_close_gives_none() -> None:
    assert did_you_mean("warehouse", DEPARTMENTS) is None
    assert closest("quality", DEPARTMENTS) is None  # the name itself is not a suggestion
    assert closest("x" * 100_000, DEPARTMENTS) is None


def test_brackets_surrogates_and_control_characters_are_names_like_any_other() -> None:
    assert closest("owner[", ["owner", "title"]) == "owner"
    assert closest("\ud800[", ["owner"]) is None
    assert closest("qual\x1bity", DEPARTMENTS) == "quality"


@given(name=st.text(max_size=50), candidates=st.lists(st.text(max_size=20), max_size=10))
def test_any_text_gives_a_candidate_or_none(name: str, candidates: list[str]) -> None:
    match = closest(name, candidates)
    assert match is None or match in candidates
