"""Three hand-made legacy procedures import into drafts with a located list of what was not mapped and
nothing invented: every text in a draft is text of its Word document."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from proccompile.load.house_format import house_yaml
from proccompile.model.procedure import Procedure
from tests.helpers import run_split
from tests.importer import legacy_documents

BASE = Path(__file__).parents[1] / "cases" / "base"
# Ids and codes are mapped, not copied; durations are normalised (3年 → 3y); dates are parsed.
_NOT_TEXT = {"department", "owner", "keeper", "status", "retention", "time_limit", "form", "records",
             "related_documents", "code"}

EXPECTED_NOTES = {
    "a.docx": [
        "paragraph 19: not mapped (cited document is neither a procedure code nor in `external_documents`): "
        "《合同管理办法》",
        "paragraph 21: not mapped (section `附则` has no place in a procedure (sections read: 目的, 范围, 术语和定义, "
        "职责, 工作程序, 相关文件, 附件, 记录)): 8 附则",
        "paragraph 22: not mapped (in section `附则`, which has no place in a procedure): 本程序由质量部负责解释。",
        "the document: not mapped (no 受控/草稿/作废 mark found; the draft says `draft`): status",
        "the document: not mapped (no owning department (归口部门 / Process Owner) found: add `owner`): owner",
        "the document: not mapped (no revision table found): revision history",
    ],
    "b.docx": [
        "table 1 row 3 cell 4: not mapped (time limit that is not a duration): 一个月",
        "the document: not mapped (no owning department (归口部门 / Process Owner) found: add `owner`): owner",
    ],
    "c.docx": [
        "paragraph 1: not mapped (cover text with no place in a procedure): 本文件为公司内部资料，未经许可不得外传。",
        "paragraph 11: not mapped (text before the first subsection of the procedure): 流程图见附件1。",
        "paragraph 14: not mapped (step names no known department: give its `owner`): 评审结论记入QR-01-01。",
        "table 2 row 3: not mapped (revision row without change): A/1 | 2024-02-20 | | 赵六",
        "the document: not mapped (no title found (a Title-style paragraph or a 文件名称 / Title cell)): title",
        "the document: not mapped (no 受控/草稿/作废 mark found; the draft says `draft`): status",
    ],
}
MAKERS: dict[str, Callable[[Path], None]] = {
    "a.docx": legacy_documents.header_table_in_body,
    "b.docx": legacy_documents.page_header_and_process_table,
    "c.docx": legacy_documents.lettered_duties_and_attachments,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("legacy") / "qms"
    shutil.copytree(BASE, root)
    for name, make in MAKERS.items():
        make(root / name)
    code, output, err = run_split(["import", *MAKERS, "-o", "drafts"], root)
    assert (code, err) == (0, "")
    return root, output


def _draft(root: Path, code: str) -> dict[str, Any]:
    return dict(house_yaml().load((root / "drafts" / f"{code}.yaml").read_text("utf-8")))


def _document_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in [*d.tables, *(t for s in d.sections for t in s.header.tables)]:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def _texts(data: Any, key: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _texts(v, str(k))
    elif isinstance(data, list):
        for v in data:
            yield from _texts(v, key)
    elif isinstance(data, str) and key not in _NOT_TEXT:
        yield data


def test_each_file_lists_exactly_what_was_not_mapped(project: tuple[Path, str]) -> None:
    _, output = project
    notes: dict[str, list[str]] = {}
    for line in output.splitlines():
        if line.startswith("  ") and ".docx: " in line:
            name, _, note = line.strip().partition(": ")
            notes.setdefault(name, []).append(note)
    assert notes == EXPECTED_NOTES
    assert "  - id: new-department-1\n    zh: 仓储部\n" in output


@pytest.mark.parametrize(("name", "code"), [("a.docx", "QP-03"), ("b.docx", "QP-04"), ("c.docx", "QP-05")])
def test_nothing_is_invented(project: tuple[Path, str], name: str, code: str) -> None:
    root, _ = project
    text = _document_text(root / name)
    for value in _texts(_draft(root, code)):
        for line in value.split("\n"):
            assert line in text, f"{code}: `{line}` is not in {name}"


def test_header_table_layout(project: tuple[Path, str]) -> None:
    data = _draft(project[0], "QP-03")
    assert (data["title"], data["version"], data["effective"]) == ("顾客投诉处理程序", "A/0", dt.date(2024, 5, 1))
    assert data["approvals"]["approved"] == {"name": "王五", "date": dt.date(2024, 4, 25)}
    assert [r["department"] for r in data["responsibilities"]] == ["quality", "sales", "new-department-1"]
    assert [[(s["owner"], s.get("records")) for s in sec["steps"]] for sec in data["process"]] == [
        [("sales", ["QR-01-01"]), ("quality", None)], [("quality", ["QR-01-02"])]]
    assert data["related_documents"] == ["ISO 9001:2015"]
    assert [(r["form"], r["keeper"], r["retention"]) for r in data["records"]] == [
        ("QR-01-01", "sales", "3y"), ("QR-01-02", "quality", "permanent")]


def test_page_header_layout_is_a_valid_procedure_once_the_owner_is_added(project: tuple[Path, str]) -> None:
    data = _draft(project[0], "QP-04")
    model = Procedure.model_validate({**data, "owner": "quality"})
    assert (model.status, model.issued, model.effective) == ("released", dt.date(2023, 6, 1), dt.date(2023, 6, 15))
    assert model.scope == "适用于产品和过程中发现的不合格。\n也适用于顾客投诉引起的纠正措施。"
    assert {role: a.name for role, a in model.approvals.items()} == {
        "prepared": "张三", "reviewed": "李四", "approved": "王五"}
    step = model.process[0].steps[0]
    assert (str(step.time_limit), step.records) == ("5wd", ["QR-01-02"])
    assert model.process[0].steps[1].time_limit is None  # 一个月 is listed, not guessed
    assert [r.version for r in model.revisions] == ["A/0", "B/1"]


def test_owner_row_lettered_duties_and_attachments(project: tuple[Path, str]) -> None:
    data = _draft(project[0], "QP-05")
    assert "title" not in data and data["version"] == "A/1" and data["effective"] == dt.date(2024, 3, 1)
    assert data["owner"] == "quality"
    assert data["responsibilities"] == [{"department": "quality", "duties": ["负责不合格品的判定；", "负责组织评审。"]}]
    assert data["attachments"] == [{"title": "不合格品处置流程图"}, {"title": "投诉登记表", "form": "QR-01-01"}]
    assert "records" not in data
    assert "owner" not in data["process"][0]["steps"][1]


def test_import_refuses_to_overwrite_and_reports_unreadable_files(project: tuple[Path, str]) -> None:
    root, _ = project
    code, _, err = run_split(["import", "a.docx", "-o", "drafts"], root)
    assert code == 2 and "already exists; refusing to overwrite it" in err
    (root / "broken.docx").write_bytes(b"not a zip")
    code, _, err = run_split(["import", "broken.docx", "-o", "elsewhere"], root)
    assert code == 1 and "cannot import broken.docx: not a .docx Word document" in err
