"""Four legacy procedure layouts seen in the field, made with python-docx (not by `build`):

- a US automotive procedure: `1.0 PURPOSE` headings in capitals, a Doc No. / Revision / Process Owner /
  Effective Date table, US dates, Word bullets under steps, an unknown `6.0 TRAINING` section, a records
  table with a code outside the house pattern, `Rev | Date | Description | By`, and an English signature
  grid with an empty approver;
- an English house style: Word-numbered headings and steps (no numbers in the text), `Label: value`
  cover lines, a records table with a leading `No.` column, a transposed signature grid, a footer;
- a Chinese procedure with `1.0 目的` headings, the two-row signature grid
  `编制 | 王建国 | 审核 | 李明华 | 批准 | 张志强` over `日期 | 2023.5.1 | …`, text bullets and a
  版本/日期/修改内容/修改人 table;
- a clean `1 目的` procedure in which everything has its place.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table

EN_CONFIG = """\
company:
  en: Apex Stamping Inc.
language: en
numbering:
  procedure: '^QP-\\d{3}$'
  form: '^QF-\\d{3}-\\d{2}$'
departments:
  - id: quality
    en: Quality Department
  - id: production
    en: Production
  - id: purchasing
    en: Purchasing
external_documents:
  - code: IATF 16949:2016
    title: Automotive quality management system requirements
"""


def _table(parent: Document, rows: list[list[str]]) -> Table:
    table = parent.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return table


def us_automotive(path: Path) -> None:
    d = docx.Document()
    header = d.sections[0].header
    header.paragraphs[0].text = "Apex Stamping Inc."
    footer = d.sections[0].footer
    footer.paragraphs[0].text = "Page 1 of 3"
    d.add_paragraph("Control of Nonconforming Product", style="Title")
    _table(d, [["Document No.", "QP-007", "Revision", "C"],
               ["Process Owner", "Quality Department", "Effective Date", "03/15/2024"]])
    d.add_paragraph("Supersedes: Rev B")
    d.add_paragraph("Issued 02/30/2024")
    d.add_heading("1.0 PURPOSE", level=1)
    d.add_paragraph("To keep nonconforming product from unintended use or delivery.")
    d.add_heading("2.0 SCOPE", level=1)
    d.add_paragraph("All purchased material, work in process and finished stampings.")
    d.add_heading("3.0 DEFINITIONS", level=1)
    d.add_paragraph("3.1 Nonconforming product: product that does not meet a specified requirement.")
    d.add_heading("4.0 RESPONSIBILITIES", level=1)
    d.add_paragraph("4.1 Quality Department: dispositions nonconforming product.")
    d.add_paragraph("4.2 Production: segregates suspect product at the point of detection.")
    d.add_paragraph("4.3 Shipping Department: ships only product without a HOLD tag.")
    d.add_heading("5.0 PROCEDURE", level=1)
    d.add_paragraph("5.1 Identification")
    d.add_paragraph("5.1.1 Production tags suspect product with a red HOLD tag and enters it on QF-007-01.")
    d.add_paragraph("part number and quantity", style="List Bullet")
    d.add_paragraph("the defect seen", style="List Bullet")
    d.add_paragraph("5.1.2 Quality Department reviews held product within 24 hours.")
    d.add_paragraph("5.2 Disposition")
    d.add_paragraph("5.2.1 Quality Department decides use-as-is, rework or scrap and records it on QF-007-02.")
    d.add_paragraph("6.0 TRAINING")
    d.add_paragraph("Operators are trained on the HOLD tag during induction.")
    d.add_heading("7.0 RECORDS", level=1)
    _table(d, [["Record", "Form No.", "Responsibility", "Retention", "Storage"],
               ["Nonconforming Material Report", "QF-007-01", "Quality Department", "3 years", "QA office"],
               ["Disposition Log", "QF-007-02", "Quality Department", "3 years", "QA office"],
               ["Scrap Log", "F-7.5-02", "Production", "1 year", "Shop floor"]])
    d.add_heading("8.0 REVISION HISTORY", level=1)
    _table(d, [["Rev", "Date", "Description", "By"],
               ["A", "01/10/2020", "Initial release", "J. Miller"],
               ["B", "06/25/2022", "Added disposition log", "J. Miller"],
               ["C", "03/15/2024", "Red HOLD tags replace yellow ones", "S. Chen"]])
    _table(d, [["Prepared by", "John Miller", "Reviewed by", "Sarah Chen", "Approved by", ""],
               ["Date", "03/01/2024", "Date", "03/05/2024", "Date", ""]])
    d.save(str(path))


def english_house_style(path: Path) -> None:
    d = docx.Document()
    footer = d.sections[0].footer
    footer.paragraphs[0].text = "Uncontrolled when printed\tPage 1 of 2"
    d.add_paragraph("Calibration of Gauges", style="Title")
    d.add_paragraph("Document No.: QP-012")
    d.add_paragraph("Revision: 2\t\tEffective Date: 2024-04-01")
    d.add_paragraph("Process Owner: Quality Department")
    for title, body in (("PURPOSE", "To keep every gauge used for acceptance within its calibration."),
                        ("SCOPE", "Gauges and test equipment used to accept product.")):
        d.add_paragraph(title, style="List Number")
        d.add_paragraph(body)
    d.add_heading("RESPONSIBILITIES", level=1)
    d.add_paragraph("Quality Department: keeps the gauge register and calibrates gauges.")
    d.add_heading("PROCEDURE", level=1)
    d.add_heading("Calibration", level=2)
    d.add_paragraph("Quality Department calibrates each gauge to its interval and records it on QF-012-01.",
                    style="List Number")
    d.add_paragraph("Production returns a gauge found out of calibration to Quality Department.", style="List Number")
    d.add_heading("RECORDS", level=1)
    _table(d, [["No.", "Record", "Form No.", "Kept by", "Retention"],
               ["1", "Calibration Record", "QF-012-01", "Quality Department", "5 years"],
               ["2", "Gauge Register", "QF-012-02", "Quality Department", "permanent"]])
    d.add_heading("REVISION HISTORY", level=1)
    _table(d, [["Rev", "Date", "Description", "By"],
               ["1", "2021-02-01", "First issue", "T. Baker"],
               ["2", "2024-03-20", "Intervals by gauge type", "T. Baker"]])
    _table(d, [["Prepared by", "Date"], ["Tom Baker", "2024-03-20"], ["Approved by", "Date"],
               ["Lisa Wong", "2024-03-25"]])
    d.save(str(path))


def chinese_dotted(path: Path) -> None:
    d = docx.Document()
    header = d.sections[0].header
    header.paragraphs[0].text = "示例股份有限公司"
    table = header.add_table(rows=1, cols=5, width=d.sections[0].page_width)
    for c, value in enumerate(["受控", "文件编号", "QP-05", "版本", "A/1"]):
        table.cell(0, c).text = value
    d.add_paragraph("不合格品控制程序", style="Title")
    d.add_paragraph("2023年5月1日 发布\t2023年5月10日 实施")
    d.add_heading("1.0 目的", level=1)
    d.add_paragraph("规定不合格品的标识、隔离和处置，防止误用。")
    d.add_heading("2.0 范围", level=1)
    d.add_paragraph("适用于进货、过程和最终检验中发现的不合格品。")
    d.add_heading("3.0 职责", level=1)
    d.add_paragraph("3.1 质量部：负责不合格品的判定和处置。")
    d.add_paragraph("3.2 销售部：负责顾客退货的接收。")
    d.add_heading("4.0 工作程序", level=1)
    d.add_paragraph("4.1 标识与隔离")
    d.add_paragraph("4.1.1 质量部发现不合格品后挂红色标签并填写QR-01-01，标签上写明：")
    d.add_paragraph("● 产品名称和数量；")
    d.add_paragraph("● 发现的缺陷。")
    d.add_paragraph("4.1.2 销售部将顾客退货放入隔离区。")
    d.add_heading("5.0 记录", level=1)
    _table(d, [["序号", "记录名称", "表单编号", "保存部门", "保存期限"],
               ["1", "不合格品处置单", "QR-01-01", "质量部", "3年"],
               ["2", "退货登记表", "JL-8.3-01", "销售部", "2年"]])
    d.add_heading("6.0 修订记录", level=1)
    _table(d, [["版本", "日期", "修改内容", "修改人"],
               ["A/0", "2021.3.1", "首次发布。", "王建国"],
               ["A/1", "2023.5.1", "增加顾客退货的隔离。", "王建国"]])
    _table(d, [["编制", "王建国", "审核", "李明华", "批准", "张志强"],
               ["日期", "2023.5.1", "日期", "2023.5.3", "日期", "2023.5.5"]])
    d.save(str(path))


def chinese_clean(path: Path) -> None:
    d = docx.Document()
    _table(d, [["文件名称", "顾客投诉处理程序", "文件编号", "QP-06"],
               ["版　本", "A/0", "实施日期", "2024-05-01"],
               ["归口部门", "销售部", "状态", "受控"]])
    d.add_heading("1 目的", level=1)
    d.add_paragraph("使顾客投诉在规定时间内得到答复。")
    d.add_heading("2 范围", level=1)
    d.add_paragraph("适用于本公司产品的顾客投诉。")
    d.add_heading("3 职责", level=1)
    d.add_paragraph("3.1 销售部：负责受理投诉并答复顾客。")
    d.add_heading("4 工作程序", level=1)
    d.add_heading("4.1 受理", level=2)
    _table(d, [["步骤", "工作内容", "责任部门", "时限", "形成记录"],
               ["4.1.1", "登记投诉。", "销售部", "24 小时", "QR-01-01"],
               ["4.1.2", "调查原因并答复顾客。", "质量部", "5个工作日", "QR-01-02"]])
    d.add_heading("5 相关文件", level=1)
    d.add_paragraph("5.1 ISO 9001:2015")
    d.add_heading("6 记录", level=1)
    _table(d, [["序号", "记录名称", "表单编号", "保存部门", "保存期限"],
               ["1", "投诉登记表", "QR-01-01", "销售部", "3年"],
               ["2", "纠正措施记录表", "QR-01-02", "质量部", "3年"]])
    _table(d, [["版本", "修订日期", "修订内容", "修订人"], ["A/0", "2024-04-20", "首次发布。", "赵六"]])
    _table(d, [["编制", "赵六", "审核", "", "批准", "孙七"],
               ["日期", "2024-04-20", "日期", "", "日期", "2024-04-25"]])
    d.save(str(path))
