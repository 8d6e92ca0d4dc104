"""The diagnostics reference (docs/diagnostics.md) and `explain` text, generated from the code registry."""

from __future__ import annotations

from proccompile.diagnostics.codes import CODES, Code

_RANGES = (
    ("PC0", "Project configuration (exit 2)"),
    ("PC1", "Loading YAML"),
    ("PC2", "Document model"),
    ("PC3", "References across the corpus"),
    ("PC4", "Document control"),
    ("PC5", "Rendering"),
)


def explain(code: Code) -> str:
    lines = [f"{code.id} ({code.slug}) — default severity: {code.severity.value}", "", code.summary + ".", "",
             f"Why: {code.why}"]
    if code.help:
        lines += ["", f"Fix: {code.help}."]
    return "\n".join(lines)


def reference_markdown() -> str:
    out = [
        "# Diagnostics reference",
        "",
        "Generated from `src/proccompile/diagnostics/codes.py`; `pytest --update-golden` rewrites it.",
        "Every code has a case under `tests/cases/invalid/<CODE>-<slug>/` with its exact expected output.",
        "Severities can be changed per project under `severity:` in `proccompile.yaml`",
        "(`error`, `warning` or `ignore`); `--strict` makes warnings fail the run. Findings of severity",
        "`info` (an open revision) are reported for information and never fail a run.",
        "",
    ]
    for prefix, title in _RANGES:
        codes = [c for c in CODES.values() if c.id.startswith(prefix)]
        if not codes:
            continue
        out += [f"## {title}", "", "| Code | Slug | Severity | Meaning |", "|---|---|---|---|"]
        out += [f"| [{c.id}](#{c.id.lower()}) | `{c.slug}` | {c.severity.value} | {c.summary} |" for c in codes]
        out.append("")
        for c in codes:
            out += [f"### {c.id}", "", f"**{c.slug}** — {c.summary}.", "", f"*Why it matters:* {c.why}", ""]
            if c.help:
                out += [f"*Fix:* {c.help}.", ""]
    return "\n".join(out)
