"""`proccompile new procedure|form CODE`: a valid draft file with the schema modeline, in the house format."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.commands.common import config_failure, path_argument, write_failure
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.diagnostics.usage import UsageError
from proccompile.load.discover import FORM_DIR, PROCEDURE_DIR
from proccompile.load.house_data import modeline, yaml_bytes
from proccompile.model.dates import reference_date
from proccompile.model.patterns import full_match
from proccompile.pipeline import ConfigError, check_project, protected_paths
from proccompile.scaffold.documents import FORM_SCHEMA, PROCEDURE_SCHEMA, file_name, new_form, new_procedure
from proccompile.scaffold.wording import WORDING
from proccompile.write.atomic import lexists, write_atomic
from proccompile.write.guard import refuse_targets

title_option = click.option("--title", default=None, help="Document title (default: a placeholder to replace).")
owner_option = click.option("--owner", metavar="DEPT", default=None,
                            help="Owning department id (default: the first department in the config).")


@click.group(short_help="Create a new procedure or form file with a valid draft to fill in.")
def new() -> None:
    """Create a new procedure or form file with a valid draft to fill in."""


@new.command(short_help="Create procedures/CODE.yaml, a draft procedure that passes check.")
@click.argument("code")
@path_argument
@title_option
@owner_option
def procedure(code: str, path: Path, title: str | None, owner: str | None) -> None:
    """Create procedures/CODE.yaml under PATH, a draft procedure that passes check."""
    _create("procedure", code, path, title, owner)


@new.command(short_help="Create forms/CODE.yaml, a draft record form that passes check.")
@click.argument("code")
@path_argument
@title_option
@owner_option
def form(code: str, path: Path, title: str | None, owner: str | None) -> None:
    """Create forms/CODE.yaml under PATH, a draft record form that passes check."""
    _create("form", code, path, title, owner)


def _create(kind: str, code: str, root: Path, title: str | None, owner: str | None) -> None:
    try:
        checked = check_project(root)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    config, corpus = checked.corpus.config, checked.corpus
    pattern = config.numbering.procedure if kind == "procedure" else config.numbering.form
    matched = full_match(pattern, code)  # the engine check uses: same answer, same time limit
    if matched is None:
        raise UsageError(f"Matching `{code}` against the {kind} numbering pattern `{pattern}` took too long",
                         help="Simplify `numbering` in proccompile.yaml; `check` reports the same codes")
    if not matched:
        raise UsageError(f"`{code}` does not follow the {kind} numbering pattern `{pattern}`",
                         help="Use a code that matches `numbering` in proccompile.yaml")
    existing = corpus.procedure(code) or corpus.form(code)
    target = root / (PROCEDURE_DIR if kind == "procedure" else FORM_DIR) / file_name(code)
    if existing is not None or corpus.is_broken(code) or lexists(target):
        where = existing.source.rel if existing is not None else target.relative_to(root).as_posix()
        raise UsageError(f"`{code}` already exists ({where})",
                         help="Never reuse a code; take the next free number")
    if owner is not None and config.department(owner) is None:
        suggestion = did_you_mean(owner, [d.id for d in config.departments])
        raise UsageError(f"Department `{owner}` is not defined in proccompile.yaml",
                         help=suggestion or "Give a department id from proccompile.yaml")
    words = WORDING[config.language]
    if kind == "procedure":
        # SOURCE_DATE_EPOCH when set (a reproducible run), else today: the draft's history starts when it is written.
        today = reference_date(None, clock=True)
        assert today is not None
        data = new_procedure(code, config, words, today, title=title, owner=owner)
        schema = PROCEDURE_SCHEMA
    else:
        data, schema = new_form(code, config, words, title=title, owner=owner), FORM_SCHEMA
    if not target.parent.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"`{target.parent}` links outside the project folder; refusing to write into it")
    # A new source: it may go into its own folder, never over anything (a link or a device included).
    refuse_targets([target], protected_paths(root).without(target.parent), new=True)
    try:
        write_atomic(target, yaml_bytes(data, comment=modeline(schema)))
    except OSError as error:
        write_failure(error)
    click.echo(f"wrote {target}")
    if kind == "form":
        click.echo(f"Next: list `{code}` under the `records` of the step that fills it in, and in the "
                   "procedure's records table")
