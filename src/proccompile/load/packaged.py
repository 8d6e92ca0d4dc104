"""Read a YAML data file shipped inside the package (e.g. the ISO 9001:2015 clause table)."""

from __future__ import annotations

from importlib import resources
from typing import Any

from ruamel.yaml import YAML


def load_packaged_yaml(name: str) -> Any:
    """The plain data (dicts, lists, scalars) of ``proccompile/data/<name>``, safe-loaded.

    Packaged files are ours and valid; a broken one is a bug, so errors are raised, not reported.
    """
    text = resources.files("proccompile").joinpath("data", name).read_text(encoding="utf-8")
    return YAML(typ="safe", pure=True).load(text)
