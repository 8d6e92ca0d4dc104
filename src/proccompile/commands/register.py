"""`proccompile register`: master list of controlled documents, records register and responsibility matrix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import (
    config_failure,
    output_option,
    path_argument,
    report_audit,
    resolve_output,
    today_option,
    write_failure,
)
from proccompile.model.dates import reference_date
from proccompile.pipeline import ConfigError
from proccompile.pipeline.audit import register_project
from proccompile.views.tables import FORMATS


@click.command()
@path_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True)
@output_option("registers")
@today_option
def register(path: Path, fmt: str, output: str | None, today: dt.date | None) -> None:
    """Write the registers of the project under PATH.

    Master list of controlled documents (last and next review, overdue flag, distribution), records
    register, responsibility matrix (departments × procedures), quality functions table (clauses ×
    departments), external documents, and the distribution and recall log (文件发放/回收记录) when
    documents list controlled copies. Overdue rows are flagged at --today or SOURCE_DATE_EPOCH; the clock
    is never read, so the file is reproducible. csv writes one file per register: registers.csv (the
    master list), and beside it registers.records.csv, registers.responsibilities.csv,
    registers.functions.csv and registers.external.csv.
    """
    target = resolve_output(path, output, "registers", fmt)
    try:
        result = register_project(path, target, fmt, reference_date(today, clock=False))
    except ConfigError as error:
        config_failure(error, "concise")
        return
    except OSError as error:
        write_failure(error)
    report_audit(result, printed=target is None)
