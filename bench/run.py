"""Benchmark proccompile side by side with the bare C parser, docxtpl and pandoc on a synthetic corpus.

Usage: python bench/run.py [--docs N] [--repeat R] [--json PATH]
Prints one Markdown table (median of R runs; wall-clock seconds) and writes the figures as JSON.
Needs proccompile installed; docxtpl and pandoc are measured when installed and reported as
"not installed" otherwise (see bench/README.md). Nothing is installed by this script.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, make_corpus  # noqa: E402
from hostile import make_hostile  # noqa: E402
from live import CHROMIUM, serve_update_ms  # noqa: E402
from peers import docxtpl_available, pandoc_available, time_docxtpl, time_pandoc  # noqa: E402

PC = [sys.executable, "-m", "proccompile"]
# Runs a command and reports its wall time, CPU time (with its worker processes) and the peak RSS of
# its largest process (KiB on Linux).
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "peak = usage.ru_maxrss if sys.platform != 'darwin' else usage.ru_maxrss // 1024\n"
    "print(wall, usage.ru_utime + usage.ru_stime, peak, code)\n"
)
_BARE = (
    "import sys, yaml\nfrom pathlib import Path\nroot = Path(sys.argv[1])\n"
    "for p in sorted([root / 'proccompile.yaml', *root.glob('procedures/*.yaml'), *root.glob('forms/*.yaml')]):\n"
    "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)
TARGETS = {
    "check_ratio": ("≤ 1.5", lambda v: v <= 1.5),
    "check_cached_ratio": ("≤ 1.5", lambda v: v <= 1.5),
    "check_incremental_ms": ("≤ 300", lambda v: v <= 300),
    "serve_update_ms": ("≤ 500", lambda v: v <= 500),
    "build_vs_docxtpl": ("≥ 4", lambda v: v >= 4),
    "build_vs_pandoc": ("≥ 10", lambda v: v >= 10),
    "noop_ratio": ("≤ 0.05", lambda v: v <= 0.05),
    "one_form_ratio": ("≤ 0.10", lambda v: v <= 0.10),
    "checklist_vs_check": ("≤ 1.3", lambda v: v <= 1.3),
    "register_vs_check": ("≤ 1.3", lambda v: v <= 1.3),
    "rss_mb_check_1000": ("≤ 120", lambda v: v <= 120),
    "rss_mb_build_1000": ("≤ 120", lambda v: v <= 120),
    "rss_mb_max_1000": ("≤ 120", lambda v: v <= 120),
    "rss_growth": ("≤ +15%", lambda v: v <= 0.15),
    "help_ms": ("≤ 120", lambda v: v <= 120),
    "check_one_file_ms": ("≤ 250", lambda v: v <= 250),
    "import_worst_s": ("≤ 20", lambda v: v <= 20),
    "rss_mb_import_worst": ("≤ 1024", lambda v: v <= 1024),
}


def measure(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MiB, exit code) of one run of ``command``; its CPU seconds go to CPU_SECONDS."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    wall, cpu, peak, code = out.stdout.split()
    CPU_SECONDS.append(float(cpu))
    return float(wall), int(peak) / 1024, int(code)


CPU_SECONDS: list[float] = []


def median_of(repeat: int, command: list[str], before: Callable[[int], None] | None = None) -> float:
    """Median wall seconds of ``repeat`` runs; the median CPU seconds is left in LAST_CPU[0]."""
    samples, cpu = [], []
    for run in range(repeat):
        if before is not None:
            before(run)
        samples.append(measure(command)[0])
        cpu.append(CPU_SECONDS[-1])
    LAST_CPU[0] = statistics.median(cpu)
    return statistics.median(samples)


LAST_CPU = [0.0]


def rendered_count(out: Path, command: list[str]) -> int:
    """Documents a build rendered, from the manifest's count and its "(N unchanged)" note."""
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    total = len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"])
    unchanged = int(text.rsplit("(", 1)[1].split()[0]) if "unchanged)" in text else 0
    return total - unchanged


def edit(path: Path, key: str, run: int) -> None:
    """Change the first ``key`` value in ``path`` (a different text each run)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(key))
    lines[index] = lines[index].rstrip().removesuffix(f" r{run - 1}") + f" r{run}"
    path.write_text("\n".join(lines), encoding="utf-8")


def sample(paths: list[Path], size: int) -> list[Path]:
    step = max(1, len(paths) // size)
    return paths[::step][:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="documents in the corpus (whole copies of the example)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--peer-sample", type=int, default=100, help="documents rendered by each peer")
    parser.add_argument("--rss-docs", default="250,1000,2000", help="corpus sizes for the peak-RSS figures")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    r: dict[str, Any] = {"cores": os.cpu_count(), "load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="proccompile-bench-") as folder:
        tmp = Path(folder)
        corpus = tmp / "corpus"
        docs = r["documents"] = make_corpus(corpus, args.docs)
        first = measure([*PC, "check", "--format", "concise", str(corpus)])
        if first[2] != 0:
            print("the synthetic corpus does not check clean; run proccompile check on it", file=sys.stderr)
            return 2
        print(f"corpus: {docs} documents; {args.repeat} runs per figure", file=sys.stderr)
        repeat = args.repeat
        r["check_s"] = median_of(repeat, [*PC, "check", "--format", "concise", str(corpus)])
        r["check_cpu_s"] = LAST_CPU[0]
        r["bare_parse_s"] = median_of(repeat, [sys.executable, "-c", _BARE, str(corpus)])
        r["bare_parse_cpu_s"] = LAST_CPU[0]
        r["check_ratio"] = r["check_s"] / r["bare_parse_s"]
        r["check_ratio_cpu"] = r["check_cpu_s"] / r["bare_parse_cpu_s"]
        r.update(in_process_check(corpus, repeat))
        # The check's cache lives in PATH/build, which a project has once it was built; the other figures
        # are taken without it.
        check = [*PC, "check", "--format", "concise", str(corpus)]
        (corpus / "build").mkdir()
        measure(check)
        r["check_cached_s"] = median_of(repeat, check)
        r["check_cached_cpu_s"] = LAST_CPU[0]
        r["check_cached_ratio"] = r["check_cached_s"] / r["bare_parse_s"]
        first_form = sorted((corpus / "forms").glob("*.yaml"))[0]
        r["check_incremental_ms"] = 1000 * median_of(repeat, check, lambda run: edit(first_form, "- label:", run + 1))
        r["check_incremental_cpu_ms"] = 1000 * LAST_CPU[0]
        shutil.rmtree(corpus / "build")

        out = tmp / "out"
        build = [*PC, "build", "--format", "concise", "-o", str(out), str(corpus)]
        r["build_s"] = median_of(repeat, build, lambda _: shutil.rmtree(out, ignore_errors=True))
        r["build_cpu_s"] = LAST_CPU[0]
        r["build_jobs"] = os.cpu_count()
        r["build_jobs1_s"] = median_of(1, [*build, "--jobs", "1"], lambda _: shutil.rmtree(out, ignore_errors=True))
        measure(build)
        r["noop_s"] = median_of(repeat, build)
        r["noop_ratio"] = r["noop_s"] / r["build_s"]
        form = sorted((corpus / "forms").glob("*.yaml"))[0]
        procedure = sorted((corpus / "procedures").glob("*.yaml"))[0]
        r["one_form_s"] = median_of(repeat, build, lambda run: edit(form, "- label:", run + 1))
        r["one_form_ratio"] = r["one_form_s"] / r["build_s"]
        edit(form, "- label:", repeat + 1)
        r["one_form_rendered"] = rendered_count(out, build)
        r["one_procedure_s"] = median_of(repeat, build, lambda run: edit(procedure, "- text:", run + 1))
        r["one_procedure_ratio"] = r["one_procedure_s"] / r["build_s"]
        edit(procedure, "- text:", repeat + 1)
        r["one_procedure_rendered"] = rendered_count(out, build)

        for name in ("checklist", "register"):
            r[f"{name}_s"] = median_of(repeat, [*PC, name, "-o", str(tmp / f"{name}.xlsx"), str(corpus)])
            r[f"{name}_vs_check"] = r[f"{name}_s"] / r["check_s"]

        ours_per_doc = r["build_s"] / docs
        peer_paths = sample(sorted([*corpus.glob("procedures/*.yaml"), *corpus.glob("forms/*.yaml")]),
                            args.peer_sample)
        r["peer_sample"] = len(peer_paths)
        if docxtpl_available():
            r["docxtpl_ms_per_doc"] = 1000 * time_docxtpl(peer_paths) / len(peer_paths)
            r["build_vs_docxtpl"] = r["docxtpl_ms_per_doc"] / (1000 * ours_per_doc)
        if pandoc_available():
            r["pandoc_ms_per_doc"] = 1000 * time_pandoc(peer_paths) / len(peer_paths)
            r["build_vs_pandoc"] = r["pandoc_ms_per_doc"] / (1000 * ours_per_doc)

        if CHROMIUM is not None:
            samples = serve_update_ms(corpus, sorted((corpus / "procedures").glob("*.yaml"))[0], max(repeat, 5))
            r["serve_update_ms"] = statistics.median(samples)
            r["serve_update_max_ms"] = max(samples)

        for size in (int(s) for s in args.rss_docs.split(",")):
            project = corpus if abs(size - docs) <= docs // 10 else tmp / f"rss{size}"
            if project != corpus:
                make_corpus(project, size)
            r[f"rss_mb_check_{size}"] = max(measure([*PC, "check", str(project)])[1] for _ in range(1))
            shutil.rmtree(tmp / "rss-out", ignore_errors=True)
            r[f"rss_mb_build_{size}"] = measure([*PC, "build", "-o", str(tmp / "rss-out"), str(project)])[1]
            for name in ("checklist", "register"):
                r[f"rss_mb_{name}_{size}"] = measure([*PC, name, "-o", str(tmp / f"rss-{name}.xlsx"), str(project)])[1]

        r["help_ms"] = 1000 * median_of(max(repeat, 9), [*PC, "--help"])
        r["help_cpu_ms"] = 1000 * LAST_CPU[0]
        one = ROOT / "tests" / "cases" / "base"
        r["check_one_file_ms"] = 1000 * median_of(max(repeat, 9), [*PC, "check", str(one)])
        r["check_one_file_cpu_ms"] = 1000 * LAST_CPU[0]
        r.update(import_figures(tmp, one))
    if "rss_mb_check_1000" in r:
        r["rss_mb_max_1000"] = max(r[f"rss_mb_{name}_1000"] for name in ("check", "build", "checklist", "register"))
    if "rss_mb_check_2000" in r and "rss_mb_check_1000" in r:
        r["rss_growth"] = _growth(r)
    r["load_average_at_end"] = os.getloadavg()[0]
    print(table(r))
    if args.json:
        args.json.write_text(json.dumps(r, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def in_process_check(corpus: Path, repeat: int) -> dict[str, float]:
    """check against the bare parse inside one process: the work alone, without start-up."""
    import yaml

    from proccompile.pipeline import check_project

    files = sorted([corpus / "proccompile.yaml", *corpus.glob("procedures/*.yaml"), *corpus.glob("forms/*.yaml")])

    def bare() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def timed(action: Callable[[], object]) -> float:
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    check_s, bare_s = timed(lambda: check_project(corpus)), timed(bare)
    return {"check_in_process_s": check_s, "bare_parse_in_process_s": bare_s,
            "check_ratio_in_process": check_s / bare_s}


def import_figures(tmp: Path, project: Path) -> dict[str, Any]:
    """Wall time and peak RSS of `import` on each hostile file, and the worst of each."""
    figures: dict[str, Any] = {}
    for name, path in make_hostile(tmp / "hostile").items():
        out = tmp / "hostile" / f"{name}-drafts"
        wall, rss, code = measure([*PC, "import", str(path), "-o", str(out), "-p", str(project)])
        figures[f"import_{name}"] = {"s": wall, "rss_mb": rss, "exit": code}
    figures["import_worst_s"] = max(f["s"] for k, f in figures.items() if k.startswith("import_"))
    figures["rss_mb_import_worst"] = max(f["rss_mb"] for k, f in figures.items() if k.startswith("import_") and
                                         isinstance(f, dict))
    return figures


def _growth(r: dict[str, Any]) -> float:
    return max(r[f"rss_mb_{name}_2000"] / r[f"rss_mb_{name}_1000"] - 1
               for name in ("check", "build", "checklist", "register"))


def table(r: dict[str, Any]) -> str:
    docs = r["documents"]

    def row(figure: str, value: str, key: str | None = None) -> str:
        target, met = "", ""
        if key in TARGETS:
            target = TARGETS[key][0]
            met = "" if key not in r else ("met" if TARGETS[key][1](r[key]) else "**missed**")
        return f"| {figure} | {value} | {target} | {met} |"

    def peer(key: str, ms_key: str, name: str, target_key: str) -> str:
        if ms_key not in r:
            return row(f"{name}, per document", "not installed", target_key)
        return row(f"{name}, per document ({r['peer_sample']} sampled) / ours",
                   f"{r[ms_key]:.1f} ms / {1000 * r['build_s'] / docs:.1f} ms = {r[key]:.1f}×", target_key)

    rss_sizes = sorted({int(k.rsplit("_", 1)[1]) for k in r if k.startswith("rss_mb_check_")})
    lines = [
        f"| figure ({docs} documents, {r['cores']} cores) | measured | target | |",
        "|---|---|---|---|",
        row("`check` / bare `CSafeLoader` parse, whole process, wall",
            f"{r['check_s']:.2f} s / {r['bare_parse_s']:.2f} s = {r['check_ratio']:.2f}×", "check_ratio"),
        row("the same, CPU time",
            f"{r['check_cpu_s']:.2f} s / {r['bare_parse_cpu_s']:.2f} s = {r['check_ratio_cpu']:.2f}×"),
        row("the same, with the check's cache (no file changed)",
            f"{r['check_cached_s']:.2f} s / {r['bare_parse_s']:.2f} s = {r['check_cached_ratio']:.2f}× "
            f"(CPU {r['check_cached_cpu_s']:.2f} s)", "check_cached_ratio"),
        row("`check` after one form changed, whole process (CPU)",
            f"{r['check_incremental_ms']:.0f} ms ({r['check_incremental_cpu_ms']:.0f} ms)", "check_incremental_ms"),
        row("`serve`: save → page reloaded in headless Chromium, median (slowest)",
            f"{r['serve_update_ms']:.0f} ms ({r['serve_update_max_ms']:.0f} ms)" if "serve_update_ms" in r
            else "Chromium not installed", "serve_update_ms"),
        row("the same inside one process (no start-up)",
            f"{r['check_in_process_s']:.2f} s / {r['bare_parse_in_process_s']:.2f} s = "
            f"{r['check_ratio_in_process']:.2f}×"),
        row(f"`build`, fresh output, --jobs {r['build_jobs']}",
            f"{r['build_s']:.2f} s ({1000 * r['build_s'] / docs:.1f} ms/document; CPU {r['build_cpu_s']:.1f} s)"),
        row("`build --jobs 1`", f"{r['build_jobs1_s']:.2f} s"),
        peer("build_vs_docxtpl", "docxtpl_ms_per_doc", "docxtpl", "build_vs_docxtpl"),
        peer("build_vs_pandoc", "pandoc_ms_per_doc", "pandoc (one process each)", "build_vs_pandoc"),
        row("no-op rebuild / full build", f"{r['noop_s']:.2f} s = {r['noop_ratio']:.1%}", "noop_ratio"),
        row(f"one form changed ({r['one_form_rendered']} rendered) / full",
            f"{r['one_form_s']:.2f} s = {r['one_form_ratio']:.1%}", "one_form_ratio"),
        row(f"one procedure changed ({r['one_procedure_rendered']} rendered) / full",
            f"{r['one_procedure_s']:.2f} s = {r['one_procedure_ratio']:.1%}"),
        row("`checklist` (xlsx) / `check`", f"{r['checklist_s']:.2f} s = {r['checklist_vs_check']:.2f}×",
            "checklist_vs_check"),
        row("`register` (xlsx) / `check`", f"{r['register_s']:.2f} s = {r['register_vs_check']:.2f}×",
            "register_vs_check"),
        *(row(f"peak RSS, check / build / checklist / register at {size} documents",
              " / ".join(f"{r[f'rss_mb_{name}_{size}']:.0f}" for name in ("check", "build", "checklist", "register"))
              + " MB", "rss_mb_max_1000" if size == 1000 else None) for size in rss_sizes),
        *([row("peak RSS growth from 1000 to 2000 documents, largest of the four",
               f"{_growth(r):+.0%}", "rss_growth")] if "rss_mb_check_2000" in r else []),
        row("`proccompile --help` (CPU)", f"{r['help_ms']:.0f} ms ({r['help_cpu_ms']:.0f} ms)", "help_ms"),
        row("`check` of a one-procedure project (CPU)",
            f"{r['check_one_file_ms']:.0f} ms ({r['check_one_file_cpu_ms']:.0f} ms)", "check_one_file_ms"),
        row("`import`, slowest hostile file ("
            + ", ".join(f"{k[7:]} {v['s']:.1f} s exit {v['exit']}" for k, v in r.items()
                        if k.startswith("import_") and isinstance(v, dict)) + ")",
            f"{r['import_worst_s']:.1f} s", "import_worst_s"),
        row("`import`, largest peak RSS of those", f"{r['rss_mb_import_worst']:.0f} MB", "rss_mb_import_worst"),
    ]
    lines.append(f"\nLoad average {r['load_average_at_start']:.1f} at start, {r['load_average_at_end']:.1f} at end "
                 "(figures are upper bounds when the machine was busy).")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
