"""A generated stress project for flowcharts: one procedure of 30 steps owned by 8 departments, in 3 subsections,
with 3 decisions, a loop back and a jump to another subsection; the minimal test project's config and forms."""

from __future__ import annotations

import shutil
from pathlib import Path

BASE = Path(__file__).parents[2] / "cases" / "base"
DEPARTMENTS = [("quality", "质量部"), ("sales", "销售部"), ("production", "生产部"), ("purchasing", "采购部"),
               ("warehouse", "仓储部"), ("engineering", "工程技术部"), ("finance", "财务部"),
               ("management", "总经理办公室")]
ACTIONS = ["接收并登记", "核对资料", "组织评审", "安排实施", "检验确认", "记录结果", "通知相关部门", "汇总统计",
           "复核数据", "归档保存"]


def _step(n: int, dept: str, extra: str = "") -> str:
    action = ACTIONS[n % len(ACTIONS)]
    records = {0: "        records: [QR-01-01]\n", 2: "        records: [QR-01-01, QR-01-02]\n"}.get(n % 4, "")
    limit = "        time_limit: 2wd\n" if n % 5 == 0 else ""
    support = f"        support: [{DEPARTMENTS[(n + 3) % 8][0]}]\n" if n % 6 == 0 else ""
    return (f"      - id: s{n}\n        text: 第{n}步：{DEPARTMENTS[n % 8][1]}{action}，按本程序要求完成并留存证据。\n"
            f"        owner: {dept}\n{support}{limit}{records}{extra}")


def _decision(question: str, yes: str, no: str) -> str:
    return (f"        decision:\n          question: {question}\n          outcomes:\n"
            f"            - label: 是\n              next: {yes}\n            - label: 否\n              next: {no}\n")


def write_stress_project(root: Path) -> Path:
    """The project under ``root`` (created); returns it."""
    shutil.copytree(BASE, root)
    config = (root / "proccompile.yaml").read_text(encoding="utf-8")
    known = {"quality", "sales"}
    extra = "".join(f"  - id: {d}\n    zh: {name}\n    en: {d.title()}\n" for d, name in DEPARTMENTS if d not in known)
    (root / "proccompile.yaml").write_text(config.replace("external_documents:", extra + "external_documents:"),
                                           encoding="utf-8")
    steps: dict[int, str] = {}
    for n in range(1, 31):
        steps[n] = _step(n, DEPARTMENTS[n % 8][0])
    steps[6] = _step(6, DEPARTMENTS[6][0], _decision("资料齐全？", "s7", "s2"))  # a loop back
    steps[14] = _step(14, DEPARTMENTS[6][0], _decision("需要返工？", "s15", "s17"))
    steps[16] = _step(16, DEPARTMENTS[0][0], "        next: s13\n")  # rework, then inspect again
    steps[25] = _step(25, DEPARTMENTS[1][0], _decision("全部合格？", "s26", "s9"))  # back to another subsection
    sections = [("接收与评审", range(1, 11), "收到客户订单"), ("实施与检验", range(11, 21), None),
                ("交付与总结", range(21, 31), None)]
    process = "".join(f"  - title: {title}\n" + (f"    trigger: {trigger}\n" if trigger else "") + "    steps:\n"
                      + "".join(steps[n] for n in numbers) for title, numbers, trigger in sections)
    duties = "".join(f"  - department: {d}\n    duties:\n      - 负责本部门的步骤。\n" for d, _ in DEPARTMENTS)
    (root / "procedures" / "QP-01.yaml").write_text(f"""code: QP-01
title: 订单实现控制程序
version: A/0
status: draft
owner: quality
purpose: 规定从接收订单到交付总结的工作要求。
scope: 适用于本公司全部订单。
responsibilities:
{duties}process:
{process}records:
  - form: QR-01-01
    keeper: quality
    retention: 3y
  - form: QR-01-02
    keeper: quality
    retention: 3y
revisions:
  - version: A/0
    date: 2025-01-10
    change: 首次发布。
    author: 张明
""", encoding="utf-8")
    return root
