"""Command-line entry point: the click group and the crash guard; commands live in commands/."""

from __future__ import annotations

import inspect
import re
import sys
import tempfile
import traceback

import click

from proccompile import __version__
from proccompile.commands.build import build
from proccompile.commands.check import check
from proccompile.commands.checklist import checklist
from proccompile.commands.diff import diff
from proccompile.commands.explain import explain
from proccompile.commands.import_docx import import_docx
from proccompile.commands.init import init
from proccompile.commands.lock import lock
from proccompile.commands.new import new
from proccompile.commands.register import register
from proccompile.commands.release import release
from proccompile.commands.retire import retire
from proccompile.commands.review import review
from proccompile.commands.schema import schema
from proccompile.commands.site import site
from proccompile.commands.where import where
from proccompile.diagnostics.usage import UsageError


class _Group(click.Group):
    """The command group; the one place where a UsageError from any stage becomes a message and an exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            click.echo(f"proccompile: {error.message}" + (f"\nhelp: {error.help}" if error.help else ""), err=True)
            ctx.exit(error.exit_code)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click cuts a short help at about 45 characters or at the period of "e.g."; the list shows each
        # command's whole first sentence instead, wrapped to the terminal.
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.short_help or first_sentence(command.help or "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!etc)\.(?=\s|$)")


def first_sentence(help_text: str) -> str:
    """The first sentence of a command's help, its period included; abbreviations such as e.g. do not end it."""
    paragraph = " ".join(inspect.cleandoc(help_text).split("\n\n")[0].split())
    end = _SENTENCE_END.search(paragraph)
    return paragraph[: end.end()] if end else paragraph


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="proccompile")
def cli() -> None:
    """Check and compile controlled procedures and record forms kept as YAML."""


cli.add_command(check)
cli.add_command(build)
cli.add_command(schema)
cli.add_command(explain)
cli.add_command(checklist)
cli.add_command(register)
cli.add_command(where)
cli.add_command(init)
cli.add_command(new)
cli.add_command(import_docx)
cli.add_command(site)
cli.add_command(release)
cli.add_command(lock)
cli.add_command(diff)
cli.add_command(review)
cli.add_command(retire)


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
