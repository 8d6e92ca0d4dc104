"""Load stage: find the project's YAML files and parse them with positions (libyaml, and ruamel.yaml when needed)."""

from typing import TYPE_CHECKING, Any

from proccompile.load.discover import ProjectFiles, discover
from proccompile.load.source import SourceFile
from proccompile.load.yaml import load_yaml

if TYPE_CHECKING:
    from proccompile.load.house_format import dump_house, dump_source, house_yaml

__all__ = ["ProjectFiles", "SourceFile", "discover", "dump_house", "dump_source", "house_yaml", "load_yaml"]


def __getattr__(name: str) -> Any:
    # ruamel.yaml (about 40 ms to import) is loaded only when a file needs the round-trip reader or writer.
    if name in ("dump_house", "dump_source", "house_yaml"):
        from proccompile.load import house_format

        return getattr(house_format, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
