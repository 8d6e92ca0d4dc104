"""The placeholder texts `proccompile new` writes where only the author knows what to say."""

from __future__ import annotations

# Whole values that are only a placeholder (titles, names) ...
WHOLE = frozenset({"（程序名称）", "（表单名称）", "（作业指导书名称）", "（文件名称）", "（编制人）",
                   "(procedure title)", "(form title)", "(work instruction title)", "(document title)", "(author)"})
# ... and placeholders that stay one wherever they appear in a text.
ANYWHERE = ("（待填写）", "(to be written)")
MARKERS = (*WHOLE, *ANYWHERE)


def is_placeholder(text: str) -> bool:
    return text.strip() in WHOLE or any(marker in text for marker in ANYWHERE)
