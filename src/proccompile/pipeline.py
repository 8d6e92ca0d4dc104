"""The one place that knows the stage order: discover → load → model → validate → render → write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from proccompile.diagnostics import CODES, Diagnostics, Severity, Span
from proccompile.load import SourceFile, discover, load_yaml
from proccompile.model import Corpus, ProjectConfig
from proccompile.model.build import build_corpus, model_config
from proccompile.validate import run_checks


class ConfigError(Exception):
    """The project config is missing or invalid; nothing else can be checked (exit 2)."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__("invalid project configuration")
        self.diagnostics = diagnostics


@dataclass
class CheckResult:
    diagnostics: Diagnostics
    corpus: Corpus
    files: int


@dataclass
class BuildResult:
    check: CheckResult
    outputs: list[Path] = field(default_factory=list)


def load_config(root: Path) -> tuple[ProjectConfig, SourceFile, Diagnostics]:
    """Load and model ``proccompile.yaml``; raises ConfigError with located findings."""
    bag = Diagnostics()
    path = discover(root).config
    if not path.exists():
        bag.add("PC001", "The project folder has no proccompile.yaml", Span("proccompile.yaml"))
        raise ConfigError(bag)
    source = load_yaml(path, path.name, bag)
    config = model_config(source, bag)
    if config is None:
        raise ConfigError(bag)
    for code_id, value in config.severity.items():
        if code_id not in CODES:
            bag.add("PC002", f"Unknown diagnostic code `{code_id}` in `severity`",
                    source.span(("severity", code_id), key=True), help="See docs/diagnostics.md for the codes")
    if bag.has_errors:
        raise ConfigError(bag)
    bag.overrides = {code_id: Severity(value) for code_id, value in config.severity.items()}
    return config, source, bag


def check_project(root: Path) -> CheckResult:
    """Load, model and validate the whole corpus, gathering every finding."""
    config, config_source, bag = load_config(root)
    files = discover(root)

    def load_all(paths: tuple[Path, ...]) -> list[SourceFile]:
        limit = config.limits.max_file_bytes
        return [load_yaml(p, p.relative_to(root).as_posix(), bag, max_bytes=limit) for p in paths]

    procedures, forms = load_all(files.procedures), load_all(files.forms)
    # Cross-references are judged only after every file is modelled, so one run shows everything.
    corpus = build_corpus(config, config_source, procedures, forms, bag)
    run_checks(corpus, bag)
    return CheckResult(bag, corpus, 1 + len(files.procedures) + len(files.forms))


def build_project(root: Path, out_dir: Path, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Check, then render and write; writes nothing when any error was found."""
    # Imported here so `check` never pays for python-docx and lxml at start-up.
    from proccompile.render import render_corpus
    from proccompile.write import write_build

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
    rendered = render_corpus(checked.corpus, root, checked.diagnostics, progress)
    if checked.diagnostics.has_errors:
        return BuildResult(checked)
    return BuildResult(checked, write_build(out_dir, rendered))
