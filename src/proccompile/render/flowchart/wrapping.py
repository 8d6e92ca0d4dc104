"""Line breaking for the text in flowchart symbols, as a quality engineer would break it by hand.

Widths are estimated in ems (``model.text_width``). A text takes the fewest lines it can; among the ways to break it
into that many, the one chosen breaks at the best places and gives lines of even length. Best places: after
punctuation and between Latin words; then before 《 or after 》; then before a joining word (和, 并, 及 …); then
between two CJK characters; then inside a common word of quality documents (产品, 技术 …) or before 的; worst, inside
a 《title》 or (note); a step's number stays with its text unless the line is too narrow for both. Closing punctuation
never starts a line and opening punctuation never ends one (a character moves down with it instead), and a Latin word
or a number with its unit is broken only when it is wider than the line itself.
"""

from __future__ import annotations

import re

from proccompile.model.text_width import text_ems

ELLIPSIS = "…"
# A number with its Chinese unit (24 小时, 2个工作日, 另 3 项) is kept on one line, like a Latin word.
_TOKEN = re.compile(r"\d+ ?(?:个工作日|个月|分钟|小时|天|周|月|年|项|日|次|件|份|台|人)|[A-Za-z0-9_./\-:@%+#&]+ ?| +|.",
                    re.S)
_NO_LINE_START = frozenset("，。、；：！？）》」』”’,.;:!?)]%")
_NO_LINE_END = frozenset("（《「『“‘([")
_NUMBER_SPACE = "\u2002"  # between a step's number and its text: a break there is a last resort
_AFTER_PUNCTUATION = frozenset("，、；：。！？,;:.!?")
# Whitespace runs become one space, except the en space that joins a step number to its text.
_SPACES = re.compile(r"[^\S\u2002]+")
# A line may end in full-width punctuation that hangs half out of it: its glyph's ink is in its first half.
_HANGING = frozenset("，。、；：")
_OPENING, _CLOSING = "《（「『“(", "》）」』”)"
_JOINING = frozenset("和与及并或")
_PARTICLES = frozenset("的了地得")  # they belong to the word before them: a line does not start with one
# Words of quality documents that a line breaks only where nothing better is near: without a dictionary, CJK text
# breaks between any two characters, and 产|品 or 技|术 at a line's end reads as a slip. Bounded: words of 2 to 4.
_WORDS = frozenset("""
产品 顾客 客户 用户 服务 售后 售前 售中 质量 问题 处理 技术 人员 要求 维修 投诉 公司 原因 信息 归档 反馈 销售 确认
分析 管理 填写 时间 组织 登记 故障 满意 合同 咨询 更换 措施 受理 现场 小时 调查 统计 程序 结果 经销商 提供 使用
培训 评审 设备 部门 修理 负责 通知 规定 保存 解决 纠正 预防 编号 首次 质保 不良 保修 进行 报告 跟踪 接到 安排 时限
返回 编制 情况 提出 改进 回访 实施 方案 责任 交付 诊断 测量 费用 出口 合格 不合格 适用 日期 增加 期限 完成 及时
设计 收到 退回 补件 控制 处置 归口 解答 确定 意见 档案 资料 检验 核对 部件 零部件 收集 内容 制定 支持 评价 答复
检定 校准 范围 核销 销毁 申请 满足 明确 计划 技能 过程 关闭 签字 建立 重大 国内 有效 鉴定 任务 工地 清单 汇总
换版 相关 电子 涂层 职责 需要 统一 判定 说明 考核 订货 变更 回执 派工 收费 免费 定期 标识 审核 检查 规范 通过
转交 工程师 沟通 作为 凭证 包括 系统 验证 作出 损坏 属于 项目 回收 依据 内勤 办理 转送 比对 达成 结算 专案 整改
维护 抽查 表单 工作 更新 更改 涉及 安装 发生 指标 季度 效果 在线 书面 工艺 电话 流程 重新 告知 计算 造成 一般
走访 采取 标准 批次 发现 低于 专业 有偿 业务 发货 追溯 远程 监视 失准 影响 报修 召回 记录 文件 必要 场地
性能 特点 介绍 来函 来电 陪同 发运 包装 运输 符合 出厂 查明 期间 之前 以内 以上 以下 每年 每月 每季 年度 月度
客服 旧件 三包 保管员 库房 指定 放入 分别 利用 废件 目标 预计 到达 自受理 以及 不能 可能 应当 是否 并且 或者
""".split())
# The cost of a break by where it falls (see the module docstring), and of uneven lines: a line shorter or longer
# than the average by a whole line's width costs _UNEVEN.
_FREE, _TITLE_EDGE, _JOINER, _CJK, _IN_WORD, _INSIDE, _AFTER_NUMBER = 0.0, 1.0, 2.5, 6.0, 11.0, 14.0, 20.0
_UNEVEN = 10.0
_MAX_TOKENS = 400  # a longer text (a label has 80 characters at most) is broken greedily


def wrap(text: str, limit: float, max_lines: int = 0) -> list[str]:
    """``text`` broken into lines of at most ``limit`` ems; with ``max_lines``, the last kept line ends in … when
    the text needs more."""
    limit = max(1.0, limit) + 0.01  # widths are sums of floats: an exact fit must count as one
    tokens = _tokens(text, limit)
    lines = _best(tokens, limit, max_lines) if len(tokens) <= _MAX_TOKENS else None
    if lines is None:
        lines = _greedy(tokens, limit)
    if max_lines and len(lines) > max_lines:
        lines = _greedy(tokens, limit)
        last = lines[max_lines - 1]
        while last and text_ems(last + ELLIPSIS) > limit:
            last = last[:-1]
        if last and last[-1].isascii() and last[-1].isalnum() and " " in last:
            last = last[:last.rindex(" ")]  # never cut a Latin word
        lines = [*lines[:max_lines - 1], last.rstrip() + ELLIPSIS]
    return lines or [""]


def longest_word(text: str) -> float:
    """The width in ems of the widest piece of ``text`` that is broken only when a line is narrower: a Latin word,
    a code or a number with its unit (CJK text breaks between any two characters)."""
    return max((text_ems(token.rstrip()) for token in _TOKEN.findall(_SPACES.sub(" ", text))), default=0.0)


def _tokens(text: str, limit: float) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN.findall(_SPACES.sub(" ", text).strip()):
        if len(token) > 1 and text_ems(token.rstrip()) > limit:
            tokens.extend(token)  # a word longer than the line: break it anywhere
        else:
            tokens.append(token)
    return tokens


def _best(tokens: list[str], limit: float, max_lines: int = 0) -> list[str] | None:
    """The fewest lines, then the cheapest breaks and evenest lines; one line more when that keeps a 《title》 or a
    note whole (within ``max_lines``). None when no break keeps every line within ``limit`` without starting a line
    with closing punctuation (the greedy breaking then decides)."""
    n = len(tokens)
    if n == 0:
        return []
    depth, in_word = _depths(tokens), _in_words(tokens)
    penalty = [0.0] + [_penalty(tokens, k, depth[k], in_word[k]) for k in range(1, n)]
    # starts[e]: the tokens a line ending before token e may start at, with that line's width
    starts: list[list[tuple[int, float]]] = [[] for _ in range(n + 1)]
    for start in range(n):
        if start and penalty[start] == float("inf"):
            continue
        for end in range(start + 1, n + 1):
            width = ink_width("".join(tokens[start:end]).strip())
            if width > limit:
                break
            starts[end].append((start, width))
    # fewest[e]: the fewest lines for tokens[:e]
    fewest = [0] + [n + 1] * n
    for end in range(1, n + 1):
        fewest[end] = min((fewest[start] + 1 for start, _ in starts[end]), default=n + 1)
    if fewest[n] > n:
        return None
    best = _cheapest(tokens, limit, starts, penalty, fewest[n])
    if best and max(best[1], default=0.0) >= _INSIDE and (not max_lines or fewest[n] < max_lines):
        more = _cheapest(tokens, limit, starts, penalty, fewest[n] + 1)
        if more and max(more[1], default=0.0) < _INSIDE:
            best = more
    return best[0] if best else None


def _cheapest(tokens: list[str], limit: float, starts: list[list[tuple[int, float]]], penalty: list[float],
              count: int) -> tuple[list[str], list[float]] | None:
    """The cheapest way to set the tokens on ``count`` lines, with the cost of each break it makes."""
    n, inf = len(tokens), float("inf")
    mean = text_ems("".join(tokens).strip()) / count
    # cost[k][e]: the cheapest way to set tokens[:e] on k lines
    cost = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for k in range(1, count + 1):
        for end in range(1, n + 1):
            for start, width in starts[end]:
                if cost[k - 1][start] == inf:
                    continue
                total = cost[k - 1][start] + penalty[start] + _UNEVEN * ((width - mean) / limit) ** 2
                if total < cost[k][end]:
                    cost[k][end], back[k][end] = total, start
    if cost[count][n] == inf:
        return None
    lines, breaks, end = [], [], n
    for k in range(count, 0, -1):
        start = back[k][end]
        lines.append("".join(tokens[start:end]).strip())
        breaks.append(penalty[start])
        end = start
    return lines[::-1], breaks[:-1]


def splits_a_word(text: str, limit: float, max_lines: int = 0) -> bool:
    """Whether ``text`` broken into lines of ``limit`` ems breaks a 《title》 (a form's or a document's name, read as
    one word), a Latin word, a code or a number with its unit."""
    depth = 0
    for line in wrap(text, limit, max_lines)[:-1]:
        depth = max(0, depth + line.count("《") - line.count("》"))
        if depth:
            return True
    return longest_word(text) > max(1.0, limit) + 0.01


def ink_width(line: str) -> float:
    """The width of ``line`` in ems, less the blank half of full-width punctuation hanging at its end."""
    return text_ems(line) - (0.5 if line and line[-1] in _HANGING else 0.0)


def _depths(tokens: list[str]) -> list[int]:
    """How many brackets and title marks are open before each token."""
    depths, open_ = [], 0
    for token in tokens:
        depths.append(open_)
        open_ = max(0, open_ + sum(token.count(c) for c in _OPENING) - sum(token.count(c) for c in _CLOSING))
    return depths


def _in_words(tokens: list[str]) -> list[bool]:
    """Whether a break before each token would split one of the listed words."""
    text = "".join(tokens)
    inside: set[int] = set()
    for i in range(len(text) - 1):
        for size in (2, 3, 4):
            if text[i:i + size] in _WORDS:
                inside.update(range(i + 1, i + size))
    flags, offset = [], 0
    for token in tokens:
        flags.append(offset in inside)
        offset += len(token)
    return flags


def _penalty(tokens: list[str], k: int, depth: int, in_word: bool) -> float:
    """The cost of a break before ``tokens[k]``."""
    before, after = tokens[k - 1], tokens[k]
    last, first = (before.rstrip() or before)[-1], (after.lstrip() or after)[0]
    # the line's real first and last characters, spaces between them and the break being dropped
    if _edge(tokens[k:], 0) in _NO_LINE_START or _edge(tokens[:k], -1) in _NO_LINE_END:
        return float("inf")
    if _NUMBER_SPACE in (first, last):
        return _AFTER_NUMBER
    if last in _AFTER_PUNCTUATION or before[-1] == " " or after[0] == " ":
        return _FREE if depth == 0 else _INSIDE
    if first in "《（" or last in "》）":
        return _TITLE_EDGE
    if depth:
        return _INSIDE
    if in_word or first in _PARTICLES:
        return _IN_WORD
    if first in _JOINING:  # a line may start with 和 or 并, rather than end in it
        return _JOINER
    return _CJK if not (last.isascii() or first.isascii()) else _TITLE_EDGE


def _edge(tokens: list[str], end: int) -> str:
    """The first (``end`` 0) or last (-1) character of the tokens that is not a space; a space if there is none."""
    for token in tokens if end == 0 else reversed(tokens):
        if token.strip():
            return token.strip()[end]
    return " "


def _greedy(tokens: list[str], limit: float) -> list[str]:
    """As many tokens on each line as fit. Closing punctuation that does not fit takes the token before it down to
    the next line rather than start a line; opening punctuation at a line's end goes down too."""
    lines: list[str] = []
    current: list[str] = []
    for token in tokens:
        if not current or not token.strip() or ink_width("".join(current) + token.rstrip()) <= limit:
            current.append(token)  # a space never starts a line: it ends this one
            continue
        carried: list[str] = []
        while len(current) > 1 and (_edge([*carried, token], 0) in _NO_LINE_START
                                    or not current[-1].strip() or _edge(current, -1) in _NO_LINE_END):
            carried.insert(0, current.pop())
        if _edge([*carried, token], 0) in _NO_LINE_START:  # nothing left to take down: all stay, hanging out
            current += [*carried, token]
            continue
        if "".join(current).strip():
            lines.append("".join(current).strip())
        current = [*carried, token]
    if "".join(current).strip():
        lines.append("".join(current).strip())
    return lines
