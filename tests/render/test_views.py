"""View-models without python-docx: section numbering, display strings, field grid and file names."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from proccompile.diagnostics import Diagnostics
from proccompile.load.yaml import load_yaml
from proccompile.model import Procedure
from proccompile.model.corpus import NamedDoc
from proccompile.model.display import procedure_number
from proccompile.model.form_layout import GRID
from proccompile.model.names import names_of
from proccompile.model.output_names import output_relpath
from proccompile.pipeline import check_project
from proccompile.render.blocks import Flowchart, Para, Table
from proccompile.render.form import form_view
from proccompile.render.procedure import procedure_view
from proccompile.validate.outputs import output_names
from proccompile.views.wording import Texts
from tests.render.conftest import MINIMAL


@pytest.fixture(scope="module")
def checked():  # type: ignore[no-untyped-def]
    return check_project(MINIMAL)


@pytest.fixture(scope="module")
def texts() -> Texts:
    return Texts(MINIMAL, "zh", Diagnostics())


def _headings(blocks: list) -> list[str]:  # type: ignore[type-arg]
    # A flowchart carries the heading it is printed under (a landscape chart takes it to its own page).
    paras = [p for b in blocks for p in (b.lead if isinstance(b, Flowchart) else (b,))]
    return [b.text for b in paras if isinstance(b, Para) and b.style == "heading1"]


def test_sections_follow_the_standard_order_and_renumber_without_commitments(checked, texts) -> None:
    corpus = checked.corpus
    full = procedure_view(corpus, corpus.procedure("Q/QP01"), texts)
    assert _headings(full.blocks) == ["修订记录", "1 目的", "2 范围", "3 术语和定义", "4 职责",
                                      "5 工作程序", "6 服务承诺", "7 相关文件", "8 附件", "9 记录"]
    short = procedure_view(corpus, corpus.procedure("Q/QP02"), texts)
    assert _headings(short.blocks)[-4:] == ["5 工作程序", "6 相关文件", "7 附件", "8 记录"]
    # Empty terms, related documents and attachments print 无.
    assert [b.text for b in short.blocks if isinstance(b, Para) and b.text == "无"] == ["无"] * 3


def test_steps_are_numbered_within_their_subsection(checked, texts) -> None:
    view = procedure_view(checked.corpus, checked.corpus.procedure("Q/QP01"), texts)
    tables = [b for b in view.blocks if isinstance(b, Table) and b.rows[0][0].text == "步骤"]
    assert [[row[0].text for row in t.rows[1:]] for t in tables] == [["5.1.1"], ["5.2.1", "5.2.2"]]
    assert tables[1].rows[1][3].text == "5个工作日"


def test_document_numbers_use_the_display_patterns(checked) -> None:
    corpus = checked.corpus
    assert procedure_number(corpus, corpus.procedure("Q/QP01").model) == "Q/QP01—2024"
    # A draft has no issue year: the bare code, not a guessed year.
    assert procedure_number(corpus, corpus.procedure("Q/QP02").model) == "Q/QP02"


def test_page_furniture_follows_the_status(checked, texts) -> None:
    corpus = checked.corpus
    views = {code: procedure_view(corpus, corpus.procedure(code), texts) for code in ("Q/QP01", "Q/QP02", "Q/QP03")}
    assert [(v.page.stamp, v.page.watermark) for v in views.values()] == [
        ("受控", None), ("草稿", "草稿"), ("作废", "作废")]
    assert views["Q/QP01"].page.footer == ("Q/QP01—2024　A/1", "受控文件　未经批准不得复制")


def test_form_field_grid_spans_every_row_across_the_page(checked, texts) -> None:
    corpus = checked.corpus
    portrait = form_view(corpus, corpus.form("Q/QR0101"), texts, dt.date(2024, 1, 1))
    grid = portrait.blocks[0]
    assert isinstance(grid, Table) and grid.header_rows == 0
    assert {sum(c.span for c in row) for row in grid.rows} == {GRID}
    landscape = form_view(corpus, corpus.form("Q/QR0102"), texts, dt.date(2024, 1, 1))
    first_row = landscape.blocks[0].rows[0]
    (label, label_span), (choices, choice_span) = [(c.text, c.span) for c in first_row][:2]
    assert (label, choices) == ("不合格来源", "☐顾客投诉　☐内部审核　☐过程监视　☐产品检验")
    # Four options need more than one label/blank pair (a third of the row in landscape).
    assert label_span + choice_span > GRID // 3
    assert landscape.page.landscape


@pytest.mark.parametrize(("code", "version", "title", "expected"), [
    ("Q/FL2.0813", "B/0", "顾客服务控制程序", "procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx"),
    ("Q/JL060301", "C/0", "纠正/预防措施记录表", "forms/Q-JL060301_C-0_纠正-预防措施记录表.docx"),
    ("A:B", "1.0", 'a<b>"c"|d?*. ', "forms/A-B_1.0_a-b--c--d--.docx"),
    # A right-to-left override would show `…xcod.exe` as `…exe.docx`; zero-width and BOM characters hide.
    ("Q/1", "A/0", "报告\u202egpj.exe\u200b\ufeff", "forms/Q-1_A-0_报告gpj.exe.docx"),
    # 60 CJK characters are 180 bytes: cut at a character boundary so the name stays under 255 bytes.
    ("Q/2", "A/0", "长" * 60, "forms/Q-2_A-0_" + "长" * 50 + ".docx"),
])
def test_output_names_are_safe_on_every_file_system(code, version, title, expected) -> None:
    kind = "procedure" if expected.startswith("procedures") else "form"
    assert output_relpath(kind, code, version, title) == expected


def test_two_documents_mapping_to_one_file_name_are_found_by_check(checked) -> None:
    corpus = checked.corpus
    form = corpus.forms[0]
    # Bypasses validation on purpose: codes that differ only in a replaced character.
    twin = type(form)(form.model.model_copy(update={"code": form.model.code.replace("/", ":")}), form.source)
    named = NamedDoc(names_of(twin, None), form.source)
    corpus.named.append(named)
    bag = Diagnostics()
    try:
        output_names(corpus, bag)
    finally:
        corpus.named.remove(named)
    # Both the Word file and the site page are named from the code with `/` and `:` replaced.
    assert [d.code.id for d in bag] == ["PC503", "PC503"]
    assert sorted("site page" in d.message for d in bag) == [False, True]


def test_text_word_cannot_store_never_reaches_rendering() -> None:
    # The model guarantees XML-safe text, so rendering relies on it instead of sanitising again.
    source = load_yaml(MINIMAL / "procedures" / "Q-QP03.yaml", "procedures/Q-QP03.yaml", Diagnostics())
    tree = dict(source.tree)
    assert Procedure.model_validate(tree).title == "产品召回程序"
    for bad in ("产品\x0b召回", "\x00", "a\ud800b", "\ufffe"):
        with pytest.raises(ValidationError, match="Word documents cannot store"):
            Procedure.model_validate({**tree, "title": bad})
