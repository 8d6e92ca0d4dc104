"""The output formats: one emitter module per format, registered here by name."""

from __future__ import annotations

from typing import Protocol

from proccompile.diagnostics.emitters import concise, full, github, gitlab, json_report, junit, sarif
from proccompile.diagnostics.model import Report


class Emitter(Protocol):
    def __call__(self, report: Report, *, color: bool = False) -> str: ...


# The order is the order `--format` lists its choices in.
EMITTERS: dict[str, Emitter] = {
    "full": full.emit,
    "concise": concise.emit,
    "json": json_report.emit,
    "github": github.emit,
    "gitlab": gitlab.emit,
    "sarif": sarif.emit,
    "junit": junit.emit,
}

FORMATS: tuple[str, ...] = tuple(EMITTERS)


def emit(fmt: str, report: Report, *, color: bool = False) -> str:
    """The report in format ``fmt``; ``color`` adds terminal colours where the format has any."""
    try:
        emitter = EMITTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return emitter(report, color=color)


__all__ = ["EMITTERS", "FORMATS", "Emitter", "Report", "emit"]
