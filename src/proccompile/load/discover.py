"""Find the project config and every document file, folder by folder, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_NAME = "proccompile.yaml"
LOCK_NAME = "proccompile.lock"
PROCEDURE_DIR = "procedures"
FORM_DIR = "forms"
# The folders of the two types every project has; a project's config may add more (document_types).
DEFAULT_FOLDERS: Mapping[str, str] = {"procedure": PROCEDURE_DIR, "form": FORM_DIR}
# While a revision is open, the released content of the document, under the working file's own path.
IN_FORCE_DIR = "in-force"
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ProjectFiles:
    root: Path
    config: Path
    documents: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    """Document files by type id, each folder's files sorted."""

    @property
    def procedures(self) -> tuple[Path, ...]:
        return self.documents.get("procedure", ())

    @property
    def forms(self) -> tuple[Path, ...]:
        return self.documents.get("form", ())

    def all_documents(self) -> list[Path]:
        return [path for paths in self.documents.values() for path in paths]


def discover(root: Path, folders: Mapping[str, str] = DEFAULT_FOLDERS) -> ProjectFiles:
    """List the project's YAML files (``folders``: type id → folder); entries that are not regular files are
    kept so load reports them."""
    return ProjectFiles(root=root, config=root / CONFIG_NAME,
                        documents={kind: _yaml_files(root / folder) for kind, folder in folders.items()})


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
