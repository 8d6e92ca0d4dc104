"""`proccompile register`: master list of controlled documents, records register and responsibility matrix."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.commands.common import (
    config_failure,
    output_option,
    path_argument,
    report_audit,
    resolve_output,
    write_failure,
)
from proccompile.pipeline import ConfigError, register_project
from proccompile.views.tables import FORMATS


@click.command()
@path_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True)
@output_option("registers")
def register(path: Path, fmt: str, output: str | None) -> None:
    """Write the registers of the project under PATH.

    Master list of controlled documents (with the next review date from `review_interval`), records
    register, responsibility matrix (departments × procedures), quality functions table (clauses ×
    departments) and external documents. csv writes one file per register: registers.csv (the master
    list), and beside it registers.records.csv, registers.responsibilities.csv,
    registers.functions.csv and registers.external.csv.
    """
    target = resolve_output(path, output, "registers", fmt)
    try:
        result = register_project(path, target, fmt)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    except OSError as error:
        write_failure(error)
    report_audit(result, printed=target is None)
