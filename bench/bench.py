"""Benchmark: check (and build) a synthetic corpus made by cloning the shipped example N times.

Usage: python bench/bench.py [--copies N] [--build]
Targets (this machine class: 2 cores): see TARGETS; the script exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from proccompile.pipeline import build_project, check_project

ROOT = Path(__file__).resolve().parent.parent
# Seconds per file checked, and per document built, on a 2-core machine; peak RSS in MiB.
TARGETS = {"check_s_per_file": 0.025, "build_s_per_doc": 0.080, "peak_rss_mib": 512}
_CODE = re.compile(r"Q/(FL\d\.\d{4}|JL\d{6})")


def make_corpus(target: Path, copies: int) -> int:
    """Clone the shipped corpus ``copies`` times with fresh codes; returns the number of YAML files."""
    config = (ROOT / "proccompile.yaml").read_text(encoding="utf-8")
    # Every copy suffixes its codes with -NNN, so the house patterns accept that suffix.
    config = re.sub(r"^(  (?:procedure|form): .*)\$$", r"\1(-\\d{3})?$", config, flags=re.MULTILINE)
    # Codes the config names (the audit programme's high-risk procedures) point at the first copy.
    config = _CODE.sub(lambda m: f"{m.group(0)}-000", config)
    (target / "proccompile.yaml").write_text(config, encoding="utf-8")
    count = 0
    for folder in ("procedures", "forms"):
        (target / folder).mkdir()
        for source in sorted((ROOT / folder).glob("*.yaml")):
            text = source.read_text(encoding="utf-8")
            for copy in range(copies):
                cloned = _CODE.sub(lambda m, c=copy: f"{m.group(0)}-{c:03d}", text)
                (target / folder / f"{copy:03d}-{source.name}").write_text(cloned, encoding="utf-8")
                count += 1
    return count


def timed(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=5, help="copies of the shipped corpus (at most 999)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time a full build")
    args = parser.parse_args()
    missed = []
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        files = make_corpus(project, args.copies)
        result = check_project(project)
        errors = [f"{d.span.path}:{d.span.line} {d.code.id} {d.message}" for d in result.diagnostics]
        if errors:
            print("synthetic corpus is not clean:", *errors[:5], sep="\n  ")
            return 2
        check_s = timed(lambda: check_project(project), args.repeat)
        per_file = 1000 * check_s / files
        print(f"check: {files} files in {check_s:.2f} s ({per_file:.1f} ms/file, median of {args.repeat})")
        if check_s / files > TARGETS["check_s_per_file"]:
            missed.append("check_s_per_file")
        if args.build:
            out = project / "out"
            build_s = timed(lambda: build_project(project, out), 1)
            docs = len(list(out.rglob("*.docx")))
            print(f"build: {docs} documents in {build_s:.2f} s ({1000 * build_s / docs:.1f} ms/document incl. check)")
            if build_s / docs > TARGETS["build_s_per_doc"]:
                missed.append("build_s_per_doc")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
    if peak > TARGETS["peak_rss_mib"]:
        missed.append("peak_rss_mib")
    print("targets missed: " + ", ".join(missed) if missed else "all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
