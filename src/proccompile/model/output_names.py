"""Output file names of compiled documents: folder, code, version and title made safe for every file system."""

from __future__ import annotations

import re

# Characters Windows, macOS or Linux refuse in file names; codes like Q/FL2.0813 carry slashes.
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')


def output_relpath(kind: str, code: str, version: str, title: str) -> str:
    """POSIX path of a document's .docx under the build folder, e.g. procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx."""

    def clean(text: str, limit: int) -> str:
        return _UNSAFE.sub("-", text).strip(" .")[:limit] or "-"

    folder = "procedures" if kind == "procedure" else "forms"
    return f"{folder}/{clean(code, 60)}_{clean(version, 20)}_{clean(title, 80)}.docx"
