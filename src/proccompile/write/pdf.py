"""PDF export through LibreOffice headless: batched, one profile per worker, outputs moved into place atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from proccompile.diagnostics.usage import UsageError
from proccompile.write.atomic import regular_or_absent
from proccompile.write.manifest import Entry, Output

FONTS_CONF = Path(__file__).parent.parent / "default_templates" / "fonts.conf"


class PdfExportUnavailable(UsageError):
    """LibreOffice is not installed, so PDFs cannot be made."""


class PdfExportError(UsageError):
    """LibreOffice ran but did not produce every PDF."""


def find_soffice() -> str | None:
    configured = os.environ.get("PROCCOMPILE_SOFFICE")
    if configured:
        return shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class PdfFile:
    """The PDF of a built .docx, as an output of the build: it carries its document's ``inputs``, so a later
    build keeps it while the document is unchanged and deletes it once the document changes or goes."""

    relpath: str
    kind: str
    code: str
    version: str
    title: str
    source: str
    source_sha256: str
    inputs: str
    depends: str = ""
    reads: tuple[str, ...] = ()
    data: bytes = b""

    @classmethod
    def of(cls, document: Entry, relpath: str, data: bytes = b"") -> PdfFile:
        return cls(relpath, "pdf", document.code, document.version, document.title, document.source,
                   document.source_sha256, document.inputs, data=data)


def with_pdfs(files: Iterable[Output], wanted: Sequence[Entry], out_dir: Path, place: Callable[[str], str],
              workers: int = 1) -> Iterator[Output]:
    """``files`` as they come, then the PDF of every document in ``wanted`` at ``place(its relpath)``.

    A wanted document is taken from ``files`` when it passes, else from ``out_dir`` (an unchanged output
    on disk); copies go to a temporary folder, so the PDFs are made from exactly these bytes and reach
    the build folder like every other output (atomically, listed in the manifest).
    """
    wanted_paths = {entry.relpath for entry in wanted}
    with tempfile.TemporaryDirectory(prefix="proccompile-pdf-") as staging:
        sources = Path(staging) / "docx"
        for file in files:
            if file.relpath in wanted_paths:
                _copy_in(sources, file.relpath, file.data)
            yield file
        if not wanted:
            return
        for entry in wanted:
            copy = sources / entry.relpath
            if not copy.exists():
                _copy_in(sources, entry.relpath, (out_dir / entry.relpath).read_bytes())
        made = export_pdfs([sources / entry.relpath for entry in wanted], Path(staging) / "pdf", workers,
                           relative_to=sources)
        for entry, pdf in zip(wanted, made, strict=True):
            yield PdfFile.of(entry, place(entry.relpath), pdf.read_bytes())


def _copy_in(folder: Path, relpath: str, data: bytes) -> None:
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def export_pdfs(docx_paths: list[Path], out_dir: Path, workers: int = 1, *,
                relative_to: Path | None = None) -> list[Path]:
    """Convert ``docx_paths`` to PDF under ``out_dir``, keeping their folders relative to ``relative_to``
    (default: their common parent).

    Why batches: LibreOffice costs about 0.7 s to start and 0.14 s per document once running, so each
    worker converts many files in one call; and two processes sharing a profile fail (tech.md §2),
    so each worker gets its own throw-away profile.
    """
    soffice = find_soffice()
    if soffice is None:
        raise PdfExportUnavailable(
            "PDF export needs LibreOffice, but `soffice` was not found on PATH; install it (Debian/Ubuntu: "
            "apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk) "
            "or set PROCCOMPILE_SOFFICE to its path")
    if not docx_paths:
        return []
    paths = [p.resolve() for p in docx_paths]
    root = relative_to.resolve() if relative_to is not None else Path(os.path.commonpath([p.parent for p in paths]))
    workers = max(1, min(workers, len(paths)))
    # One soffice call per batch; a batch never holds two files with the same stem, because
    # LibreOffice writes every PDF of a call into one folder.
    batches: list[list[tuple[Path, Path]]] = [[] for _ in range(workers)]
    for index, path in enumerate(paths):
        target = out_dir / path.parent.relative_to(root)
        batch = next((b for b in batches[index % workers:] + batches[:index % workers]
                      if all(s.stem != path.stem for s, _ in b)), None)
        if batch is None:
            batch = []
            batches.append(batch)
        batch.append((path, target))
    out_dir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda batch: _convert(soffice, batch, out_dir), [b for b in batches if b]))
    made = {source: pdf for batch in results for source, pdf in batch}
    return [made[p] for p in paths]


def _convert(soffice: str, batch: list[tuple[Path, Path]], out_dir: Path) -> list[tuple[Path, Path]]:
    env = dict(os.environ)
    if "FONTCONFIG_FILE" not in env and FONTS_CONF.is_file():
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    with tempfile.TemporaryDirectory(prefix="proccompile-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix=".pdf-", dir=out_dir) as staging:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", staging, *(str(source) for source, _ in batch)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, env=env,
                                 timeout=120 + 30 * len(batch), check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfExportError(f"LibreOffice did not finish within {exc.timeout:.0f} s") from None
        made, missing = [], []
        for source, target in batch:
            pdf = Path(staging) / f"{source.stem}.pdf"
            if pdf.is_file():
                target.mkdir(parents=True, exist_ok=True)
                final = target / pdf.name
                if not regular_or_absent(final):
                    raise UsageError(f"`{final}` exists and is not a regular file (a folder, a link or a device); "
                                     "refusing to write over it")
                os.replace(pdf, final)  # staging sits inside out_dir: same file system, atomic rename
                made.append((source, final))
            else:
                missing.append(source.name)
        if missing:
            detail = (run.stderr or run.stdout).strip().splitlines()[-3:]
            raise PdfExportError(f"LibreOffice (exit {run.returncode}) did not convert {', '.join(missing)}"
                                 + (f": {' '.join(detail)}" if detail else ""))
        return made
