"""The form layout plan: grid rows span the page, tables lose rows to fit one page, overflow is reported."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proccompile.model.form import Form
from proccompile.model.form_layout import GRID, MIN_ROWS, BlankTable, Grid, plan_form


def _form(**body: object) -> Form:
    return Form.model_validate({"code": "F", "title": "t", "version": "A/0", "owner": "quality", **body})


def test_every_grid_row_spans_the_grid() -> None:
    choice = {"label": "类别", "type": "choice", "options": ["甲", "乙", "丙", "丁"]}
    form = _form(fields=[{"label": "名称"}, choice, {"label": "描述", "lines": 4}, {"label": "Half", "width": 0.5}],
                 sections=[{"title": "原因分析", "fields": [{"label": "原因", "lines": 3}],
                            "signoffs": ["签字", "日期"]}],
                 signoffs=["编制", "审核", "批准", "生产部负责人"])
    plan = plan_form(form, [])
    for part in plan.parts:
        assert isinstance(part, Grid)
        assert all(sum(s.span for s in row.slots) == GRID for row in part.rows)
    tall = [row for part in plan.parts if isinstance(part, Grid) for row in part.rows
            if any(s.field and s.field.lines == 4 for s in row.slots)]
    assert tall and tall[0].height_cm >= 4 * 0.8


def test_a_long_table_loses_rows_to_stay_on_one_page() -> None:
    columns = [{"label": "序号"}, {"label": "内容", "width": 4}]
    plan = plan_form(_form(table={"columns": columns, "rows": 60}), ["说明"])
    (table,) = [p for p in plan.parts if isinstance(p, BlankTable)]
    assert plan.fits and MIN_ROWS < table.rows < 60
    assert plan.height_cm <= plan.limit_cm
    free = plan_form(_form(table={"columns": columns, "rows": 60}, one_page=False), ["说明"])
    assert [p.rows for p in free.parts if isinstance(p, BlankTable)] == [60]


def test_content_that_cannot_fit_is_reported_not_cut() -> None:
    plan = plan_form(_form(fields=[{"label": "描述", "lines": 30}, {"label": "分析", "lines": 30}]), [])
    assert not plan.fits and plan.height_cm > plan.limit_cm


def test_boxes_share_one_label_width_so_their_edges_line_up() -> None:
    form = _form(fields=[{"label": "Problem found", "lines": 3}],
                 sections=[{"title": "Work", "fields": [{"label": "Work carried out and parts used", "lines": 4}]}])
    spans = {s.span for part in plan_form(form, []).parts if isinstance(part, Grid) for row in part.rows
             for s in row.slots if s.kind == "label"}
    assert len(spans) == 1


_label = st.text(alphabet=st.sampled_from(list("ab 名称/-Q1")), min_size=1, max_size=80).filter(lambda t: t.strip())
_field = st.fixed_dictionaries({"label": _label}, optional={
    "lines": st.integers(1, 30), "width": st.floats(0.05, 1.0),
    "type": st.sampled_from(["text", "date", "number", "checkbox", "signature"])})
_choice = st.builds(lambda label, options: {"label": label, "type": "choice", "options": options},
                    _label, st.lists(_label, min_size=2, max_size=8))
_fields = st.lists(st.one_of(_field, _choice), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_fields, st.lists(st.tuples(_fields, st.lists(_label, max_size=6)), max_size=4), st.lists(_label, max_size=6),
       st.integers(1, 200), st.booleans())
def test_any_form_lays_out_on_the_grid(fields: list[dict[str, object]], sections: list[tuple[list[dict[str, object]],
                                       list[str]]], signoffs: list[str], rows: int, landscape: bool) -> None:
    form = _form(fields=fields, signoffs=signoffs, orientation="landscape" if landscape else "portrait",
                 table={"columns": [{"label": "No."}, {"label": "Text", "width": 3}], "rows": rows},
                 sections=[{"title": "S", "fields": f, "signoffs": s} for f, s in sections])
    plan = plan_form(form, ["note"])
    for part in plan.parts:
        if isinstance(part, Grid):
            assert all(sum(s.span for s in row.slots) == GRID and all(s.span >= 1 for s in row.slots)
                       for row in part.rows)
        else:
            assert MIN_ROWS <= part.rows <= rows or part.rows == rows
    assert plan.fits == (plan.height_cm <= plan.limit_cm)
