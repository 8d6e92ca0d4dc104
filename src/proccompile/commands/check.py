"""`proccompile check`: validate the whole corpus and report every finding, or those of the files named."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from proccompile.commands.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_failure,
    format_option,
    print_findings,
    project_root,
    resolve_format,
    strict_option,
    today_option,
)
from proccompile.diagnostics import Diagnostics, Report
from proccompile.diagnostics.usage import UsageError
from proccompile.model.dates import reference_date
from proccompile.pipeline import CheckSummary, ConfigError, check_cached, check_project


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH | FILE…]")
@format_option
@strict_option
@today_option
@click.option("--no-cache", is_flag=True, help="Check every file again, without reading or writing the cache in "
                                               "PATH/build/.proccompile.")
def check(paths: tuple[Path, ...], fmt: str | None, strict: bool, today: dt.date | None, no_cache: bool) -> None:
    """Check every document under PATH (default: the current directory).

    PATH may be the project folder or any folder inside it. Given files (documents of any type, or
    proccompile.yaml), the whole project is checked, since a reference is judged against every
    document, and the findings in those files are reported. Review dates are judged at --today, else
    SOURCE_DATE_EPOCH, else the local date. Results of unchanged files are kept in PATH/build/.proccompile
    when PATH has a build folder (safe to delete; see docs/architecture.md).
    """
    fmt = resolve_format(fmt)
    root, named = _targets(paths)
    try:
        when = reference_date(today, clock=True)
        result: CheckSummary = check_project(root, when, models=False) if no_cache else check_cached(root, when)
    except ConfigError as error:
        config_failure(error, fmt)
        return
    bag, checked = result.diagnostics, result.paths
    if named is not None:
        strangers = [name for name in named if name not in checked]
        if strangers:
            _usage(f"`{strangers[0]}` is not a document or the config of the project")
        bag, checked = _only(bag, named), named
    print_findings(Report(bag, checked, strict), fmt)
    sys.exit(EXIT_FINDINGS if bag.fails(strict=strict) else EXIT_CLEAN)


def _targets(paths: tuple[Path, ...]) -> tuple[Path, tuple[str, ...] | None]:
    """The project to check, and the project-relative names of the files named (None: report everything)."""
    if not paths:
        return project_root(Path(".")), None
    folders = [p for p in paths if p.is_dir()]
    if folders:
        if len(paths) > 1:
            _usage("give one project folder, or files; not both")
        return project_root(folders[0]), None
    roots = {project_root(p.parent if str(p.parent) else Path(".")) for p in paths}
    bases = {os.path.realpath(r) for r in roots}
    if len(bases) > 1:
        _usage("the files named belong to different projects; check each project on its own")
    root = roots.pop()
    base = os.path.abspath(root)
    named = []
    for path in paths:
        if not path.is_file():
            _usage(f"`{path}` is not a file or folder")
        rel = os.path.relpath(os.path.abspath(path), base)
        if rel.startswith(os.pardir):
            _usage(f"`{path}` is not inside the project {root}")
        named.append(Path(rel).as_posix())
    return root, tuple(dict.fromkeys(named))


def _only(bag: Diagnostics, named: tuple[str, ...]) -> Diagnostics:
    kept = Diagnostics()
    for finding in bag:
        if finding.span.path in named:
            kept.restore(finding)
    return kept


def _usage(message: str) -> NoReturn:
    raise UsageError(message)
