"""`proccompile serve`: the site on this machine, checked and reloaded in the browser after every save."""

from __future__ import annotations

import errno
import sys
import time
from pathlib import Path

import click

from proccompile.commands.common import EXIT_CLEAN, config_failure, path_argument, print_findings
from proccompile.diagnostics import Report
from proccompile.diagnostics.usage import UsageError
from proccompile.model.dates import reference_date
from proccompile.pipeline import ConfigError
from proccompile.pipeline.live import LiveProject, Shown
from proccompile.serve import LiveServer, serve_project


@click.command()
@path_argument
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default is this machine only; another address lets anyone who can "
                   "reach it read the documents.")
def serve(path: Path, port: int, host: str) -> None:
    """Serve the site of the project under PATH and rebuild it on every save, with live reload.

    Opens nothing and writes nothing: open the address it prints. Each save checks the project again
    (only the files that changed are read anew) and reloads the open page. Findings show on the page
    of the document they concern and in a panel with file:line:col, and are printed here as `check`
    prints them. While the project has errors the last good pages stay on show. Ctrl-C stops it.
    """
    live = LiveProject(path, lambda: reference_date(None, clock=True))

    def ready(server: LiveServer) -> None:
        click.echo(f"Serving {path.resolve()} at {server.url} (Ctrl-C to stop)")

    try:
        serve_project(live, host, port, ready=ready, refreshed=_report)
    except ConfigError as error:  # only before the first start: later config errors are findings on the pages
        config_failure(error, "concise")
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {host} is in use",
                             help="Give another with --port (0 picks a free one)") from None
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    click.echo("Stopped.")
    sys.exit(EXIT_CLEAN)


def _report(shown: Shown) -> None:
    bag = shown.check.diagnostics
    click.echo(f"{time.strftime('%H:%M:%S')} checked (state {shown.generation})")
    print_findings(Report(bag, shown.check.paths), "concise")
    if not shown.current and shown.site is not None:
        click.echo("The pages show the last version without errors.", err=True)
