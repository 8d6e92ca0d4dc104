"""The form layout plan: parts in written order, grid rows that span the page, rows never lost silently."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proccompile.model.form import Form
from proccompile.model.form_grid import Measure
from proccompile.model.form_layout import GRID, MIN_ROWS, BlankTable, FormPlan, Grid, form_page, plan_form
from proccompile.model.form_page import PACKAGED_WORDS
from proccompile.model.form_tables import heading_cells
from proccompile.model.line_breaks import pieces, printed_ems

WORDS = PACKAGED_WORDS["zh"]


def _form(**body: object) -> Form:
    return Form.model_validate({"code": "F", "title": "t", "version": "A/0", "owner": "quality", **body})


def _plan(form: Form, notes: list[str] | None = None, paper: str = "A4", language: str = "zh") -> FormPlan:
    return plan_form(form, notes or [], PACKAGED_WORDS[language], form_page(form, paper))  # type: ignore[arg-type]


def _rows(plan: FormPlan) -> list[tuple[str, ...]]:
    return [tuple(s.kind for s in row.slots) for part in plan.parts if isinstance(part, Grid) for row in part.rows]


def _tables(plan: FormPlan) -> list[BlankTable]:
    return [p for p in plan.parts if isinstance(p, BlankTable)]


def test_every_grid_row_spans_the_grid() -> None:
    choice = {"label": "类别", "type": "choice", "options": ["甲", "乙", "丙", "丁"]}
    form = _form(fields=[{"label": "名称"}, choice, {"label": "描述", "lines": 4}, {"label": "Half", "width": 0.5}],
                 sections=[{"title": "原因分析", "fields": [{"label": "原因", "lines": 3}],
                            "signoffs": ["签字", "日期"]}],
                 signoffs=["编制", "审核", "批准", "生产部负责人"])
    plan = _plan(form)
    for part in plan.parts:
        assert isinstance(part, Grid)
        assert all(sum(s.span for s in row.slots) == GRID for row in part.rows)
    tall = [row for part in plan.parts if isinstance(part, Grid) for row in part.rows if row.height_cm >= 4 * 0.8]
    assert tall


def test_a_one_page_form_cuts_blank_rows_and_says_so() -> None:
    columns = [{"label": "序号"}, {"label": "内容", "width": 4}]
    plan = _plan(_form(table={"columns": columns, "rows": 60}), ["说明"])
    (table,) = _tables(plan)
    assert plan.fits and MIN_ROWS < table.blank < 60 and table.asked == 60
    assert plan.cuts() == [(0, table)]
    assert plan.height_cm <= plan.limit_cm
    free = _plan(_form(table={"columns": columns, "rows": 60}, one_page=False), ["说明"])
    assert [p.blank for p in _tables(free)] == [60] and free.cuts() == []


def test_pre_printed_rows_are_never_cut() -> None:
    labels = ["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"]
    columns = [{"label": "Trial"}, *({"label": f"Part {n}"} for n in range(1, 11)), {"label": "Average"}]
    form = _form(orientation="landscape", fields=[{"label": "Gauge"}, {"label": "Date", "type": "date"}],
                 table={"columns": columns, "rows": labels, "blank_rows": 40})
    plan = _plan(form, ["note"], language="en")
    (table,) = _tables(plan)
    assert [row[0] for row in table.listed] == labels
    assert plan.fits and table.blank < 40
    crowded = _form(table={"columns": columns, "rows": [f"R{n}" for n in range(60)]})
    assert not _plan(crowded).fits  # 60 printed rows cannot be cut: the check reports PC504


def test_numbered_rows_number_the_first_column() -> None:
    form = _form(table={"columns": [{"label": "序号"}, {"label": "评价项目"}, {"label": "意见"}],
                        "rows": ["人员服务", {"cells": ["客诉处理", "及时"]}], "blank_rows": 2, "numbered": True})
    (table,) = _tables(_plan(form))
    assert table.listed == (("1", "人员服务", ""), ("2", "客诉处理", "及时"))
    assert table.blank == 2


def test_parts_print_in_the_order_the_file_writes_them() -> None:
    form = _form(sections=[{"title": "S", "tables": [{"columns": [{"label": "X"}], "rows": 2}],
                            "text": "I declare.", "fields": [{"label": "F"}], "signoffs": ["Signed"]}])
    kinds = [type(p).__name__ if isinstance(p, BlankTable) else [s.kind for r in p.rows for s in r.slots][0]
             for p in _plan(form).parts]
    assert kinds == ["title", "BlankTable", "text", "signoff"]
    rows = _rows(_plan(form))
    assert rows[1] == ("text",) and rows[2] == ("label", "blank")  # text, then the field, as written


def test_one_label_width_lines_up_every_rule_of_the_form() -> None:
    form = _form(fields=[{"label": "报告编号"}, {"label": "产品名称/零件号"}, {"label": "问题描述", "lines": 3}],
                 sections=[{"title": "Work", "fields": [{"label": "Work carried out and parts used", "lines": 4},
                                                         {"label": "日期", "type": "date"}]}])
    spans = {s.span for part in _plan(form).parts if isinstance(part, Grid) for row in part.rows
             for s in row.slots if s.kind == "label"}
    assert len(spans) == 1


def test_a_date_blank_holds_the_date_on_one_line() -> None:
    for density in ("normal", "compact"):
        form = _form(density=density, fields=[{"label": "产品名称/零件号"}, {"label": "问题发生日期", "type": "date"},
                                              {"label": "No."}])
        plan = _plan(form)
        measure = Measure(plan.page.width_cm / GRID, plan.page.density, WORDS, plan.page.density.pairs[0])
        blanks = [s for p in plan.parts if isinstance(p, Grid) for r in p.rows for s in r.slots
                  if s.text == WORDS.date_blank]
        assert blanks and all(measure.room(s.span) >= printed_ems(WORDS.date_blank) for s in blanks)


def test_choice_options_are_never_split_inside() -> None:
    options = ["Sub-supplier", "Customer site", "Internal audit", "Receiving inspection", "Field failure"]
    form = _form(fields=[{"label": "Source of the nonconformity found", "type": "choice", "options": options}])
    (blank,) = [s for p in _plan(form, language="en").parts if isinstance(p, Grid) for r in p.rows for s in r.slots
                if s.kind == "blank"]
    lines = blank.text.split("\n")
    assert len(lines) > 1  # they do not fit one line: each line holds whole options
    for option in options:
        assert any(option.replace(" ", "\u00a0").replace("-", "\u2011") in line for line in lines)


def test_a_ticked_value_and_a_pre_filled_value_are_printed() -> None:
    form = _form(fields=[{"label": "Level", "type": "choice", "options": ["1", "2", "3"], "value": "3"},
                         {"label": "Supplier", "value": "Northwind Precision Components Ltd."}])
    texts = [s.text for p in _plan(form, language="en").parts if isinstance(p, Grid) for r in p.rows
             for s in r.slots if s.kind == "blank"]
    assert "☐1" in texts[0] and "☑3" in texts[0]
    assert texts[1] == "Northwind Precision Components Ltd."


def test_sign_offs_share_rows_evenly_so_none_stands_alone() -> None:
    form = _form(signoffs=["Quality Assurance", "Analysed by", "Closed by", "Date"])
    counts = [row.count("signoff") for row in _rows(_plan(form, language="en"))]
    assert counts == [2, 2]  # three fit the first row, which would leave "Date:" alone on the second


def test_signers_print_a_row_each_or_a_table_when_the_boxes_do_not_fit() -> None:
    rows = _plan(_form(signers=["检验员", "审核"]))
    (grid,) = rows.parts
    assert isinstance(grid, Grid) and grid.keep_together
    assert [[s.text for s in r.slots if s.kind == "label"] for r in grid.rows] == [["姓名", "签名", "日期"]] * 2
    table = _plan(_form(signers={"roles": ["Organization", "Customer"],
                                 "boxes": ["name", "title", "phone", "signature", "date"]}), language="en")
    (part,) = _tables(table)
    assert part.keep_together and [row[0] for row in part.listed] == ["Organization", "Customer"]
    assert part.blank == 0 and table.cuts() == []


def test_grouped_headings_span_their_columns_in_two_levels() -> None:
    columns = [{"label": "No."}, {"label": "Product", "group": "Characteristics"},
               {"label": "Process", "group": "Characteristics"},
               {"label": "Size", "group": ["Methods", "Sample"]}, {"label": "Freq.", "group": ["Methods", "Sample"]},
               {"label": "Reaction plan", "width": 3}]
    (table,) = _tables(_plan(_form(orientation="landscape", table={"columns": columns, "rows": 3}), language="en"))
    heading = table.columns.heading
    assert len(heading) == 3
    assert [(c.text, c.span) for c in heading[0] if c.merge != "continue"] == [
        ("No.", 1), ("Characteristics", 2), ("Methods", 2), ("Reaction plan", 1)]
    assert [(c.text, c.span) for c in heading[1] if c.text] == [("Product", 1), ("Process", 1), ("Sample", 2)]
    assert [c.text for c in heading[2] if c.text] == ["Size", "Freq."]
    widths = table.columns.widths_cm
    assert widths[5] == max(widths)  # the reaction plan's weight


def test_a_column_is_at_least_as_wide_as_its_longest_heading_word() -> None:
    columns = [{"label": "Measurement equipment identification"}, *({"label": "x"} for _ in range(9))]
    (table,) = _tables(_plan(_form(table={"columns": columns, "rows": 2}), language="en"))
    first = table.columns.heading[0][0].text
    assert all("Measurement" == line or "Measurement" not in line or line.startswith("Measurement")
               for line in first.split("\n"))
    assert table.columns.widths_cm[0] >= printed_ems("identification", bold=True) * 0.37
    assert table.columns.fits


def test_headings_shrink_their_type_before_breaking_a_word_and_report_when_they_must() -> None:
    long = [{"label": f"Characteristic{n} specification"} for n in range(6)]
    (table,) = _tables(_plan(_form(table={"columns": long, "rows": 2}), language="en"))
    assert table.columns.heading_pt < 10.5 and table.columns.fits
    many = [{"label": f"Characteristic{n}"} for n in range(20)]
    (table,) = _tables(_plan(_form(table={"columns": many, "rows": 2}), language="en"))
    assert not table.columns.fits and table.columns.needed_cm > 16.5


def test_compact_density_puts_three_pairs_in_a_portrait_row() -> None:
    fields = [{"label": f"L{n}"} for n in range(6)]
    assert _rows(_plan(_form(fields=fields)))[0].count("label") == 2
    assert _rows(_plan(_form(fields=fields, density="compact")))[0].count("label") == 3


def test_letter_paper_holds_less_than_a4_and_a_form_may_choose_its_own() -> None:
    a4, letter = _plan(_form()), _plan(_form(), paper="Letter")
    assert letter.page.height_cm < a4.page.height_cm and letter.page.width_cm > a4.page.width_cm
    assert _plan(_form(page="A4"), paper="Letter").page.paper == "A4"


@pytest.mark.parametrize(("text", "expected"), [
    ("批次/生产日期", ["批次/", "生产日期"]),
    ("很不满意（1）", ["很不满意", "（1）"]),
    ("Q/JL081301-C Rev B", ["Q/JL081301-C ", "Rev ", "B"]),
    ("Evaluation/measurement technique", ["Evaluation/", "measurement ", "technique"]),
    ("8.2.3 条款", ["8.2.3 ", "条款"]),
])
def test_text_breaks_only_between_its_pieces(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


_label = st.text(alphabet=st.sampled_from(list("ab 名称/-Q1（）")), min_size=1, max_size=80).filter(lambda t: t.strip())
_field = st.fixed_dictionaries({"label": _label}, optional={
    "lines": st.integers(1, 30), "width": st.floats(0.05, 1.0),
    "type": st.sampled_from(["text", "date", "number", "checkbox", "signature"])})
_choice = st.builds(lambda label, options: {"label": label, "type": "choice", "options": options},
                    _label, st.lists(_label, min_size=2, max_size=8))
_fields = st.lists(st.one_of(_field, _choice), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_fields, st.lists(st.tuples(_fields, st.lists(_label, max_size=6)), max_size=4), st.lists(_label, max_size=6),
       st.one_of(st.integers(1, 200), st.lists(_label, min_size=1, max_size=30)), st.booleans(),
       st.sampled_from(["normal", "compact"]))
def test_any_form_lays_out_on_the_grid(fields: list[dict[str, object]], sections: list[tuple[list[dict[str, object]],
                                       list[str]]], signoffs: list[str], rows: int | list[str], landscape: bool,
                                       density: str) -> None:
    form = _form(fields=fields, signoffs=signoffs, orientation="landscape" if landscape else "portrait",
                 density=density, table={"columns": [{"label": "No."}, {"label": "Text", "width": 3}], "rows": rows},
                 sections=[{"title": "S", "fields": f, "signoffs": s} for f, s in sections])
    plan = _plan(form, ["note"])
    for part in plan.parts:
        if isinstance(part, Grid):
            assert all(sum(s.span for s in row.slots) == GRID and all(s.span >= 1 for s in row.slots)
                       for row in part.rows)
        else:
            assert len(part.listed) == (0 if isinstance(rows, int) else len(rows))  # listed rows are never cut
            assert part.blank <= part.asked
            assert part.blank == part.asked or len(part.listed) + part.blank >= MIN_ROWS
    assert plan.fits == (plan.height_cm <= plan.limit_cm or not form.one_page)


def test_heading_cells_give_the_site_its_spans() -> None:
    table = _form(table={"columns": [{"label": "No."}, {"label": "Size", "group": ["Methods", "Sample"]},
                                     {"label": "Freq.", "group": ["Methods", "Sample"]}]}).table
    assert table is not None
    cells = [(c.text, c.row, c.column, c.columns, c.rows) for c in heading_cells(table, ["No.", "Size", "Freq."])]
    assert cells == [("No.", 0, 0, 1, 3), ("Methods", 0, 1, 2, 1), ("Sample", 1, 1, 2, 1), ("Size", 2, 1, 1, 1),
                     ("Freq.", 2, 2, 1, 1)]
