"""Find the project config and every procedure and form file, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "proccompile.yaml"
LOCK_NAME = "proccompile.lock"
PROCEDURE_DIR = "procedures"
FORM_DIR = "forms"
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ProjectFiles:
    root: Path
    config: Path
    procedures: tuple[Path, ...]
    forms: tuple[Path, ...]


def discover(root: Path) -> ProjectFiles:
    """List the project's YAML files; entries that are not regular files are kept so load reports them."""
    return ProjectFiles(
        root=root,
        config=root / CONFIG_NAME,
        procedures=_yaml_files(root / PROCEDURE_DIR),
        forms=_yaml_files(root / FORM_DIR),
    )


def _yaml_files(folder: Path) -> tuple[Path, ...]:
    if not folder.is_dir():
        return ()
    found = [p for p in folder.rglob("*") if p.name.endswith(_SUFFIXES) and not p.name.startswith(".")]
    # Every path starts with ``folder``, so ordering whole POSIX paths orders the relative ones.
    return tuple(sorted(found, key=Path.as_posix))
