"""`proccompile explain`: what a diagnostic code means and how to fix it."""

from __future__ import annotations

import sys

import click

from proccompile.diagnostics import CODES
from proccompile.diagnostics.docs import explain as explain_text
from proccompile.diagnostics.printable import printable


@click.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Explain diagnostic CODE (e.g. PC303 or unknown-form); list all codes without one."""
    if code is None:
        for item in CODES.values():
            click.echo(f"{item.id}  {item.slug:<32} {item.severity.value:<8} {item.summary}")
        return
    match = next((c for c in CODES.values() if code.upper() == c.id or code == c.slug), None)
    if match is None:
        click.echo(f"proccompile: unknown code `{printable(code)}`; run `proccompile explain` for the list", err=True)
        sys.exit(2)
    click.echo(explain_text(match))
