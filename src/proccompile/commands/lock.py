"""`proccompile lock`: adopt an existing corpus by recording the content of every released version."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.commands.common import path_argument
from proccompile.commands.lifecycle_output import run_edit
from proccompile.pipeline.lifecycle import lock_project


@click.command()
@path_argument
def lock(path: Path) -> None:
    """Record every released version under PATH in proccompile.lock.

    Versions already locked are never changed: a released document whose content differs from its
    locked fingerprint must get a new version (`proccompile release`).
    """
    result = run_edit(lambda: lock_project(path), path)
    click.echo(f"locked {len(result.adopted)} new version{'s' * (len(result.adopted) != 1)}")
