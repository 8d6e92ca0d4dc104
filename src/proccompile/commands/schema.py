"""`proccompile schema`: write JSON Schemas so editors complete and flag fields."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.model.schema import all_schemas
from proccompile.write.atomic import write_atomic


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder to write the schemas into.")
def schema(output: Path) -> None:
    """Write procedure, form and config JSON Schemas (draft-07) for yaml-language-server."""
    for name, text in all_schemas().items():
        write_atomic(output / name, text.encode("utf-8"))
        click.echo(f"wrote {output / name}")
