"""Load stage: find the project's YAML files and parse them with positions (ruamel.yaml only)."""

from proccompile.load.discover import ProjectFiles, discover
from proccompile.load.house_format import dump_house, dump_source, house_yaml
from proccompile.load.source import SourceFile
from proccompile.load.yaml import load_yaml

__all__ = ["ProjectFiles", "SourceFile", "discover", "dump_house", "dump_source", "house_yaml", "load_yaml"]
