"""Four legacy layouts (US automotive `1.0 PURPOSE`, English house style, Chinese `1.0 目的` with the two-row
signature grid, a clean `1 目的` file): every paragraph and table cell is read or listed, each role gets
its own name and date, no label is ever taken for a name, and what cannot be read says why."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.table import Table as DocxTable

from proccompile.diagnostics import Diagnostics
from proccompile.importer.docx_reader import read_docx
from proccompile.importer.labels import DATE_LABELS, NAME_LABELS, OTHER_GRID_LABELS, norm
from proccompile.importer.lookup import Lookup
from proccompile.importer.procedure import procedure_draft
from proccompile.importer.result import NOT_RECOGNISED
from proccompile.load.house_format import house_yaml
from proccompile.model.config import ProjectConfig
from proccompile.model.procedure import Procedure
from proccompile.views.wording import Texts
from tests.helpers import run_split
from tests.importer import legacy_layouts

BASE = Path(__file__).parents[1] / "cases" / "base"
EN_FILES: dict[str, Callable[[Path], None]] = {"us.docx": legacy_layouts.us_automotive,
                                               "house.docx": legacy_layouts.english_house_style}
ZH_FILES: dict[str, Callable[[Path], None]] = {"dotted.docx": legacy_layouts.chinese_dotted,
                                               "clean.docx": legacy_layouts.chinese_clean}
AMBIGUOUS = "may be month/day or day/month; give --date-order mdy or dmy"
EXPECTED_NOTES = {
    "us.docx": [
        "paragraph 2: not mapped (cover text with no place in a procedure): Supersedes: Rev B",
        "paragraph 3: not mapped (issued date: `02/30/2024` is not a calendar date): Issued 02/30/2024",
        "paragraph 22: not mapped (section `TRAINING` has no place in a procedure (sections read: Purpose, Scope, "
        "Terms and Definitions, Responsibilities, Procedure, Related Documents, Attachments, Records)): 6.0 TRAINING",
        "paragraph 23: not mapped (in section `TRAINING`, which has no place in a procedure): "
        "Operators are trained on the HOLD tag during induction.",
        "table 2 row 4: not mapped (form code `F-7.5-02` does not match the house pattern numbering.form "
        "`^QF-\\d{3}-\\d{2}$`): Scrap Log | F-7.5-02 | Production | 1 year | Shop floor",
        f"table 3 row 2 cell 2: not mapped (revision date: `01/10/2020` {AMBIGUOUS}): 01/10/2020",
        f"table 4 row 2 cell 2: not mapped (date of prepared: `03/01/2024` {AMBIGUOUS}): 03/01/2024",
        f"table 4 row 2 cell 4: not mapped (date of reviewed: `03/05/2024` {AMBIGUOUS}): 03/05/2024",
        "table 4 row 1 cell 6: not mapped (no name for approved: the cell for it is empty): Approved by",
        "the document: not mapped (no CONTROLLED/DRAFT/OBSOLETE mark found; the draft says `draft`): status",
    ],
    "house.docx": [
        "page footer paragraph 1: not mapped (text in the page footer): Uncontrolled when printed Page 1 of 2",
        "the document: not mapped (no CONTROLLED/DRAFT/OBSOLETE mark found; the draft says `draft`): status",
    ],
    "dotted.docx": [
        "table 1 row 3: not mapped (form code `JL-8.3-01` does not match the house pattern numbering.form "
        "`^QR-\\d{2}-\\d{2}$`): 2 | 退货登记表 | JL-8.3-01 | 销售部 | 2年",
        "the document: not mapped (no owning department (归口部门 / Process Owner) found: add `owner`): owner",
    ],
    "clean.docx": [
        "table 5 row 1 cell 4: not mapped (no name for reviewed: the cell for it is empty): 审核",
    ],
}


def _project(tmp: Path, language: str) -> Path:
    root = tmp / language
    if language == "zh":
        shutil.copytree(BASE, root)
    else:
        root.mkdir()
        (root / "proccompile.yaml").write_text(legacy_layouts.EN_CONFIG, encoding="utf-8")
    for name, make in (EN_FILES if language == "en" else ZH_FILES).items():
        make(root / name)
    return root


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("layouts")
    return {language: _project(tmp, language) for language in ("en", "zh")}


@pytest.fixture(scope="module")
def outputs(projects: dict[str, Path]) -> dict[str, str]:
    found = {}
    for language, files in (("en", EN_FILES), ("zh", ZH_FILES)):
        code, output, err = run_split(["import", *files, "-o", "drafts"], projects[language])
        assert (code, err) == (0, ""), err
        found[language] = output
    return found


def _notes(output: str) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for line in output.splitlines():
        if line.startswith("  ") and ".docx: " in line:
            name, _, note = line.strip().partition(": ")
            notes.setdefault(name, []).append(note)
    return notes


def _draft(root: Path, code: str) -> dict[str, Any]:
    return dict(house_yaml().load((root / "drafts" / f"{code}.yaml").read_text("utf-8")))


def test_each_file_lists_exactly_what_was_not_mapped(outputs: dict[str, str]) -> None:
    assert _notes(outputs["en"]) | _notes(outputs["zh"]) == EXPECTED_NOTES


def _source_units(path: Path) -> dict[str, str]:
    """Every paragraph and table cell with text, named as the import names them, found with python-docx."""
    document = docx.Document(str(path))
    units: dict[str, str] = {}

    def add(items: Any, place: str) -> None:
        prefix = f"{place} " if place else ""
        paragraphs = tables = 0
        for item in items:
            if isinstance(item, DocxTable):
                tables += 1
                for r, row in enumerate(item.rows, 1):
                    distinct = list(dict.fromkeys(row.cells))  # a merged cell once
                    for c, cell in enumerate(distinct, 1):
                        if cell.text.strip():
                            units[f"{prefix}table {tables} row {r} cell {c}"] = cell.text
            else:
                paragraphs += 1
                if item.text.strip():
                    units[f"{prefix}paragraph {paragraphs}"] = item.text

    add(document.iter_inner_content(), "")
    section = document.sections[0]
    for part, place in ((section.header, "page header"), (section.footer, "page footer")):
        if not part.is_linked_to_previous:
            add(part.iter_inner_content(), place)
    return units


@pytest.mark.parametrize("name", [*EN_FILES, *ZH_FILES])
def test_every_paragraph_and_cell_is_read_or_listed(projects: dict[str, Path], name: str) -> None:
    root = projects["en" if name in EN_FILES else "zh"]
    config = ProjectConfig.model_validate(house_yaml().load((root / "proccompile.yaml").read_text("utf-8")))
    texts = Texts(root, config.language, Diagnostics())
    draft = procedure_draft(read_docx(root / name), Lookup(config, texts.label))
    units = _source_units(root / name)
    assert set(units) <= draft.used | draft.listed
    assert draft.account.units == len(units) and draft.account.read + draft.account.listed == len(units)
    assert draft.account.listed == len(set(units) & draft.listed)
    # Each paragraph and cell was handled by the reader of its part, not caught by the last-resort listing.
    assert [u for u in draft.unmapped if u.reason == NOT_RECOGNISED] == []


def test_every_file_summary_counts_its_paragraphs_and_cells(outputs: dict[str, str]) -> None:
    summaries = [line for out in outputs.values() for line in out.splitlines() if line.startswith("wrote ")]
    assert summaries == [
        "wrote drafts/QP-007.yaml from us.docx (read 69 of 81 paragraphs and table cells; 10 not mapped)",
        "wrote drafts/QP-012.yaml from house.docx (read 51 of 52 paragraphs and table cells; 2 not mapped)",
        "wrote drafts/QP-05.yaml from dotted.docx (read 57 of 62 paragraphs and table cells; 2 not mapped)",
        "wrote drafts/QP-06.yaml from clean.docx (read 71 of 71 paragraphs and table cells; 1 not mapped)",
    ]


LABELS = NAME_LABELS | DATE_LABELS | OTHER_GRID_LABELS


@pytest.mark.parametrize(("language", "code", "expected"), [
    ("en", "QP-007", {"prepared": {"name": "John Miller"}, "reviewed": {"name": "Sarah Chen"}}),
    ("en", "QP-012", {"prepared": {"name": "Tom Baker", "date": dt.date(2024, 3, 20)},
                      "approved": {"name": "Lisa Wong", "date": dt.date(2024, 3, 25)}}),
    ("zh", "QP-05", {"prepared": {"name": "王建国", "date": dt.date(2023, 5, 1)},
                     "reviewed": {"name": "李明华", "date": dt.date(2023, 5, 3)},
                     "approved": {"name": "张志强", "date": dt.date(2023, 5, 5)}}),
    ("zh", "QP-06", {"prepared": {"name": "赵六", "date": dt.date(2024, 4, 20)},
                     "approved": {"name": "孙七", "date": dt.date(2024, 4, 25)}}),
])
def test_each_role_gets_its_own_name_and_date_and_never_a_label(
        projects: dict[str, Path], outputs: dict[str, str], language: str, code: str,
        expected: dict[str, Any]) -> None:
    approvals = _draft(projects[language], code)["approvals"]
    assert approvals == expected
    assert not {norm(a["name"]) for a in approvals.values()} & LABELS


def test_us_automotive_layout(projects: dict[str, Path], outputs: dict[str, str]) -> None:
    data = _draft(projects["en"], "QP-007")
    assert data["revisions"][0] == {"version": "A", "change": "Initial release", "author": "J. Miller"}  # 01/10/2020
    model = Procedure.model_validate({**data, "revisions": data["revisions"][1:]})
    assert (model.version, model.owner, model.effective) == ("C", "quality", dt.date(2024, 3, 15))
    assert model.process[0].steps[0].items == ["part number and quantity", "the defect seen"]
    assert model.process[0].steps[0].text.endswith("enters it on QF-007-01.")
    assert [r.form for r in model.records] == ["QF-007-01", "QF-007-02"]
    assert [(r.version, str(r.date), r.author) for r in model.revisions] == [
        ("B", "2022-06-25", "J. Miller"), ("C", "2024-03-15", "S. Chen")]
    assert [r.department for r in model.responsibilities] == [("quality",), ("production",), ("new-department-1",)]


def test_an_english_project_is_proposed_english_names(outputs: dict[str, str]) -> None:
    assert "  - id: new-department-1\n    en: Shipping Department\n" in outputs["en"]
    assert "zh:" not in outputs["en"]


def test_house_style_numbered_by_word(projects: dict[str, Path], outputs: dict[str, str]) -> None:
    data = _draft(projects["en"], "QP-012")
    assert (data["purpose"], data["version"], data["owner"]) == (
        "To keep every gauge used for acceptance within its calibration.", "2", "quality")
    assert [s["owner"] for s in data["process"][0]["steps"]] == ["quality", "production"]
    assert [(r["form"], r["retention"]) for r in data["records"]] == [("QF-012-01", "5y"), ("QF-012-02", "permanent")]
    assert data["responsibilities"] == [
        {"department": "quality", "duties": ["keeps the gauge register and calibrates gauges."]}]


def test_chinese_dotted_layout(projects: dict[str, Path], outputs: dict[str, str]) -> None:
    data = _draft(projects["zh"], "QP-05")
    assert (data["status"], data["issued"], data["effective"]) == ("released", dt.date(2023, 5, 1),
                                                                   dt.date(2023, 5, 10))
    assert data["process"][0]["steps"][0]["items"] == ["产品名称和数量；", "发现的缺陷。"]
    assert [(r["version"], r["date"], r["author"]) for r in data["revisions"]] == [
        ("A/0", dt.date(2021, 3, 1), "王建国"), ("A/1", dt.date(2023, 5, 1), "王建国")]


def test_date_order_reads_us_dates(projects: dict[str, Path], tmp_path: Path) -> None:
    code, output, _ = run_split(["import", "us.docx", "-o", str(tmp_path), "--date-order", "mdy"], projects["en"])
    assert code == 0 and "month/day" not in output
    data = dict(house_yaml().load((tmp_path / "QP-007.yaml").read_text("utf-8")))
    assert data["approvals"]["prepared"] == {"name": "John Miller", "date": dt.date(2024, 3, 1)}
    assert data["revisions"][0]["date"] == dt.date(2020, 1, 10)


def test_stub_forms_writes_the_cited_forms_the_project_lacks(projects: dict[str, Path], tmp_path: Path) -> None:
    root = tmp_path / "zh"
    shutil.copytree(projects["zh"], root)
    shutil.rmtree(root / "drafts")
    (root / "forms" / "QR-01-02.yaml").unlink()
    code, output, err = run_split(["import", "clean.docx", "--stub-forms"], root)
    assert (code, err) == (0, "")
    assert "wrote forms/QR-01-02.yaml (a draft of a form clean.docx cites)" in output
    assert "QR-01-01.yaml" not in output.split("from clean.docx")[1]  # it exists: left alone
    stub = dict(house_yaml().load((root / "forms" / "QR-01-02.yaml").read_text("utf-8")))
    assert stub == {"code": "QR-01-02", "title": "纠正措施记录表", "version": "A/0", "status": "draft",
                    "owner": "quality", "table": {"columns": [{"label": "（待填写）"}], "rows": 8}}
    assert (root / "procedures" / "QP-06.yaml").is_file()
