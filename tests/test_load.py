"""Loader behaviour that case directories cannot show: permissions, positions with BOM and CRLF."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.load import load_yaml


def _findings(bag: Diagnostics) -> list[tuple[str, int, int, str]]:
    return [(d.code.id, d.span.line, d.span.col, d.message) for d in bag]


def test_unreadable_file_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("code: X\n", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    bag = Diagnostics()
    source = load_yaml(path, "a.yaml", bag)
    assert source.tree is None
    assert _findings(bag) == [("PC108", 1, 1, "Cannot read `a.yaml`: Permission denied")]


def test_positions_are_right_after_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfcode: X\r\ntitle: a\r\ntitle: b\r\n")
    bag = Diagnostics()
    load_yaml(path, "a.yaml", bag)
    assert _findings(bag) == [("PC102", 3, 1, "Duplicate key `title`")]
    assert list(bag)[0].span.source_line == "title: b"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("gbk", "GBK/GB18030"), ("gb18030", "GBK/GB18030"), ("utf-16", "UTF-16")],
)
def test_legacy_encodings_are_named(tmp_path: Path, encoding: str, named: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("title: 顧客服務\n".encode(encoding))
    bag = Diagnostics()
    load_yaml(path, "a.yaml", bag)
    (finding,) = list(bag)
    assert finding.code.id == "PC104" and finding.message.endswith(f"it looks like {named}")


def test_round_trip_tree_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("code: X  # the house code\ntitle: a\n", encoding="utf-8")
    source = load_yaml(path, "a.yaml", Diagnostics())
    assert source.tree.ca.items["code"][2].value == "# the house code\n"
