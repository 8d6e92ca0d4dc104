"""`proccompile lock`: adopt an existing corpus by recording the content of every released version."""

from __future__ import annotations

from pathlib import Path

import click

from proccompile.commands.common import config_failure, path_argument, write_failure
from proccompile.commands.lifecycle_output import refuse_or_report
from proccompile.pipeline import ConfigError
from proccompile.pipeline.lifecycle import lock_project


@click.command()
@path_argument
def lock(path: Path) -> None:
    """Record every released version under PATH in proccompile.lock.

    Versions already locked are never changed: a released document whose content differs from its
    locked fingerprint must get a new version (`proccompile release`).
    """
    try:
        result = lock_project(path)
    except ConfigError as error:
        config_failure(error, "concise")
        return
    except OSError as error:
        write_failure(error)
    refuse_or_report(result, path)
    click.echo(f"locked {len(result.adopted)} new version{'s' * (len(result.adopted) != 1)}")
