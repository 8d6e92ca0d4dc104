"""Three Word procedures laid out as legacy ones are (numbered headings 1 目的 … 记录, 编制/审核/批准),
made with python-docx here rather than by `build`, so the importer is tested on layouts it did not write."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document


def _table(document: Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def header_table_in_body(path: Path) -> None:
    """A header table at the top of the body, duties as `4.1 部门：…`, steps as numbered paragraphs,
    a records table, a section the model has no place for, and the signatures in a table at the end."""
    d = docx.Document()
    _table(d, [["文件名称", "顾客投诉处理程序", "文件编号", "QP-03"],
               ["版　本", "A/0", "实施日期", "2024-05-01"]])
    d.add_heading("1 目的", level=1)
    d.add_paragraph("明确顾客投诉的受理和处理要求，使投诉在规定时间内得到答复。")
    d.add_heading("2 适用范围", level=1)
    d.add_paragraph("适用于本公司所售产品的顾客投诉。")
    d.add_heading("3 术语", level=1)
    d.add_paragraph("无")
    d.add_heading("4 职责", level=1)
    d.add_paragraph("4.1 质量部：负责投诉的调查与原因分析。")
    d.add_paragraph("4.2 销售部：负责受理投诉并答复顾客。")
    d.add_paragraph("4.3 仓储部：负责退回产品的隔离存放。")
    d.add_heading("5 工作程序", level=1)
    d.add_paragraph("5.1 投诉受理")
    d.add_paragraph("5.1.1 销售部接到投诉当日填写投诉登记表（QR-01-01）。")
    d.add_paragraph("5.1.2 质量部在3个工作日内完成调查。")
    d.add_paragraph("5.2 处理与答复")
    d.add_paragraph("5.2.1 质量部分析原因并将处理结果记入QR-01-02。")
    d.add_heading("6 相关文件", level=1)
    d.add_paragraph("6.1 ISO 9001:2015")
    d.add_paragraph("6.2 《合同管理办法》")
    d.add_heading("7 记录", level=1)
    _table(d, [["序号", "记录名称", "表单编号", "保存部门", "保存期限"],
               ["1", "投诉登记表", "QR-01-01", "销售部", "3年"],
               ["2", "纠正措施记录表", "QR-01-02", "质量部", "永久"]])
    d.add_heading("8 附则", level=1)
    d.add_paragraph("本程序由质量部负责解释。")
    _table(d, [["编制", "审核", "批准"], ["张三", "李四", "王五"], ["2024-04-20", "2024-04-22", "2024-04-25"]])
    d.save(str(path))


def page_header_and_process_table(path: Path) -> None:
    """Number, dates and the 受控 mark in the page header, Chinese-numbered headings, a process table,
    a revision table and a one-line signature block."""
    d = docx.Document()
    header = d.sections[0].header.add_table(rows=2, cols=5, width=d.sections[0].page_width)
    for r, values in enumerate([["受控", "文件编号", "QP-04", "版本", "B/1"],
                                ["", "发布日期", "2023-06-01", "实施日期", "2023-06-15"]]):
        for c, value in enumerate(values):
            header.cell(r, c).text = value
    d.add_paragraph("纠正措施控制程序", style="Title")
    d.add_heading("一、目的", level=1)
    d.add_paragraph("消除已发现不合格的原因，防止再发生。")
    d.add_heading("二、范围", level=1)
    d.add_paragraph("适用于产品和过程中发现的不合格。")
    d.add_paragraph("也适用于顾客投诉引起的纠正措施。")
    d.add_heading("三、职责", level=1)
    d.add_paragraph("3.1 质量部负责组织原因分析和效果验证。")
    d.add_heading("四、工作程序", level=1)
    d.add_heading("4.1 原因分析", level=2)
    _table(d, [["步骤", "工作内容", "责任部门", "时限", "形成记录"],
               ["4.1.1", "调查不合格的原因并制定措施。", "质量部", "5个工作日", "纠正措施记录表 QR-01-02"],
               ["4.1.2", "验证措施的有效性。", "质量部", "一个月", "—"]])
    d.add_heading("五、记录", level=1)
    _table(d, [["序号", "记录名称", "表单编号", "保存部门", "保存期限"],
               ["1", "纠正措施记录表", "QR-01-02", "质量部", "3年"]])
    _table(d, [["版本", "修订日期", "修订内容", "修订人"],
               ["A/0", "2022-01-10", "首次发布。", "张三"],
               ["B/1", "2023-06-01", "增加验证时限。", "李四"]])
    d.add_paragraph("编制：张三　审核：李四　批准：王五")
    d.save(str(path))


def lettered_duties_and_attachments(path: Path) -> None:
    """Dotted headings in body style, an owner row, duties as lettered items under a department heading,
    a flow-chart note before the first subsection, attachments, and a cover line with no place."""
    d = docx.Document()
    d.add_paragraph("本文件为公司内部资料，未经许可不得外传。")
    _table(d, [["文件编号", "QP-05", "归口部门", "质量部"], ["版本", "A/1", "生效日期", "2024年3月1日"]])
    d.add_paragraph("1. 目的")
    d.add_paragraph("规定不合格品的标识、隔离和处置。")
    d.add_paragraph("2. 范围")
    d.add_paragraph("适用于进货、过程和最终检验中发现的不合格品。")
    d.add_paragraph("3. 职责")
    d.add_paragraph("3.1 质量部")
    d.add_paragraph("a) 负责不合格品的判定；")
    d.add_paragraph("b) 负责组织评审。")
    d.add_paragraph("4. 工作程序")
    d.add_paragraph("流程图见附件1。")
    d.add_paragraph("4.1 标识与隔离")
    d.add_paragraph("4.1.1 检验员发现不合格品后挂红色标签，由质量部隔离存放。")
    d.add_paragraph("4.1.2 评审结论记入QR-01-01。")
    d.add_paragraph("5. 附件")
    d.add_paragraph("附件1 不合格品处置流程图")
    d.add_paragraph("附件2 投诉登记表（QR-01-01）")
    d.add_paragraph("6. 记录")
    d.add_paragraph("无")
    _table(d, [["版本", "日期", "修订内容", "修订人"], ["A/0", "2023-01-05", "首次发布。", "赵六"],
               ["A/1", "2024-02-20", "", "赵六"]])
    d.save(str(path))
