"""The words legacy procedures label things with, in Chinese and English, beside the project's own labels.

Each vocabulary is compared with spaces removed, case folded and a trailing colon dropped, so
`版　　本`, `REVISION:` and `Rev.` match their entries.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"[\s\u3000]+")


def squeeze(text: str) -> str:
    """Text without any spaces, for comparing labels such as 版　　本 and 版本."""
    return _SPACE.sub("", text)


def norm(text: str) -> str:
    """A label as compared: no spaces, case folded, no trailing colon."""
    return squeeze(text).casefold().rstrip(":：")


def vocabulary(*words: str) -> frozenset[str]:
    return frozenset(norm(w) for w in words if w.strip())


# -- sections: key → titles seen in legacy procedures --------------------------------------------------------
SECTIONS: dict[str, tuple[str, ...]] = {
    "purpose": ("目的", "Purpose", "Objective", "Objectives", "Aim"),
    "scope": ("范围", "适用范围", "Scope", "Application", "Applicability", "Scope of Application"),
    "terms": ("术语和定义", "术语", "定义", "术语与定义", "名词解释", "Terms and Definitions", "Terms",
              "Definitions", "Definitions and Abbreviations", "Terms and Abbreviations", "Abbreviations",
              "Glossary"),
    "responsibilities": ("职责", "职责与权限", "职责和权限", "岗位职责", "Responsibilities", "Responsibility",
                         "Responsibilities and Authorities", "Roles and Responsibilities",
                         "Authority and Responsibility"),
    "process": ("工作程序", "程序", "工作流程", "程序内容", "管理程序", "控制程序", "工作内容", "管理内容",
                "Procedure", "Process", "Procedures", "Process Description", "Method", "Instructions",
                "Requirements"),
    "commitments": ("服务承诺", "承诺", "Service Commitments", "Commitments", "Commitments and Indicators"),
    "related": ("相关文件", "引用文件", "支持性文件", "相关文件和标准", "参考文件", "引用标准",
                "Related Documents", "References", "Reference Documents", "Referenced Documents",
                "Associated Documents", "Reference", "Normative References", "Supporting Documents"),
    "attachments": ("附件", "附录", "Attachments", "Attachment", "Appendix", "Appendices", "Exhibits", "Annex"),
    "records": ("记录", "质量记录", "相关记录", "记录表单", "Records", "Quality Records", "Records and Forms",
                "Forms and Records", "Associated Records", "Record Retention"),
    "revisions": ("修订记录", "修改记录", "修订履历", "文件修订记录", "更改记录", "Revision History",
                  "Revision Record", "Document History", "Change History", "Revision Log",
                  "Record of Revisions", "Revisions"),
}

# -- cells and cover lines that label one value ------------------------------------------------------------
FIELD_LABELS: dict[str, frozenset[str]] = {
    "number": vocabulary("文件编号", "程序编号", "文件代号", "Doc.No.", "DocNo", "Doc.No", "DocumentNo.", "DocumentNo",
                         "DocumentNumber", "Document#", "Doc#", "ProcedureNo.", "ProcedureNumber", "Number"),
    "version": vocabulary("版本", "版次", "版本号", "修订号", "Version", "Rev.", "Rev", "Revision", "RevisionLevel",
                          "Rev.Level", "RevisionNo.", "Rev.No.", "Issue", "IssueNo.", "Edition"),
    "effective": vocabulary("实施日期", "生效日期", "施行日期", "Effective", "EffectiveDate", "Dateeffective",
                            "EffectiveFrom", "Eff.Date"),
    "issued": vocabulary("发布日期", "发行日期", "Issued", "IssueDate", "Dateissued", "IssuedDate", "ReleaseDate",
                         "Released"),
    "title": vocabulary("文件名称", "名称", "程序名称", "Title", "DocumentTitle", "ProcedureTitle", "DocumentName"),
    "owner": vocabulary("归口部门", "主管部门", "归口", "责任部门", "Owner", "Ownedby", "ProcessOwner", "DocumentOwner",
                        "OwningDepartment", "ResponsibleDepartment"),
    "page": vocabulary("页码", "页次", "页数", "Page", "Pages", "PageNo.", "Sheet"),
    "status": vocabulary("状态", "文件状态", "受控状态", "Status", "DocumentStatus"),
}
# Status words beside a status label, besides the project's own stamps.
STATUS_WORDS = {**{norm(w): "released" for w in ("受控", "有效", "现行", "Released", "Controlled", "Active",
                                                   "Current", "Approved")},
                **{norm(w): "draft" for w in ("草稿", "草案", "Draft", "In review", "For review")},
                **{norm(w): "obsolete" for w in ("作废", "废止", "Obsolete", "Withdrawn", "Superseded", "Cancelled")}}
# A bare "No." or 编号 labels a number only when the cell beside it holds a procedure code: a records
# table starts with a No. column too.
WEAK_NUMBER_LABELS = vocabulary("编号", "No.", "No", "#", "代号", "Code", "Ref.", "Reference")
# Printed dates: 2024-03-01 发布 / 实施, "Issued 2024-03-01".
DATE_WORDS = {"issued": ("发布", "issued", "issue date", "release date"),
              "effective": ("实施", "生效", "effective")}

# -- signature grids -----------------------------------------------------------------------------------------
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "prepared": ("编制", "拟制", "起草", "编写", "编制人", "Prepared", "Preparedby", "Author", "Writtenby",
                 "Originator", "Originatedby", "Compiledby"),
    "reviewed": ("审核", "审查", "审核人", "Reviewed", "Reviewedby", "Checked", "Checkedby", "Verifiedby"),
    "approved": ("批准", "审批", "批准人", "Approved", "Approvedby", "Authorizedby", "Authorisedby",
                 "Authorized"),
}
NAME_LABELS = vocabulary("签名", "签字", "姓名", "签署", "签章", "Name", "Signature", "Sign", "Signed", "PrintedName",
                         "PrintName", "Name/Signature", "Signature/Name")
DATE_LABELS = vocabulary("日期", "时间", "签字日期", "签名日期", "Date", "Dated", "SignatureDate", "DateSigned")
# Labels of a grid's other rows and columns: never a name.
OTHER_GRID_LABELS = vocabulary("职责", "职务", "职位", "岗位", "部门", "角色", "Role", "Title", "Position", "JobTitle",
                               "Function", "Department", "Dept.", "Responsibility", "Action", "Approval",
                               "Approvals", "审批", "会签", "Signature/Date", "Name/Date", "签名/日期")

# -- columns of the tables a procedure holds -------------------------------------------------------------------
COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "No.", "No", "#", "Item", "Item No.", "S/N", "SN", "Sr.No.", "Seq."),
    "rev_version": ("版本", "版次", "版本号", "修订版本", "Version", "Rev", "Rev.", "Revision", "Rev. No.",
                    "Rev No.", "Issue", "Edition", "Revision Level"),
    "rev_date": ("修订日期", "日期", "更改日期", "修改日期", "生效日期", "实施日期", "Date", "Rev. Date",
                 "Rev Date", "Revision Date", "Effective Date", "Date of Change", "Change Date"),
    "rev_change": ("修订内容", "更改内容", "修改内容", "变更内容", "修订说明", "更改说明", "修改说明", "内容",
                   "Description", "Description of change", "Description of Changes", "Change", "Changes",
                   "Change Description", "Summary of Change", "Summary of Changes", "Details of Change",
                   "Nature of Change", "Reason for Change"),
    "rev_author": ("修订人", "编制人", "更改人", "修改人", "变更人", "By", "Author", "Changed by", "Revised by",
                   "Modified by", "Originator", "Prepared by"),
    "record_name": ("记录名称", "名称", "表单名称", "记录", "Record", "Record Name", "Record Title", "Records",
                    "Form Name", "Form Title", "Title", "Document", "Description"),
    "record_form": ("表单编号", "记录编号", "编号", "表格编号", "表单号", "Form No.", "Form No", "Form Number",
                    "Form", "Form #", "Record No.", "Record Number", "Doc. No.", "Document No.", "Reference",
                    "Ref."),
    "record_keeper": ("保存部门", "保管部门", "归档部门", "保存单位", "保存人", "保管人", "Kept by", "Keeper",
                      "Responsibility", "Responsible", "Owner", "Custodian", "Maintained by", "Retained by",
                      "Held by", "Department"),
    "record_retention": ("保存期限", "保存期", "保管期限", "保存时间", "Retention", "Retention Period",
                         "Retention Time", "Minimum Retention", "Retention Time (min.)", "Retain", "Keep for"),
    "record_storage": ("保存方式", "保存地点", "存放方式", "存放地点", "保存位置", "Storage", "Location",
                       "Storage Location", "Filing", "Medium", "Storage Method", "Filing Location",
                       "Storage / Location"),
    "step_no": ("步骤", "序号", "Step", "No.", "#", "Item", "Step No."),
    "step_text": ("工作内容", "内容", "工作要求", "活动", "工作描述", "作业内容", "Activity", "Description",
                  "Action", "Task", "Procedure", "Activity Description"),
    "step_owner": ("责任部门", "责任人", "负责部门", "执行部门", "Responsible", "Responsibility", "Owner", "By",
                   "Who", "Responsible Department", "Action by"),
    "step_limit": ("时限", "完成时限", "时间要求", "Time limit", "Timing", "Time Frame", "Timeframe",
                   "Deadline", "When"),
    "step_records": ("形成记录", "记录", "相关记录", "记录表单", "Records", "Record", "Forms", "Form",
                     "Output Records"),
    "commit_metric": ("服务项目", "项目", "承诺项目", "Indicator", "KPI", "Metric", "Item"),
    "commit_target": ("承诺目标", "目标", "Target", "Goal"),
    "commit_measure": ("测量方法", "考核方法", "Measured by", "Measurement", "Measure"),
    "commit_owner": ("责任部门", "Responsible", "Owner"),
    "commit_records": ("记录", "Records", "Record"),
}
