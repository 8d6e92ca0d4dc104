"""Imports run one way down the stages: commands → pipeline → {render, audit} → views → validate → model → load."""

from __future__ import annotations

import ast
from pathlib import Path

import proccompile

PACKAGE = Path(proccompile.__file__).parent

# Highest first. A package may import its own modules and any package in a lower layer, never one in
# its own layer or above: render and audit are siblings and share only what lies below them.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__main__"}),
    frozenset({"cli"}),
    frozenset({"commands"}),
    frozenset({"serve"}),
    frozenset({"pipeline"}),
    frozenset({"render", "audit", "scaffold", "importer", "lifecycle"}),
    frozenset({"views"}),
    frozenset({"validate"}),
    frozenset({"model"}),
    frozenset({"load"}),
)
# Beside the stages: findings are used by every stage and use nothing; the write stage is called by the
# pipeline and commands and knows only the file system (and findings, for its usage errors).
BESIDE = {"diagnostics": frozenset({"diagnostics"}), "write": frozenset({"write", "diagnostics"})}
WRITE_CALLERS = frozenset({"__main__", "cli", "commands", "pipeline"})


def _layer(package: str) -> int:
    return next(i for i, members in enumerate(LAYERS) if package in members)


def _package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imported_packages(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package of proccompile) for every import in ``path``, type-only imports included."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level]
                names = [".".join([*base, node.module] if node.module else base)]
            else:
                names = [node.module or ""]
            if names[0] == "proccompile":  # `from proccompile import x`: x is the package
                names = [f"proccompile.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "proccompile" and len(parts) > 1 and parts[1] != "__version__":
                found.append((node.lineno, parts[1]))
    return found


def _allowed(importer: str, target: str) -> bool:
    if importer == target or target == "diagnostics":
        return True
    if importer in BESIDE:
        return target in BESIDE[importer]
    if target == "write":
        return importer in WRITE_CALLERS
    return _layer(target) > _layer(importer)


def test_every_package_has_a_place() -> None:
    placed = set().union(*LAYERS) | set(BESIDE)
    present = {_package_of(p) for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE}
    assert present <= placed, f"place these in LAYERS or BESIDE: {sorted(present - placed)}"


def test_imports_run_one_way() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == PACKAGE and path.name == "__init__.py":
            continue
        importer = _package_of(path)
        for line, target in _imported_packages(path):
            if not _allowed(importer, target):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {importer} imports {target}")
    assert wrong == []


def test_the_checker_sees_a_wrong_import() -> None:
    # Guards the test itself: an upward import written both ways is found.
    assert not _allowed("model", "render") and not _allowed("render", "audit") and not _allowed("audit", "render")
    assert not _allowed("validate", "views") and not _allowed("write", "model") and not _allowed("load", "model")
    assert _allowed("render", "views") and _allowed("pipeline", "write") and _allowed("audit", "load")
    module = PACKAGE / "model" / "display.py"
    assert ("model" in {t for _, t in _imported_packages(module)}) and _package_of(module) == "model"
