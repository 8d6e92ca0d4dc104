"""Document types as data: the built-in and project-defined types, chapter plans, actors and retention rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from proccompile.model.actors import covers, departments_of
from proccompile.model.chapters import RecordEntry, Responsibility, Step
from proccompile.model.doctypes import chapter_id_taken
from proccompile.model.numbering import chapter_plan, numbering, numbering_in
from proccompile.model.retention import EventRetention
from proccompile.model.types import Duration
from proccompile.pipeline import check_project

PYRAMID = Path(__file__).parent.parent / "cases" / "valid" / "pyramid"


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    checked = check_project(PYRAMID)
    assert [d.message for d in checked.diagnostics] == []
    return checked.corpus


def test_the_project_declares_its_types_each_with_folder_level_and_pattern(corpus) -> None:
    assert [(t.id, t.folder, t.level, t.pattern) for t in corpus.types] == [
        ("procedure", "procedures", 2, r"^Q/QP\d{2}$"),
        ("form", "forms", 4, r"^Q/QR\d{4}$"),
        ("manual", "manuals", 1, r"^Q/SC\d{2}$"),
        ("instruction", "instructions", 3, r"^Q/ZY\d{4}$"),
        ("specification", "specifications", 3, r"^Q/JG\d{3}$"),
    ]
    assert {t.id: [d.model.code for d in corpus.of_type(t.id)] for t in corpus.types} == {
        "procedure": ["Q/QP01"], "form": ["Q/QR0101"], "manual": ["Q/SC01"], "instruction": ["Q/ZY0101"],
        "specification": ["Q/JG001"]}
    assert [t.id for t in corpus.types if not t.chaptered] == ["form"]


def test_a_project_type_is_a_model_made_from_its_chapter_list(corpus) -> None:
    spec = corpus.doctype("specification")
    assert [(c.id, c.kind, c.when_empty, c.title) for c in spec.chapters] == [
        ("purpose", "text", "none", "目的"), ("characteristics", "table", "none", "检验项目"),
        ("sampling", "list", "omit", "抽样规则"), ("records", "records", "none", "记录")]
    doc = corpus.document("Q/JG001")
    assert doc.kind == "specification"
    assert doc.model.characteristics[0].rows == [["外观", "无划伤"]]
    with pytest.raises(ValidationError, match="purpose"):
        spec.model.model_validate({"code": "Q/JG002", "title": "t", "version": "A/0", "status": "draft",
                                   "owner": "quality", "revisions": [{"version": "A/0", "date": "2024-01-01",
                                                                      "change": "c", "author": "a"}]})


def test_chapter_ids_that_every_document_or_pydantic_already_uses_are_refused() -> None:
    assert [name for name in ("code", "chapters", "json", "copy", "model_dump", "schema", "requirements")
            if chapter_id_taken(name)] == ["code", "chapters", "json", "copy", "model_dump", "schema"]


def test_the_chapter_order_and_free_chapters_decide_the_printed_numbers(corpus) -> None:
    procedure = corpus.procedure("Q/QP01").model
    plan = chapter_plan(procedure, corpus.doctype("procedure").chapters)
    assert [(p.spec.title or p.spec.id, p.number) for p in plan] == [
        ("概述", 1), ("purpose", 2), ("scope", 3), ("commitments", 4), ("terms", 5), ("responsibilities", 6),
        ("process", 7), ("related", 8), ("attachments", 9), ("records", 10)]
    numbers = numbering_in(corpus, procedure)
    assert numbers.cite(("chapters", 0, "text")) == ("1", None)
    assert numbers.cite(("process", 0, "steps", 1, "owner")) == ("7.1.2", None)
    assert numbers.cite(("responsibilities", 2, "authorities", 0)) == ("6.3", None)
    assert numbers.cite(("records", 1, "retention")) == ("10", 2)


def test_free_chapters_go_before_or_after_their_anchor_in_file_order() -> None:
    from proccompile.model import Procedure

    base = check_project(PYRAMID).corpus.procedure("Q/QP01").model
    data = base.model_dump(mode="json")
    data["chapters"] = [{"title": "A", "after": "scope", "text": "a"}, {"title": "B", "after": "scope", "text": "b"},
                        {"title": "C", "before": "scope", "text": "c"}, {"title": "D", "text": "d"}]
    data["chapter_order"] = []
    moved = Procedure.model_validate(data)
    titles = [p.spec.title or p.spec.id for p in chapter_plan(moved, Procedure.CHAPTERS)]
    assert titles == ["purpose", "C", "scope", "A", "B", "terms", "responsibilities", "process", "commitments",
                      "related", "attachments", "records", "D"]


def test_a_manual_prints_front_matter_unnumbered_and_its_clause_chapters_by_clause(corpus) -> None:
    manual = corpus.document("Q/SC01").model
    plan = chapter_plan(manual, corpus.doctype("manual").chapters)
    assert [(p.spec.id, p.number) for p in plan] == [
        ("foreword", None), ("policy", None), ("objectives", None), ("scope", 1), ("references", 2), ("terms", 3),
        ("clauses", None)]
    numbers = numbering(manual, corpus.doctype("manual").chapters)
    assert numbers.cite(("clauses", 3, "documents", 0)) == ("8.2", None)


def test_one_or_several_actors_are_read_into_a_tuple_and_written_back_as_given() -> None:
    shared = Responsibility.model_validate({"department": ["sales", "intl-trade"], "duties": ["d"]})
    single = Step.model_validate({"text": "t", "owner": "sales"})
    assert (shared.department, single.owner) == (("sales", "intl-trade"), ("sales",))
    assert shared.model_dump()["department"] == ["sales", "intl-trade"]
    assert single.model_dump()["owner"] == "sales"
    with pytest.raises(ValidationError, match="duties` or `authorities"):
        Responsibility.model_validate({"department": "sales"})


def test_roles_count_for_their_department_and_groups_for_their_members(corpus) -> None:
    index = corpus.actors
    assert departments_of(index, ("quality-manager", "department-heads", "intl-trade")) == (
        "quality", "sales", "production", "intl-trade")
    assert covers(index, ("quality",), "quality-manager") is True
    assert covers(index, ("department-heads",), "sales") is True
    assert covers(index, ("sales",), "quality-manager") is False


def test_a_retention_is_a_duration_or_a_rule_counted_from_an_event() -> None:
    rule = RecordEntry.model_validate({"record": "PPAP package", "keeper": "quality",
                                       "retention": {"after": "end of production", "plus": "1y"}})
    assert rule.retention == EventRetention("end of production", Duration(1, "y"))
    assert (rule.retention.display("en"), rule.retention.display("zh")) == (
        "1 year after end of production", "end of production后1年")
    assert rule.model_dump(mode="json")["retention"] == {"after": "end of production", "plus": "1y"}
    assert RecordEntry.model_validate({"form": "F-1", "keeper": "q", "retention": "3y"}).retention == Duration(3, "y")
    with pytest.raises(ValidationError, match="takes `after` and `plus`, not `until`"):
        RecordEntry.model_validate({"record": "x", "keeper": "q", "retention": {"after": "e", "until": "1y"}})
    with pytest.raises(ValidationError, match="give `form`"):
        RecordEntry.model_validate({"form": "F-1", "record": "x", "keeper": "q"})
