"""Publishing on top of the check: Word procedures imported as YAML drafts, and the static QMS site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proccompile.model import ProjectConfig
from proccompile.pipeline import CheckResult, check_project, load_config, protected_paths

if TYPE_CHECKING:
    from proccompile.importer import Imported


@dataclass
class ImportResult:
    """Outcome of `import`: the config it mapped against, and per Word file a draft or why it could not be read."""

    config: ProjectConfig
    drafts: list[Imported] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def import_project(root: Path, files: list[tuple[Path, str]]) -> ImportResult:
    """Read each (path, name as given) Word procedure into a draft against the project's config and wording.

    Raises ConfigError when the project has no valid config: department names and codes cannot be mapped.
    """
    from proccompile.importer import Lookup, import_procedure
    from proccompile.views.wording import Texts

    config, _, bag = load_config(root)
    texts = Texts(root, config.language, bag, limits=config.limits)
    result = ImportResult(config)
    for path, name in files:
        try:
            result.drafts.append(import_procedure(path, name, Lookup(config, texts.label)))
        except ValueError as error:
            result.failures.append((name, str(error)))
    return result


@dataclass
class SiteResult:
    check: CheckResult
    outputs: list[Path] = field(default_factory=list)


def site_project(root: Path, out_dir: Path, *, pdf: bool = False, jobs: int = 1) -> SiteResult:
    """Check, then render the documents and the static site into ``out_dir``; nothing is written on errors."""
    from proccompile.render import render_corpus
    from proccompile.render.site import render_site
    from proccompile.write.atomic import write_atomic
    from proccompile.write.guard import refuse_folder_target
    from proccompile.write.pdf import export_pdfs

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return SiteResult(checked)
    refuse_folder_target(out_dir, protected_paths(root))
    documents = render_corpus(checked.corpus, root, checked.diagnostics)
    pages = render_site(checked.corpus, root, checked.diagnostics, documents, pdf=pdf)
    if checked.diagnostics.has_errors:
        return SiteResult(checked)
    written = []
    for item in [*((f"files/{d.relpath}", d.data) for d in documents), *((p.relpath, p.data) for p in pages)]:
        path = out_dir / item[0]
        write_atomic(path, item[1])
        written.append(path)
    if pdf:
        docx = [p for p in written if p.suffix == ".docx"]
        written += export_pdfs(docx, out_dir / "files" / "pdf", jobs)
    return SiteResult(checked, written)
