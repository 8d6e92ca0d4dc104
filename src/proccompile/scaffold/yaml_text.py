"""Plain data with a leading comment, dumped in the house YAML format."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from proccompile.load.house_format import dump_house


def commented(data: Any) -> Any:
    """``data`` as ruamel round-trip containers, so comments can be attached and key order is kept."""
    if isinstance(data, dict):
        return CommentedMap((k, commented(v)) for k, v in data.items())
    if isinstance(data, list):
        return CommentedSeq(commented(v) for v in data)
    return data


def yaml_bytes(data: dict[str, Any], *, comment: str | None = None, notes: dict[str, str] | None = None) -> bytes:
    """``data`` in the house format; ``comment`` heads the file and ``notes`` put a comment above named keys."""
    tree = commented(data)
    if comment:
        tree.yaml_set_start_comment(comment)
    for key, note in (notes or {}).items():
        tree.yaml_set_comment_before_after_key(key, before=note)
    return dump_house(tree)


def modeline(schema: str) -> str:
    """The line yaml-language-server reads to bind a file to its JSON Schema."""
    return f"yaml-language-server: $schema={schema}"
