"""Printing shared by the lifecycle commands (release, lock, review, retire): refusals, findings, files written."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from proccompile.commands.common import EXIT_FINDINGS, config_failure, write_failure
from proccompile.diagnostics import Report
from proccompile.diagnostics.emitters import emit
from proccompile.diagnostics.usage import UsageError
from proccompile.model.dates import reference_date
from proccompile.pipeline import ConfigError
from proccompile.pipeline.lifecycle import LifecycleResult

date_option = click.option(
    "--date", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="Date to record (default: SOURCE_DATE_EPOCH; the clock is never read, so runs are reproducible).",
)


def record_date(given: dt.date | None) -> dt.date:
    """The date written into the documents: --date, else SOURCE_DATE_EPOCH; never the clock."""
    when = reference_date(given, clock=False)
    if when is None:
        raise UsageError("No date to record", help="Give --date YYYY-MM-DD (or set SOURCE_DATE_EPOCH)")
    return when


def run_edit(action: Callable[[], LifecycleResult], root: Path) -> LifecycleResult:
    """Run a change-control action and report it: a broken config or a refused write ends the command
    (exit 2), errors in the project or in the edit exit 1, otherwise the files written are listed."""
    try:
        result = action()
    except ConfigError as error:
        config_failure(error, "concise")
    except OSError as error:
        write_failure(error)
    refuse_or_report(result, root)
    return result


def refuse_or_report(result: LifecycleResult, root: Path) -> None:
    """Exit 1 with the findings when the project (or the project as the edit would leave it) has errors;
    otherwise print the files written."""
    before = result.check.diagnostics
    if result.after is None and before.has_errors:
        click.echo(emit("concise", Report(before, result.check.paths)))
        click.echo("proccompile: nothing was changed; fix the errors above first", err=True)
        sys.exit(EXIT_FINDINGS)
    after = result.after
    if after is not None and after.diagnostics.has_errors:
        click.echo(emit("concise", Report(after.diagnostics, after.paths)))
        click.echo("proccompile: nothing was changed; the edit would leave the errors above", err=True)
        sys.exit(EXIT_FINDINGS)
    for path in result.written:
        click.echo(f"wrote {_shown(path, root)}")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
