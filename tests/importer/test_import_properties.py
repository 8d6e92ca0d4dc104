"""Any mix of legacy-looking paragraphs and tables gives a draft without an exception, nothing in it that
the document does not say, every paragraph and cell read or listed, and no label taken for a name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from proccompile.diagnostics import Diagnostics
from proccompile.importer.docx_reader import Para, Table, WordDocument
from proccompile.importer.labels import DATE_LABELS, NAME_LABELS, OTHER_GRID_LABELS, norm
from proccompile.importer.lookup import Lookup
from proccompile.importer.procedure import procedure_draft
from proccompile.model.config import ProjectConfig
from proccompile.views.wording import Texts

CONFIG = ProjectConfig.model_validate({
    "company": {"zh": "示例", "en": "Example"},
    "numbering": {"procedure": r"^QP-\d{2}$", "form": r"^QR-\d{2}-\d{2}$"},
    "departments": [{"id": "quality", "zh": "质量部", "en": "Quality Department"},
                    {"id": "sales", "zh": "销售部", "en": "Sales Department"}],
    "external_documents": [{"code": "ISO 9001:2015", "title": "质量管理体系 要求"}],
})
FRAGMENTS = ["1 目的", "2 范围", "3 术语", "4 职责", "5 工作程序", "6 相关文件", "7 记录", "8 附则", "一、目的",
             "4.1 质量部：负责检验。", "4.2 销售部", "a) 负责答复。", "5.1 受理", "5.1.1 销售部登记QR-01-01。",
             "编制：张三　审核：李四", "2024-03-01 发布", "附件1 记录表（QR-01-02）", "QP-07", "ISO 9001:2015",
             "无", "3年", "24 小时", "版本", "修订内容", "编制", "审核", "批准", "文件编号", "受控", "—", "",
             "1.0 PURPOSE", "SCOPE", "Prepared by", "Approved by", "Date", "日期", "签名", "Name", "No.", "序号",
             "Rev", "Description", "By", "Effective Date 03/15/2024", "03/04/2024", "2023.5.1", "Process Owner",
             "Revision", "• 一项", "Form No.", "F-7.5-02", "Retention"]
# The packaged Chinese labels: no project folder is involved.
LABELS = Texts(Path("/nonexistent-project"), "zh", Diagnostics()).label
texts = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
styles = st.sampled_from(["Normal", "Heading 1", "Heading 2", "Title"])
rows = st.lists(st.lists(texts, min_size=1, max_size=5).map(tuple), min_size=1, max_size=4).map(tuple)
blocks = st.lists(st.one_of(st.tuples(st.just("p"), texts, styles), st.tuples(st.just("t"), rows)), max_size=25)


def _document(items: list[Any], header: tuple[tuple[str, ...], ...]) -> WordDocument:
    body: list[Para | Table] = []
    paragraphs = tables = 0
    for item in items:
        if item[0] == "p":
            paragraphs += 1
            body.append(Para(paragraphs, item[1].strip(), item[2]))
        else:
            tables += 1
            body.append(Table(tables, tuple(tuple(c.strip() for c in row) for row in item[1])))
    return WordDocument(body, [Table(1, header, place="page header")])


def _strings(data: Any, key: str = "") -> list[str]:
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _strings(v, k)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v, key)]
    ids = {"department", "owner", "keeper", "status", "retention", "time_limit", "form", "records",
           "related_documents", "related", "code", "iso_clauses"}
    return [data] if isinstance(data, str) and key not in ids else []


@settings(max_examples=150, deadline=None)
@given(blocks, rows)
def test_any_document_gives_a_draft_and_invents_nothing(items: list[Any], header: tuple[tuple[str, ...], ...]) -> None:
    doc = _document(items, header)
    draft = procedure_draft(doc, Lookup(CONFIG, LABELS))
    cells = [c for b in [*doc.body, *doc.header_tables] if isinstance(b, Table) for r in b.rows for c in r]
    source = "\n".join([*(b.text for b in doc.body if isinstance(b, Para)), *cells])
    for value in _strings(draft.data):
        for line in value.split("\n"):
            assert line.strip() in source
    units = {b.where for b in doc.body if isinstance(b, Para) and b.text.strip()}
    units |= {t.cell_where(r, c) for t in [*doc.body, *doc.header_tables] if isinstance(t, Table)
              for r, row in enumerate(t.rows) for c, text in enumerate(row) if text.strip()}
    assert units <= draft.used | draft.listed
    assert draft.account.units == len(units) == draft.account.read + draft.account.listed
    labels = NAME_LABELS | DATE_LABELS | OTHER_GRID_LABELS | set(Lookup(CONFIG, LABELS).roles)
    for approval in draft.data.get("approvals", {}).values():
        assert norm(approval["name"]) not in labels
