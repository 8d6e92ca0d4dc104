"""Publishing on top of the check: Word procedures imported as YAML drafts, and the static QMS site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proccompile.diagnostics.usage import UsageError
from proccompile.model import ProjectConfig
from proccompile.pipeline import CheckResult, check_project, guard_outputs, load_config, protected_paths

if TYPE_CHECKING:
    from proccompile.importer import Imported
    from proccompile.importer.dates import DateOrder


@dataclass
class ImportResult:
    """Outcome of `import`: the config it mapped against, per Word file a draft or why it could not be read,
    and (with ``stub_forms``) a draft form for each cited form the project does not have."""

    config: ProjectConfig
    drafts: list[Imported] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    stubs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Form code → the plain data of its draft form."""


def import_project(root: Path, files: list[tuple[Path, str]], *, date_order: DateOrder | None = None,
                   stub_forms: bool = False) -> ImportResult:
    """Read each (path, name as given) Word procedure into a draft against the project's config and wording.

    Raises ConfigError when the project has no valid config: department names and codes cannot be mapped.
    """
    from proccompile.importer import Lookup, Refused, import_procedure
    from proccompile.views.wording import Texts

    config, _, bag = load_config(root)
    texts = Texts(root, config.language, bag, limits=config.limits)
    result = ImportResult(config)
    proposed: dict[str, str] = {}
    for path, name in files:
        lookup = Lookup(config, texts.label, date_order, proposed)  # one set of proposed ids for every file
        try:
            result.drafts.append(import_procedure(path, name, lookup, config.limits))
        except Refused as error:
            result.failures.append((name, str(error)))
        except OSError as error:  # the file system failed us, not the document: a usage error, nothing written
            raise UsageError(f"cannot read `{name}`: {error.strerror or error}") from None
    if stub_forms:
        result.stubs = _form_stubs(root, result)
    return result


def _form_stubs(root: Path, result: ImportResult) -> dict[str, dict[str, Any]]:
    """A draft form for each form the drafts cite that neither the project nor another stub has: titled as
    the document names it, owned by the department its records table says keeps it; what the document does
    not say is a placeholder (title, columns) or left out (owner) for `check` to point at."""
    from proccompile.scaffold.documents import first_version
    from proccompile.scaffold.wording import WORDING

    corpus = check_project(root).corpus
    words = WORDING[result.config.language]
    stubs: dict[str, dict[str, Any]] = {}
    for draft in result.drafts:
        keepers = {r["form"]: r.get("keeper") for r in draft.data.get("records", []) if "form" in r}
        for code, title in draft.stubs.items():
            if code in stubs or corpus.form(code) is not None or corpus.is_broken(code):
                continue
            stub: dict[str, Any] = {"code": code, "title": title or words.new_form_title,
                                    "version": first_version(result.config), "status": "draft"}
            if keepers.get(code):
                stub["owner"] = keepers[code]
            stub["table"] = {"columns": [{"label": words.placeholder}], "rows": 8}
            stubs[code] = stub
    return stubs


@dataclass
class SiteResult:
    check: CheckResult
    outputs: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class SiteFile:
    """A page or asset of the site as the write stage records it in the site's manifest."""

    relpath: str
    data: bytes
    kind: str = "page"
    code: str = ""
    version: str = ""
    title: str = ""
    source: str = ""
    source_sha256: str = ""
    inputs: str = ""
    depends: str = ""
    reads: tuple[str, ...] = ()


def site_pdf_relpath(relpath: str) -> str:
    """files/procedures/….docx → files/pdf/procedures/….pdf, where the site's pages link the PDF."""
    return f"files/pdf/{relpath.removeprefix('files/').removesuffix('.docx')}.pdf"


def site_project(root: Path, out_dir: Path, *, pdf: bool = False, jobs: int = 1,
                 today: dt.date | None = None) -> SiteResult:
    """Check, then render the documents and the static site into ``out_dir``; nothing is written on errors.

    The site's own ``manifest.json`` lists what it wrote, so a later run deletes the pages and files it
    no longer produces (a deleted or renamed document, a superseded version, a PDF without ``pdf``).
    ``today`` is the day the pages tell versions not yet effective at.
    """
    from dataclasses import replace

    from proccompile.render import render_corpus
    from proccompile.render.site import render_site
    from proccompile.write import write_build
    from proccompile.write.guard import refuse_folder_target
    from proccompile.write.manifest import Output
    from proccompile.write.pdf import with_pdfs

    checked = check_project(root)
    if checked.diagnostics.has_errors:
        return SiteResult(checked)
    refuse_folder_target(out_dir, protected_paths(root, checked.corpus))
    # The site publishes what is in force: a document under revision as released, without its review draft.
    published = checked.corpus.in_force_only()
    documents = [replace(d, relpath=f"files/{d.relpath}") for d in render_corpus(published, root,
                                                                                 checked.diagnostics)]
    pages = render_site(published, root, checked.diagnostics, documents, pdf=pdf, today=today)
    if checked.diagnostics.has_errors:
        return SiteResult(checked)
    files: list[Output] = [*documents, *(SiteFile(p.relpath, p.data, "asset" if p.relpath.startswith("assets/")
                                                  else "page") for p in pages)]
    # Every target is judged before the first is written.
    guard_outputs(root, [out_dir / f.relpath for f in files], checked.corpus)
    wanted = [d for d in documents if d.kind != "attachment"] if pdf else []
    written = write_build(out_dir, with_pdfs(files, wanted, out_dir, site_pdf_relpath, jobs))
    return SiteResult(checked, written)
