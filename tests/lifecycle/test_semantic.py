"""The semantic change list without git: procedures by printed section, forms field by field."""

from __future__ import annotations

from proccompile.lifecycle.semantic import Change, semantic_diff
from proccompile.pipeline import check_project
from tests.lifecycle.conftest import ROOT

SHIPPED = check_project(ROOT)


def test_identical_versions_have_no_changes() -> None:
    for doc in SHIPPED.corpus.documents():
        assert semantic_diff(doc.model, doc.model) == []


def test_form_fields_and_columns_are_matched_by_label() -> None:
    form = SHIPPED.corpus.form("Q/JL060301").model
    fields = [f.model_copy(update={"label": "信息来源（渠道）"}) if f.label == "信息来源" else f for f in form.fields]
    newer = form.model_copy(update={"fields": fields[1:], "retention": None, "version": "C/1"})
    changes = semantic_diff(form, newer)
    assert Change("removed", "fields.编号", "", "label: 编号; type: text; lines: 1", None) in changes
    options = "options: 顾客投诉, 顾客满意度调查, 内部质量问题, 审核发现, 其他"
    assert Change("removed", "fields.信息来源", "", f"label: 信息来源; type: choice; {options}; lines: 1",
                  None) in changes
    assert Change("added", "fields.信息来源（渠道）", "", None,
                  f"label: 信息来源（渠道）; type: choice; {options}; lines: 1") in changes
    assert Change("removed", "retention", "", "3y", None) in changes
    assert not any(c.where == "version" for c in changes)  # the release itself is the heading, not a change


def test_steps_moved_between_sections_and_records_are_listed() -> None:
    proc = SHIPPED.corpus.procedure("Q/FL2.0813").model
    first = proc.process[0]
    section = first.model_copy(update={"steps": first.steps[1:]})
    records = proc.records[:-1]
    newer = proc.model_copy(update={"process": [section, *proc.process[1:]], "records": records,
                                    "related_documents": [*proc.related_documents, "GB/T 27922"]})
    changes = semantic_diff(proc, newer)
    assert Change("removed", "5.1.1", "step", first.steps[0].text, None) in changes
    last = proc.records[-1].form
    shown = f"form: {last}; keeper: quality; retention: 3y; storage: 质控部按月归档"
    assert Change("removed", "9", f"record {last}", shown, None) in changes
    assert Change("added", "7", "related document", None, "GB/T 27922") in changes
