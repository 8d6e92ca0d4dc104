"""Words of the site's own navigation, in each project language (document wording comes from labels.j2)."""

from __future__ import annotations

SITE_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "home": "首页", "procedures": "程序文件", "forms": "记录表单", "departments": "部门", "search": "搜索",
        "search_placeholder": "输入编号、标题或正文中的词", "no_results": "没有找到匹配的文件。",
        "needs_js": "搜索需要启用 JavaScript。", "download": "下载", "owner": "归口部门",
        "cited_by": "引用本文件的文件", "used_in": "使用本表单的文件", "not_cited": "没有文件引用本文件。",
        "not_used": "没有文件使用本表单。", "duties": "职责", "owns": "归口的文件", "steps_owned": "负责的步骤",
        "records_kept": "保存的记录", "fields": "表头栏目", "columns": "表格栏目", "rows": "空白行数",
        "signoffs": "签字栏", "instructions": "填写说明", "retention": "保存期限", "approvals": "审批",
        "by_department": "按归口部门", "obsolete_group": "已作废", "issued": "发布日期", "version": "版本",
        "result": "个结果", "results": "个结果", "external": "外部", "kind_external": "外部文件", "section": "栏目",
        "company": "所属公司", "roles": "岗位",
        "pending": "尚未实施", "pending_note": "本版本自 {date} 起实施；在此之前，它所替代的版本仍然有效。",
    },
    "en": {
        "home": "Home", "procedures": "Procedures", "forms": "Record forms", "departments": "Departments",
        "search": "Search", "search_placeholder": "A code, a title or a word of the text",
        "no_results": "No document matches.", "needs_js": "Search needs JavaScript.", "download": "Download",
        "owner": "Owner", "cited_by": "Documents citing this one", "used_in": "Documents using this form",
        "not_cited": "No document cites this one.", "not_used": "No document uses this form.",
        "duties": "Duties", "owns": "Documents owned", "steps_owned": "Steps performed",
        "records_kept": "Records kept", "fields": "Header fields", "columns": "Table columns",
        "rows": "Blank rows", "signoffs": "Sign-offs", "instructions": "Instructions", "retention": "Retention",
        "approvals": "Approvals", "by_department": "By owning department", "obsolete_group": "Obsolete",
        "issued": "Issued", "version": "Version", "result": "result", "results": "results", "external": "external",
        "kind_external": "External document", "company": "Company", "section": "Section", "roles": "Roles",
        "pending": "Not yet effective",
        "pending_note": "This version takes effect on {date}; until then the version it replaces stays in force.",
    },
}
