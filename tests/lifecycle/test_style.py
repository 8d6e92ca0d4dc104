"""A release keeps the file's own style: only the lines it means to change change, byte for byte.

Files are generated in the styles people write by hand — 2- or 4-space indentation, indented or
zero-indented sequences, multi-line plain scalars, LF, CRLF, CR-only or mixed line ends, a `%YAML`
directive, a modeline or header comments above `---`, a `...` end marker, a multi-line flow mapping
with comments — released, and compared with the original line by line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from proccompile.diagnostics import Diagnostics
from proccompile.lifecycle.release import ReleaseRequest, plan_release
from proccompile.load import load_yaml
from proccompile.load.house_edit import edited_bytes
from proccompile.load.source import to_plain
from proccompile.model import Document, Procedure
from proccompile.model.build import model_document
from proccompile.pipeline import load_config

BASE = Path(__file__).parent.parent / "cases" / "base"
CONFIG = load_config(BASE)[0]
DAY = dt.date(2026, 12, 1)
REQUEST = ReleaseRequest(change="按评审意见修订。", date=DAY, by="王建国", reviewed_by="李明华", approved_by="张志强")
# The keys whose values a release rewrites in place.
REWRITTEN = re.compile(r"^\s*(?:- +)?(version|status|issued|effective|name|date):")


@dataclass(frozen=True)
class Style:
    indent: int
    zero_indented: bool
    folded_purpose: bool
    newlines: tuple[str, ...]
    directive: bool
    modeline: bool
    header: bool
    end_marker: bool
    flow_approvals: bool


def render(style: Style) -> str:
    """The base case's QP-01 written in ``style``."""
    i = " " * style.indent
    dash = "- " if style.zero_indented else i + "- "
    # Under a key at column c, a sequence item's content starts at c + len(dash).
    item = " " * len(dash)

    def seq(items: list[list[str]], depth: str = "") -> list[str]:
        out = []
        for lines in items:
            out.append(depth + dash + lines[0])
            out += [depth + item + line for line in lines[1:]]
        return out

    lines: list[str] = []
    if style.directive:
        lines.append("%YAML 1.2")
    if style.modeline:
        lines.append("# yaml-language-server: $schema=../schemas/procedure.schema.json")
    if style.header:
        lines += ["# 顾客投诉处理程序：由质量部维护。", "# 修改后请运行 proccompile check。"]
    if style.directive or style.modeline or style.header:
        lines.append("---")
    lines += ["code: QP-01", "title: 顾客投诉处理程序", "version: A/1", "status: released",
              "issued: 2024-03-01", "effective: 2024-03-05", "owner: quality"]
    if style.flow_approvals:
        lines += ["approvals: {", f"{i}prepared: {{name: 张明, date: 2024-02-20}},  # 编制",
                  f"{i}reviewed: {{name: 李华, date: 2024-02-22}},", f"{i}# 批准人为总经理",
                  f"{i}approved: {{name: 王强, date: 2024-02-25}}", "}"]
    else:
        lines.append("approvals:")
        for role, name, day in (("prepared", "张明", "20"), ("reviewed", "李华", "22"), ("approved", "王强", "25")):
            lines += [f"{i}{role}:", f"{i}{i}name: {name}", f"{i}{i}date: 2024-02-{day}"]
    lines.append("iso_clauses: ['8.2.1']")
    if style.folded_purpose:
        lines += ["purpose: 规定顾客投诉的受理", f"{i}与处理要求。"]
    else:
        lines.append("purpose: 规定顾客投诉的受理 与处理要求。")
    lines.append("scope: 适用于本公司产品的全部顾客投诉。")
    lines.append("responsibilities:")
    lines += seq([["department: quality", "duties:", *seq([["负责投诉的原因分析与处理。"]], "")]],)
    lines += seq([["department: sales", "duties:", *seq([["负责受理投诉并答复顾客。"]], "")]])
    lines.append("process:")
    steps = seq([["text: 受理投诉并填写投诉登记表。", "owner: sales", "time_limit: 24h", "records: [QR-01-01]"],
                 ["text: 分析原因并记录处理结果。", "owner: quality", "records: [QR-01-02]"]])
    lines += seq([["title: 投诉受理", "steps:", *steps]])
    lines.append("records:")
    lines += seq([["form: QR-01-01", "keeper: sales", "retention: 3y"], ["form: QR-01-02", "keeper: quality"]])
    lines.append("revisions:")
    lines += seq([["version: A/0", "date: 2023-01-10", "change: 首次发布。", "author: 张明"],
                  ["version: A/1", "date: 2024-03-01", "change: 增加答复时限。", "author: 张明"]])
    if style.end_marker:
        lines.append("...")
    ends = style.newlines
    return "".join(line + ends[n % len(ends)] for n, line in enumerate(lines))


_NEWLINES = st.sampled_from([("\n",), ("\r\n",), ("\r",), ("\n", "\r\n"), ("\r\n", "\n", "\n")])
STYLES = st.builds(Style, st.sampled_from([2, 4]), st.booleans(), st.booleans(), _NEWLINES, st.booleans(),
                   st.booleans(), st.booleans(), st.booleans(), st.booleans())


def _released(text: str) -> tuple[bytes, object]:
    bag = Diagnostics()
    source = load_yaml(BASE / "procedures" / "QP-01.yaml", "procedures/QP-01.yaml", bag, raw=text.encode("utf-8"))
    procedure = model_document(source, Procedure, bag)
    assert procedure is not None, [d.message for d in bag]
    release = plan_release(Document(procedure, source), CONFIG, REQUEST)
    return edited_bytes(source, release.tree), to_plain(release.tree)


@given(STYLES)
def test_release_changes_only_the_lines_it_means_to(style: Style) -> None:
    before = render(style)
    after_bytes, expected = _released(before)
    after = after_bytes.decode("utf-8")
    # The result holds exactly the released data.
    assert to_plain(load_yaml(Path("x.yaml"), "x.yaml", Diagnostics(), raw=after_bytes).data) == expected
    old_lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)", before)
    new_lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)", after)
    # Every original line is still there, byte for byte with its line end, in order, unless it is one of
    # the values a release rewrites.
    remaining = iter(new_lines)
    for line in old_lines:
        if REWRITTEN.match(line) or (style.flow_approvals and "name:" in line):
            continue
        assert line in remaining, f"lost or changed: {line!r}"
    # What was added is the new revision entry, in the file's own indentation and line ends.
    added = [line for line in new_lines if line not in old_lines]
    assert any(line.rstrip("\r\n").endswith("version: A/2") for line in added)
    entry_dash = "- version: A/2" if style.zero_indented else " " * style.indent + "- version: A/2"
    assert any(line.rstrip("\r\n") == entry_dash for line in added)
    assert all(line.endswith(tuple(style.newlines)) for line in new_lines)


def test_a_flow_mapping_with_comments_keeps_its_lines_and_comments() -> None:
    style = Style(2, False, False, ("\n",), False, True, True, False, True)
    after = _released(render(style))[0].decode("utf-8")
    assert after.startswith("# yaml-language-server: $schema=../schemas/procedure.schema.json\n"
                            "# 顾客投诉处理程序：由质量部维护。\n# 修改后请运行 proccompile check。\n---\n")
    assert ("approvals: {\n  prepared: {name: 王建国, date: 2026-12-01},  # 编制\n"
            "  reviewed: {name: 李明华, date: 2026-12-01},\n  # 批准人为总经理\n"
            "  approved: {name: 张志强, date: 2026-12-01}\n}\n") in after
