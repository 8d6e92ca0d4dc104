"""Output file names of compiled documents and site pages: made safe for every file system, cut to fit."""

from __future__ import annotations

import re
import unicodedata

# Characters Windows, macOS or Linux refuse in file names; codes like Q/FL2.0813 carry slashes.
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')
# With portable names, also whitespace and the characters shells, URLs and scripts treat specially.
_SPECIAL = re.compile(r"[\s!\"#$%&'()*+,;<=>?@\[\]^`{|}~]+")
# Most file systems allow 255 bytes per name; these budgets keep code_version_title.docx well below it.
_CODE_BYTES, _VERSION_BYTES, _TITLE_BYTES = 60, 20, 150


def output_relpath(kind: str, code: str, version: str, title: str, *, portable: bool = False,
                   folder: str | None = None) -> str:
    """POSIX path of a document's .docx under the build folder, e.g. procedures/Q-FL2.0813_B-0_顾客服务控制程序.docx.

    The folder is the document type's (``folder``), by default its id and an s, as in the project.

    Names are cut to a byte budget (a CJK character is three bytes in UTF-8), and invisible format
    characters are dropped: a right-to-left override (U+202E) would make `…fdp.docx` read as a PDF.
    ``portable`` (config `output_names: portable`) also turns spaces and shell-special characters into `-`:
    QF-01-02_Rev-B_Nonconforming-Material-Log.docx.
    """
    folder = folder or f"{kind}s"
    parts = (_clean(code, _CODE_BYTES, portable), _clean(version, _VERSION_BYTES, portable),
             _clean(title, _TITLE_BYTES, portable))
    return f"{folder}/{'_'.join(parts)}.docx"


def _clean(text: str, max_bytes: int, portable: bool = False) -> str:
    visible = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Zl", "Zp"))
    safe = _UNSAFE.sub("-", visible).strip(" .")
    if portable:
        safe = _SPECIAL.sub("-", safe).strip("-.")
    cut = safe.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    return cut.strip(" .") or "-"


# Site pages are named by code alone (Q/FL2.0813 → Q-FL2.0813.html): every character but letters, digits,
# `.` and `-` becomes `-`, and the name is cut to a byte budget well under the usual 255-byte limit.
_PAGE_UNSAFE = re.compile(r"[^\w.\-]")
_PAGE_BYTES = 200
PAGE_FOLDERS = {"procedure": "procedures", "form": "forms", "department": "departments"}


def page_slug(code: str) -> str:
    """The file name of a code's site page, without .html."""
    return _PAGE_UNSAFE.sub("-", code).encode("utf-8")[:_PAGE_BYTES].decode("utf-8", errors="ignore")


def page_relpath(kind: str, code: str, *, folder: str | None = None) -> str:
    """POSIX path of the site page of a document or department, e.g. procedures/Q-FL2.0813.html; a document's
    page is in its type's ``folder`` (by default its id and an s)."""
    return f"{folder or PAGE_FOLDERS.get(kind) or kind + 's'}/{page_slug(code)}.html"
