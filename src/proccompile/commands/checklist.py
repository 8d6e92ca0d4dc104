"""`proccompile checklist`: internal-audit checklist, clause coverage, audit plan and turtles from the procedures."""

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
from proccompile.model.config import Auditor
from proccompile.pipeline import ConfigError
from proccompile.pipeline.audit import checklist_project
from proccompile.views.tables import FORMATS, VIEWS


def _auditor(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[Auditor] | None:
    from pydantic import ValidationError

    auditors: list[Auditor] = []
    for value in values:
        name, sep, dept = value.rpartition(":")
        name, dept = name.strip(), dept.strip()
        if not sep or not name or not dept:
            raise click.BadParameter(f"`{value}` is not NAME:DEPARTMENT, e.g. 张三:quality")
        try:
            auditor = Auditor(name=name, department=dept)
        except ValidationError as error:
            problem = error.errors()[0]
            if problem["loc"] and problem["loc"][0] == "department":
                raise click.BadParameter(f"`{_shown(dept)}` is not a department id: lower-case letters, digits, "
                                         "`-` and `_`, starting with a letter, e.g. quality") from None
            raise click.BadParameter(f"auditor name `{_shown(name)}` {problem['msg']}") from None
        if any(a.name == auditor.name for a in auditors):
            # Plans and the checklist's auditor column name people; two with one name cannot be told apart.
            raise click.BadParameter(f"auditor `{_shown(auditor.name)}` is given twice; give each auditor once, "
                                     "with their own department")
        auditors.append(auditor)
    return auditors or None


def _shown(text: str) -> str:
    """``text`` for an error message; escaped when it holds control characters."""
    return text if text.isprintable() else ascii(text)[1:-1]


@click.command()
@path_argument
@click.option("--by", "view", type=click.Choice(VIEWS), default="procedure", show_default=True,
              help="Order and group the items by procedure, auditee department or first ISO 9001 clause.")
@click.option("--procedure", "procedures", multiple=True, metavar="CODE",
              help="Only this procedure (repeatable; default: the audit's procedures from the programme, else every "
                   "released procedure).")
@click.option("--audit", "audit", metavar="N|YYYY-MM",
              help="The programme's audit to plan: its number (1, 2 …) or month (2025-05). Default: the audit in "
                   "the month of audit.plan.start.")
@click.option("--include-drafts", is_flag=True, help="Let --procedure name a draft (audited as not yet in force).")
@click.option("--include-obsolete", is_flag=True,
              help="Let --procedure name an obsolete procedure (audited for its withdrawal and its records).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True)
@output_option("checklist")
@click.option("--coverage", is_flag=True, help="Write only the ISO 9001:2015 clause coverage matrix and its gaps.")
@click.option("--auditor", "auditors", multiple=True, metavar="NAME:DEPT", callback=_auditor,
              help="An auditor and their own department (repeatable; replaces `audit.auditors` of the config).")
def checklist(path: Path, view: str, procedures: tuple[str, ...], audit: str | None, include_drafts: bool,
              include_obsolete: bool, fmt: str, output: str | None, coverage: bool,
              auditors: list[Auditor] | None) -> None:
    """Derive an internal-audit checklist from the procedures under PATH.

    One item per auditable requirement (a step with its time limit, a KPI, a record's keeper, a duty no
    step states, the master copy's approval, the current version at each point of use), at most
    `audit.items_per_procedure` per procedure by risk with the others rotating through the programme cycle
    (and listed as not covered), each with the clauses it cites, the procedure section as criteria, the
    method and what to sample; with the audit plan, annual programme, turtles, clause coverage and the
    audit cycle's records (report, NC report, NC log, attendance).
    """
    target = resolve_output(path, output, "coverage" if coverage else "checklist", fmt)
    try:
        from proccompile.audit.books import Request

        request = Request(view=view, codes=procedures, auditors=auditors, coverage_only=coverage, audit=audit,
                          include_drafts=include_drafts, include_obsolete=include_obsolete)
        result = checklist_project(path, target, fmt, request)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    except OSError as error:
        write_failure(error)
    report_audit(result, printed=target is None)
