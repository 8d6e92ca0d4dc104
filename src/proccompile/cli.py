"""Command-line entry point: the click group, its lazily loaded commands and the crash guard."""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import tempfile
import traceback

import click

from proccompile import __version__
from proccompile.diagnostics.printable import printable
from proccompile.diagnostics.usage import UsageError

# name → (module under proccompile.commands, attribute, summary). Each command's module is imported only
# when that command runs, so `--help` costs no pydantic, ruamel or python-docx. The summary is the
# command's short help or the whole first sentence of its docstring (a test keeps them equal).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "approve": ("approve", "approve", "Record that NAME approves the open revision of CODE in ROLE, for its content "
                                      "as it is now."),
    "build": ("build", "build", "Build controlled .docx files for every document under PATH (manual, procedures, "
                             "instructions, forms …)."),
    "check": ("check", "check", "Check every document under PATH (default: the current directory)."),
    "checklist": ("checklist", "checklist", "Derive an internal-audit checklist from the procedures under PATH."),
    "diff": ("diff", "diff", "Show what changed in CODE between two versions: sections, steps, duties, records, "
                             "time limits, KPIs, terms and related documents added, removed or changed."),
    "explain": ("explain", "explain", "Explain diagnostic CODE (e.g. PC303 or unknown-form); list all codes without "
                                      "one."),
    "import": ("import_docx", "import_docx", "Read Word procedures (.docx) into YAML drafts and list what was not "
                                             "mapped."),
    "init": ("init", "init", "Create a new project in DIR: config, a procedure and its form, CI and editor set-up."),
    "lock": ("lock", "lock", "Record every released version under PATH in proccompile.lock."),
    "new": ("new", "new", "Create a new document file (procedure, form, manual, instruction) with a valid "
                         "draft."),
    "reject": ("approve", "reject", "Record that NAME rejects the open revision of CODE in ROLE, and why."),
    "register": ("register", "register", "Write the registers of the project under PATH."),
    "release": ("release", "release", "Release CODE: issue its approved revision as the new version, or release "
                                      "a draft."),
    "retire": ("retire", "retire", "Mark CODE obsolete with a withdrawal date, reason and replacement; the file "
                                   "and its history stay."),
    "review": ("review", "review", "Record that CODE was reviewed: appends to its `reviews`."),
    "revise": ("revise", "revise", "Open a revision of CODE: its next version is drafted in the working file while "
                                   "the version in force stays the controlled copy."),
    "schema": ("schema", "schema", "Write the JSON Schemas (draft-07) of the config and of every document type "
                                   "for yaml-language-server."),
    "serve": ("serve", "serve", "Serve the site of the project under PATH and rebuild it on every save, with live "
                                "reload."),
    "site": ("site", "site", "Write a static HTML site of the controlled documents under PATH, with offline "
                             "search."),
    "where": ("where", "where", "List every document, step and file:line under PATH that references CODE."),
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
        module, attribute, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"proccompile.commands.{module}"), attribute)
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        # click says only that a command does not exist; the nearest one is what was meant, usually.
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            from proccompile.diagnostics.suggest import did_you_mean

            hint = did_you_mean(name, COMMANDS)
            ctx.fail(f"No such command '{name}'." + (f" {hint}" if hint else ""))
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click cuts a short help at about 45 characters or at the period of "e.g."; the list shows each
        # command's whole first sentence instead, wrapped to the terminal, without importing any command.
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in sorted(COMMANDS)])

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            # The message may quote a code, a path or a key the user wrote: one printable line each.
            click.echo(f"proccompile: {printable(error.message)}"
                       + (f"\nhelp: {printable(error.help)}" if error.help else ""), err=True)
            ctx.exit(error.exit_code)


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
