"""`proccompile schema`: write JSON Schemas so editors complete and flag fields."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.commands.common import write_failure
from proccompile.load.discover import CONFIG_NAME
from proccompile.model.schema import all_schemas, project_schemas
from proccompile.pipeline import ConfigError, load_config, protected_paths
from proccompile.write.atomic import lexists, write_atomic
from proccompile.write.guard import NOTHING, refuse_targets


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder to write the schemas into.")
def schema(output: Path) -> None:
    """Write the JSON Schemas (draft-07) of the config and of every document type for yaml-language-server.

    The built-in types (manual, procedure, instruction, form) always; run in a project folder, also each
    type its config defines (specification.schema.json …).
    """
    schemas = all_schemas()
    here = Path(".")
    if lexists(here / CONFIG_NAME):
        try:  # run in a project folder: the types it defines get their schemas too
            schemas = {**project_schemas(load_config(here)[0]), **schemas}  # never in place of a built-in one
        except ConfigError:  # the config's own schema is what helps to mend it: write the built-in ones
            click.echo("proccompile: proccompile.yaml is not valid (see `proccompile check`); the document types "
                       "it defines get no schema", err=True)
    files = {output / name: text.encode("utf-8") for name, text in schemas.items()}
    # Run from a project folder, the schemas must not replace its sources, templates or attachments.
    refuse_targets(files, protected_paths(here) if lexists(here / CONFIG_NAME) else NOTHING)
    try:
        for target, data in files.items():
            write_atomic(target, data)
            click.echo(f"wrote {target}")
    except OSError as error:
        write_failure(error)
