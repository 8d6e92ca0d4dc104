"""`proccompile retire`: withdraw a document, keeping it and its history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proccompile.commands.common import path_argument
from proccompile.commands.lifecycle_output import (
    date_option,
    log_target,
    recall_log_option,
    record_date,
    report_introduced,
    required_text,
    run_edit,
)
from proccompile.model.display import department_name
from proccompile.pipeline.lifecycle import retire_project


@click.command()
@click.argument("code")
@path_argument
@click.option("--reason", required=True, help="Why it is withdrawn.")
@click.option("--replaced-by", default=None, metavar="CODE", help="The document that replaces it.")
@date_option
@recall_log_option
def retire(code: str, path: Path, reason: str, replaced_by: str | None, date: dt.date | None,
           recall_log: str | None) -> None:
    """Mark CODE obsolete with a withdrawal date, reason and replacement; the file and its history stay.

    Refused (exit 1) while a released document still references CODE: the findings name each place,
    and `proccompile where CODE` lists them. Release those documents without the reference first.
    Warns about what the withdrawal leaves: a replacement that is not in force, forms no document in
    force uses any more, ISO clauses no released procedure cites.
    """
    required_text(reason, "--reason", "why it is withdrawn")
    log = log_target(recall_log)
    when = record_date(date)
    result = run_edit(lambda: retire_project(path, code, reason, when, replaced_by, log), path)
    click.echo(f"withdrew {code} on {when}; keep the file for its history")
    corpus = result.check.corpus
    doc = corpus.document(code)
    if doc is not None:
        for copy in doc.model.distribution:
            click.echo(f"recall: {code} {doc.model.version} copy {copy.number} from "
                       f"{department_name(corpus, copy.department)}")
    report_introduced(result)
