"""Checks on a Word package before python-docx parses it: size, compression ratio and XML entity declarations."""

from __future__ import annotations

import zipfile
from pathlib import Path

from proccompile.load.docx_limits import XML_SUFFIXES, declares_doctype, entry_count_problem, inflation_problem


def package_problem(path: Path, max_bytes: int) -> str | None:
    """Why the .docx at ``path`` must not be parsed, or None.

    Only the zip directory and the XML parts are read, in bounded chunks, so a 3 GB run of
    whitespace or an image that unpacks to 256 MB is refused in milliseconds.
    """
    try:
        counted = entry_count_problem(path)
        if counted is not None:
            return counted
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            total = sum(e.file_size for e in entries)
            if total > max_bytes:
                return (f"it unpacks to {total:,} bytes; the limit is {max_bytes:,} "
                        "(limits.reference_docx_bytes in proccompile.yaml)")
            for entry in entries:
                problem = inflation_problem(entry)
                if problem is not None:
                    return problem
            for entry in entries:
                if entry.filename.endswith(XML_SUFFIXES) and declares_doctype(archive, entry):
                    return (f"its part `{entry.filename}` declares a DOCTYPE; Word never writes one, "
                            "and entities can expand")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return f"it is not a Word (.docx) package: {exc or type(exc).__name__}"
    return None
