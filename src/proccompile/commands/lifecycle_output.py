"""Printing shared by the change-control commands: refusals, findings, files written, what was left to do."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from proccompile.commands.common import EXIT_FINDINGS, config_failure, write_failure
from proccompile.diagnostics import Diagnostics, Report, Severity
from proccompile.diagnostics.emitters import emit
from proccompile.diagnostics.usage import UsageError
from proccompile.model.dates import reference_date
from proccompile.pipeline import ConfigError
from proccompile.pipeline.lifecycle import LifecycleResult, LogTarget
from proccompile.views.tables import FORMATS

date_option = click.option(
    "--date", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    callback=lambda _ctx, _param, value: value.date() if value else None,
    help="Date to record (default: SOURCE_DATE_EPOCH; the clock is never read, so runs are reproducible).",
)
recall_log_option = click.option(
    "--recall-log", default=None, metavar="FILE",
    help="Also write the distribution and recall log (文件发放/回收记录) to FILE (.xlsx, .docx, .csv or .md), "
         "with columns to sign; written with the edit or not at all.")


def record_date(given: dt.date | None) -> dt.date:
    """The date written into the documents: --date, else SOURCE_DATE_EPOCH; never the clock."""
    when = reference_date(given, clock=False)
    if when is None:
        raise UsageError("No date to record", help="Give --date YYYY-MM-DD (or set SOURCE_DATE_EPOCH)")
    return when


def required_text(value: str, option: str, what: str) -> str:
    if not value.strip():
        raise click.BadParameter(f"say {what}; it is printed in the revision history", param_hint=option)
    return value


def log_target(recall_log: str | None) -> LogTarget | None:
    if recall_log is None:
        return None
    fmt = Path(recall_log).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise click.BadParameter(f"give a .xlsx, .docx, .csv or .md file, not {recall_log}", param_hint="--recall-log")
    return LogTarget(Path(recall_log), fmt)


def run_edit(action: Callable[[], LifecycleResult], root: Path, fmt: str = "concise") -> LifecycleResult:
    """Run a change-control action and report it: a broken config or a refused write ends the command
    (exit 2), errors in the project, a refused release or errors in the edit exit 1, otherwise the files
    written are listed."""
    try:
        result = action()
    except ConfigError as error:
        config_failure(error, "concise")
    except OSError as error:
        write_failure(error)
    refuse_or_report(result, root, fmt)
    return result


def refuse_or_report(result: LifecycleResult, root: Path, fmt: str = "concise") -> None:
    """Exit 1 with the findings when the project, the release gate or the project as the edit would leave it
    has errors; otherwise print the files written and deleted."""
    recovered = result.recovered
    if recovered is not None:
        done = [f"wrote {_shown(p, root)}" for p in recovered.written]
        done += [f"deleted {_shown(p, root)}" for p in recovered.deleted]
        click.echo("proccompile: finished an edit that an earlier run left half done"
                   + (": " + ", ".join(done) if done else ""), err=True)
    before = result.check.diagnostics
    if result.after is None and result.refusals is None and before.has_errors:
        _refuse(before, result.check.paths, "nothing was changed; fix the errors above first", fmt)
    if result.refusals is not None:
        edited = sorted({d.span.path for d in result.refusals} & {_shown(p, root) for p in result.edited})
        note = "" if result.after is None or not edited else (
            f" (lines in {', '.join(edited)} are those of the file as the release would write it)")
        _refuse(result.refusals, result.check.paths, f"nothing was changed; the release was refused for the "
                                                     f"reasons above{note}", fmt)
    after = result.after
    if after is not None and after.diagnostics.has_errors:
        edited = sorted({d.span.path for d in after.diagnostics if d.severity is Severity.ERROR}
                        & {_shown(p, root) for p in result.edited})
        note = "" if not edited else (f" (lines in {', '.join(edited)} are those of the file as the edit would "
                                      "write it)")
        _refuse(after.diagnostics, after.paths, f"nothing was changed; the edit would leave the errors above{note}",
                fmt)
    for path in result.written:
        click.echo(f"wrote {_shown(path, root)}")
    for path in result.deleted:
        click.echo(f"deleted {_shown(path, root)}")


def report_introduced(result: LifecycleResult) -> None:
    """Warnings the edit brought, and notes, after the summary line."""
    for d in result.introduced:
        click.echo(f"warning: {d.message} ({d.span.path}:{d.span.line}, {d.code.id})")
    for note in result.notes:
        click.echo(f"warning: {note}")


def _refuse(bag: Diagnostics, paths: tuple[str, ...], reason: str, fmt: str) -> None:
    # Only what stops the command: `check` lists the warnings.
    errors = Diagnostics()
    for d in bag:
        if d.severity is Severity.ERROR:
            errors.restore(d)
    click.echo(emit(fmt, Report(errors, paths)))
    click.echo(f"proccompile: {reason}", err=True)
    sys.exit(EXIT_FINDINGS)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
