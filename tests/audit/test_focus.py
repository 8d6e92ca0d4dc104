"""Focus without blind spots: what one audit leaves out is listed, and the cycle's audits together cover every item."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from proccompile.audit.books import Request, checklist_book
from proccompile.audit.focus import select
from proccompile.audit.items import Item, derive_items
from proccompile.audit.selection import select_procedures
from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.programme import Occasion, audits, occasion, programme_procedures
from proccompile.pipeline import CheckResult
from tests.audit.conftest import ROOT


def _with_programme(corpus: Corpus, **settings: object) -> Corpus:
    audit = corpus.config.audit
    programme = audit.programme.model_copy(update=settings)
    config = corpus.config.model_copy(update={"audit": audit.model_copy(update={"programme": programme})})
    return type(corpus)(config, corpus.config_source, dict(corpus.by_type))


def _key(item: Item) -> tuple[object, ...]:
    """What an item audits, whatever audit it is in: a record check is the form's, wherever it is asked."""
    if item.kind == "record":
        return ("record", item.forms[0].code)
    return (item.procedure, item.kind, item.section, item.facts.get("duty"), item.forms)


def test_over_a_three_year_cycle_every_item_is_audited(shipped: CheckResult) -> None:
    """The shipped programme (cycle 2025–2027, each process once or twice a year, 15 items an audit): plan every
    audit of the three years; each item of each released procedure is on some checklist, and every audit lists
    what it leaves out, in the checklist and in the report."""
    corpus = shipped.corpus
    wanted = {_key(i) for i in derive_items(corpus, select_procedures(corpus)) if i.procedure}
    wanted |= {("record", e.form) for d in select_procedures(corpus) for e in d.model.records}
    seen: set[tuple[object, ...]] = set()
    left_out_somewhere = False
    for year in (2025, 2026, 2027):
        yearly = _with_programme(corpus, year=year, cycle_start=2025)
        scheduled = programme_procedures(yearly)
        for audit in audits(yearly.config, scheduled):
            procedures = select_procedures(yearly, audit.procedures)
            items = derive_items(yearly, procedures)
            occasions = {code: occasion(yearly.config, scheduled, code, audit.month) for code in audit.procedures}
            chosen = select(items, yearly.config.audit.items_per_procedure, occasions)
            assert {_key(i) for i in chosen.items} | {_key(d.item) for d in chosen.dropped} == {_key(i) for i in items}
            book = checklist_book(yearly, ROOT, Diagnostics(), Request(audit=str(audit.number)))
            sheets = {s.key: s for s in book.sheets}
            assert len(sheets["checklist"].rows) == len(chosen.items)
            assert len(sheets["not_covered"].rows) == len(chosen.dropped)
            if chosen.dropped:
                left_out_somewhere = True
                areas = dict((r[0], r[1]) for r in sheets["report_text"].rows)["未覆盖的区域"]
                assert all(d.item.procedure in areas and d.item.section in areas for d in chosen.dropped)
            seen |= {_key(i) for i in chosen.items}
    assert left_out_somewhere  # the shipped programme does rotate
    assert wanted <= seen, sorted(map(str, wanted - seen))[:5]


def _fake(n: int, risks: list[int]) -> list[Item]:
    return [Item("step", "P", f"5.{k}", (), "sales", ("O",), risk=risks[k % len(risks)], number=k + 1)
            for k in range(n)]


@given(st.integers(1, 80), st.integers(3, 20), st.integers(1, 6), st.lists(st.integers(0, 6), min_size=1, max_size=7))
def test_rotation_covers_everything_and_keeps_the_riskiest_each_time(n: int, size: int, count: int,
                                                                      risks: list[int]) -> None:
    items = _fake(n, risks)
    picks = [select(items, size, {"P": Occasion(k, count)}) for k in range(count)]
    union = {i.section for p in picks for i in p.items}
    assert union == {i.section for i in items}
    budget = max(size, -(-n // count)) if n > size else n
    for pick in picks:
        assert len(pick.items) <= budget
        assert {i.section for i in pick.items} | {d.item.section for d in pick.dropped} == union
        assert [i.number for i in pick.items] == list(range(1, len(pick.items) + 1))
    always = set.intersection(*({i.section for i in p.items} for p in picks))
    sometimes = union - always
    if always and sometimes:
        rank = {i.section: (i.risk, k) for k, i in enumerate(items)}
        assert max(rank[s] for s in always) < min(rank[s] for s in sometimes)
