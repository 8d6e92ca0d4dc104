"""What a new project and new documents say, in each project language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    # Names by language: a Chinese project also carries English names for bilingual output, an English
    # project needs none in Chinese.
    company: dict[str, str]
    departments: tuple[tuple[str, dict[str, str]], ...]
    procedure_title: str
    purpose: str
    scope: str
    duties: dict[str, str]
    section: str
    steps: tuple[tuple[str, str], ...]
    form_title: str
    storage: str  # where the form's records are kept, for the records table
    form_fields: tuple[str, ...]
    form_columns: tuple[str, ...]
    signoffs: tuple[str, ...]
    first_issue: str
    author: str
    new_procedure_title: str
    new_form_title: str
    new_manual_title: str
    new_instruction_title: str
    new_document_title: str
    placeholder: str


ZH = Wording(
    company={"zh": "示例有限公司", "en": "Example Co., Ltd."},
    departments=(
        ("management", {"zh": "总经理办公室", "en": "General Manager's Office"}),
        ("quality", {"zh": "质量部", "en": "Quality Department"}),
        ("production", {"zh": "生产部", "en": "Production Department"}),
    ),
    procedure_title="文件控制程序",
    purpose="规定受控文件的编制、审批、发放、更改和作废要求，确保使用处获得适用文件的有效版本。",
    scope="适用于本公司质量管理体系的程序文件和记录表单。",
    duties={
        "quality": "负责文件的编号、登记、发放与回收，保存文件控制记录。",
        "management": "负责批准程序文件。",
        "production": "负责在使用处保持文件的有效版本，交回作废文件。",
    },
    section="文件的发放与回收",
    steps=(
        ("quality", "文件批准后登记编号与版本，按发放范围发放并填写文件发放回收登记表。"),
        ("production", "收到新版本时交回旧版本，质量部在登记表上注明回收日期。"),
    ),
    form_title="文件发放回收登记表",
    storage="质量部按年度归档",
    form_fields=("文件编号", "文件名称", "版本"),
    form_columns=("发放部门", "份数", "领用人", "发放日期", "回收日期"),
    signoffs=("登记人", "日期"),
    first_issue="首次编制。",
    author="（编制人）",
    new_procedure_title="（程序名称）",
    new_form_title="（表单名称）",
    new_manual_title="质量手册",
    new_instruction_title="（作业指导书名称）",
    new_document_title="（文件名称）",
    placeholder="（待填写）",
)

EN = Wording(
    company={"en": "Example Co., Ltd."},
    departments=(
        ("management", {"en": "General Manager's Office"}),
        ("quality", {"en": "Quality Department"}),
        ("production", {"en": "Production Department"}),
    ),
    procedure_title="Control of Documented Information",
    purpose="To set how controlled documents are prepared, approved, issued, changed and withdrawn, "
            "so that every point of use has the current version.",
    scope="All procedures and record forms of the quality management system.",
    duties={
        "quality": "Numbers, registers, issues and withdraws documents and keeps the document-control records.",
        "management": "Approves procedures.",
        "production": "Keeps the current version at each point of use and returns withdrawn copies.",
    },
    section="Issue and withdrawal of documents",
    steps=(
        ("quality", "Register the code and version of each approved document, issue copies to the listed "
                    "departments and enter them in the distribution log."),
        ("production", "Return the previous version on receipt of a new one; Quality enters the return date."),
    ),
    form_title="Document Distribution Log",
    storage="Quality file, one log per year",
    form_fields=("Document code", "Document title", "Version"),
    form_columns=("Department", "Copies", "Received by", "Issued on", "Returned on"),
    signoffs=("Logged by", "Date"),
    first_issue="First issue.",
    author="(author)",
    new_procedure_title="(procedure title)",
    new_form_title="(form title)",
    new_manual_title="Quality Manual",
    new_instruction_title="(work instruction title)",
    new_document_title="(document title)",
    placeholder="(to be written)",
)

WORDING = {"zh": ZH, "en": EN}
