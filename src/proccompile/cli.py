"""Command-line entry point: the click group and the crash guard; commands live in commands/."""

from __future__ import annotations

import importlib
import sys
import tempfile
import traceback

import click

from proccompile import __version__
from proccompile.diagnostics.usage import UsageError

# Each command's module is imported only when that command runs, so `--help` costs no pydantic, ruamel
# or python-docx. The summaries are the first lines of the commands' docstrings (a test keeps them equal).
COMMANDS = {
    "build": "Build controlled .docx files for every procedure and form under PATH.",
    "check": "Check every procedure and form under PATH (default: the current directory).",
    "checklist": "Derive an internal-audit checklist from the procedures under PATH.",
    "explain": "Explain diagnostic CODE (e.g. PC303 or unknown-form); list all codes without one.",
    "register": "Write the registers of the project under PATH.",
    "schema": "Write procedure, form and config JSON Schemas (draft-07) for yaml-language-server.",
    "where": "List every procedure, step and file:line under PATH that references CODE.",
}


class _Group(click.Group):
    """The command group; the one place where a UsageError from any stage becomes a message and an exit code.

    Commands are loaded by name from ``proccompile.commands``, on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = getattr(importlib.import_module(f"proccompile.commands.{cmd_name}"), cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        # A bare Command shortens the summary exactly as the real one would, without importing it.
        rows = [(name, click.Command(name, help=COMMANDS[name]).get_short_help_str(limit)) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            click.echo(f"proccompile: {error.message}" + (f"\nhelp: {error.help}" if error.help else ""), err=True)
            ctx.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="proccompile")
def cli() -> None:
    """Check and compile controlled procedures and record forms kept as YAML."""



def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception:  # noqa: BLE001 - last line of defence: no traceback for users
        with tempfile.NamedTemporaryFile("w", prefix="proccompile-crash-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        click.echo(
            f"proccompile: internal error; this is a bug. The traceback is in {f.name}; "
            "please report it with the input that caused it.",
            err=True,
        )
        sys.exit(2)
