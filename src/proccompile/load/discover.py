"""Find the project config and every procedure and form file, in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "proccompile.yaml"
LOCK_NAME = "proccompile.lock"
PROCEDURE_DIR = "procedures"
FORM_DIR = "forms"
# While a revision is open, the released content of the document, under the working file's own path.
IN_FORCE_DIR = "in-force"
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
    # Every entry under ``folder`` whose name ends in .yaml or .yml, folders and links too (load refuses
    # what is not a regular file), without entering linked folders: what Path.rglob("*") lists, faster.
    found = []
    for parent, folders, files in os.walk(folder):
        found += [os.path.join(parent, name) for name in (*folders, *files)
                  if name.endswith(_SUFFIXES) and not name.startswith(".")]
    # Every path starts with ``folder``, so ordering whole POSIX paths orders the relative ones.
    return tuple(Path(name) for name in sorted(found, key=lambda name: name.replace(os.sep, "/")))
