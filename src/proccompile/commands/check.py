"""`proccompile check`: validate the whole corpus and report every finding."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from proccompile.commands.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_failure,
    format_option,
    path_argument,
    print_findings,
    resolve_format,
    strict_option,
    today_option,
)
from proccompile.diagnostics import Report
from proccompile.model.dates import reference_date
from proccompile.pipeline import ConfigError, check_project


@click.command()
@path_argument
@format_option
@strict_option
@today_option
def check(path: Path, fmt: str | None, strict: bool, today: dt.date | None) -> None:
    """Check every document under PATH (default: the current directory).

    Review dates are judged at --today, else SOURCE_DATE_EPOCH, else the local date.
    """
    fmt = resolve_format(fmt)
    try:
        result = check_project(path, reference_date(today, clock=True))
    except ConfigError as error:
        config_failure(error, fmt)
        return
    print_findings(Report(result.diagnostics, result.paths, strict), fmt)
    sys.exit(EXIT_FINDINGS if result.diagnostics.fails(strict=strict) else EXIT_CLEAN)
