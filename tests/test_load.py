"""Loader behaviour that case directories cannot show: permissions, positions with BOM and CRLF."""

from __future__ import annotations

from pathlib import Path

import pytest

from proccompile.diagnostics import Diagnostics
from proccompile.load import load_yaml
from proccompile.load.encoding import guess_encodings


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


@pytest.mark.parametrize(("text", "encoding", "guessed"), [
    ("title: 文件控制程序\npurpose: 规定受控文件的编制、审批要求。\n", "gbk", ["GBK/GB18030"]),
    ("title: 质量部\n", "gbk", ["GBK/GB18030"]),
    ("title: 文件控制程序\npurpose: 規定受控文件的編制、審批要求。\n", "big5", ["Big5"]),
    ("title: Lenkung der Dokumente\nscope: Für alle Größen – „gültig“\n", "cp1252", ["Windows-1252"]),
    ("title: Document control\npurpose: Define the “approval” rules – café\n", "cp1252", ["Windows-1252"]),
    # Bytes that read as French and as Chinese alike: both are named, the likelier first.
    ("title: Procédure\n", "cp1252", ["Windows-1252", "GBK/GB18030", "Big5"]),
])
def test_the_encoding_is_guessed_from_the_bytes(text: str, encoding: str, guessed: list[str]) -> None:
    assert [e.name for e in guess_encodings(text.encode(encoding))] == guessed


def test_a_windows_1252_file_is_never_told_to_convert_from_gbk_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("title: Procédure de contrôle\n".encode("cp1252"))
    bag = Diagnostics()
    load_yaml(path, "a.yaml", bag)
    (finding,) = list(bag)
    assert finding.message.endswith("it may be Windows-1252, GBK/GB18030 or Big5")
    assert finding.help is not None and finding.help.startswith(
        "Re-save the file as UTF-8 from the encoding it was saved in: `iconv -f CP1252 -t UTF-8` if it holds Western "
        "European text, `iconv -f GB18030 -t UTF-8` if it holds Simplified Chinese text")


def test_bytes_no_encoding_fits_get_no_guess(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"title: \x81\x81\x81\xff\n")
    bag = Diagnostics()
    load_yaml(path, "a.yaml", bag)
    (finding,) = list(bag)
    assert finding.message == "The file is not valid UTF-8 (byte 0x81)"
    assert finding.help == "Re-save the file as UTF-8 in the editor that wrote it"


def test_round_trip_tree_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("code: X  # the house code\ntitle: a\n", encoding="utf-8")
    source = load_yaml(path, "a.yaml", Diagnostics())
    assert source.tree.ca.items["code"][2].value == "# the house code\n"
