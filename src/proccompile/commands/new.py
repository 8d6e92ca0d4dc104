"""`proccompile new procedure|form|manual|instruction CODE`: a valid draft file with the schema modeline, in the house
format."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.commands.common import config_failure, path_argument, write_failure
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.diagnostics.usage import UsageError
from proccompile.load.house_data import modeline, yaml_bytes
from proccompile.model.dates import reference_date
from proccompile.model.patterns import full_match
from proccompile.pipeline import ConfigError, check_project, protected_paths
from proccompile.scaffold.documents import (
    file_name,
    new_form,
    new_instruction,
    new_manual,
    new_of_type,
    new_procedure,
    schema_of,
)
from proccompile.scaffold.wording import WORDING
from proccompile.write.atomic import lexists, write_atomic
from proccompile.write.guard import refuse_targets

title_option = click.option("--title", default=None, help="Document title (default: a placeholder to replace).")
owner_option = click.option("--owner", metavar="DEPT", default=None,
                            help="Owning department id (default: the first department in the config).")


class _Types(click.Group):
    """The built-in types as subcommands, and any other name as a type the project defines (`new specification
    CODE`), judged against the project's config when the command runs."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name) or _project_type(cmd_name)


def _project_type(type_id: str) -> click.Command:
    @click.command(name=type_id)
    @click.argument("code")
    @path_argument
    @title_option
    @owner_option
    def command(code: str, path: Path, title: str | None, owner: str | None) -> None:
        _create(type_id, code, path, title, owner)

    command.help = f"Create a draft `{type_id}` (a type the project defines) in its type's folder."
    return command


@click.group(cls=_Types, short_help="Create a new document file (procedure, form, manual, instruction) with a valid "
                                    "draft.")
def new() -> None:
    """Create a new document file (procedure, form, manual, instruction) with a valid draft.

    `new TYPE CODE` makes a draft of a type the project defines under `document_types`, from its chapters.
    """


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


@new.command(short_help="Create manuals/CODE.yaml, a draft quality manual that passes check.")
@click.argument("code")
@path_argument
@title_option
@owner_option
def manual(code: str, path: Path, title: str | None, owner: str | None) -> None:
    """Create manuals/CODE.yaml under PATH (the type's folder), a draft quality manual that passes check."""
    _create("manual", code, path, title, owner)


@new.command(short_help="Create instructions/CODE.yaml, a draft work instruction that passes check.")
@click.argument("code")
@path_argument
@title_option
@owner_option
def instruction(code: str, path: Path, title: str | None, owner: str | None) -> None:
    """Create instructions/CODE.yaml under PATH (the type's folder), a draft work instruction that passes check."""
    _create("instruction", code, path, title, owner)


def _create(kind: str, code: str, root: Path, title: str | None, owner: str | None) -> None:
    try:
        checked = check_project(root)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    config, corpus = checked.corpus.config, checked.corpus
    doctype = next((t for t in corpus.types if t.id == kind), None)
    if doctype is None:  # manuals and instructions are types a project enables; other types it defines
        suggestion = did_you_mean(kind, [t.id for t in corpus.types])
        raise UsageError(f"The project has no document type `{kind}`",
                         help=suggestion if suggestion and kind not in ("manual", "instruction") else
                         f"Add `- {{id: {kind}, pattern: …}}` under `document_types` in proccompile.yaml")
    pattern = doctype.pattern
    matched = full_match(pattern, code)  # the engine check uses: same answer, same time limit
    if matched is None:
        raise UsageError(f"Matching `{code}` against the {kind} numbering pattern `{pattern}` took too long",
                         help=f"Simplify `{doctype.pattern_key}` in proccompile.yaml; `check` reports the same codes")
    if not matched:
        raise UsageError(f"`{code}` does not follow the {kind} numbering pattern `{pattern}`",
                         help=f"Use a code that matches `{doctype.pattern_key}` in proccompile.yaml")
    existing = corpus.document(code)
    target = root / doctype.folder / file_name(code)
    if existing is not None or corpus.is_broken(code) or lexists(target):
        where = existing.source.rel if existing is not None else target.relative_to(root).as_posix()
        raise UsageError(f"`{code}` already exists ({where})",
                         help="Never reuse a code; take the next free number")
    if owner is not None and config.department(owner) is None:
        suggestion = did_you_mean(owner, [d.id for d in config.departments])
        raise UsageError(f"Department `{owner}` is not defined in proccompile.yaml",
                         help=suggestion or "Give a department id from proccompile.yaml")
    words = WORDING[config.language]
    # SOURCE_DATE_EPOCH when set (a reproducible run), else today: the draft's history starts when it is written.
    today = reference_date(None, clock=True)
    assert today is not None
    if kind == "form":
        data = new_form(code, config, words, title=title, owner=owner)
    elif kind in ("procedure", "manual", "instruction"):
        make = {"procedure": new_procedure, "manual": new_manual, "instruction": new_instruction}[kind]
        data = make(code, config, words, today, title=title, owner=owner)
    else:
        data = new_of_type(code, config, words, today, doctype.chapters, title=title, owner=owner)
    schema = schema_of(kind, doctype.folder)
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
