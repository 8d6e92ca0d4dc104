"""The top-level help shows each command's whole first sentence, never one cut at "e.g." or at a width."""

from __future__ import annotations

import re
from pathlib import Path

import click

from proccompile.cli import COMMANDS, cli, first_sentence
from tests.helpers import run_cli


def test_every_command_shows_its_whole_first_sentence(tmp_path: Path) -> None:
    code, output = run_cli(["--help"], tmp_path)
    assert code == 0
    # Lines may wrap after a hyphen (yaml-/language-server); join those back first.
    listing = " ".join(re.sub(r"-\n\s+", "-", output.split("Commands:")[1]).split())
    assert len(COMMANDS) == 20
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None, name
        sentence = command.short_help or first_sentence(command.help or "")
        assert sentence.endswith(".") and "..." not in sentence, name
        assert f"{name} {sentence}" in listing, name


def test_first_sentence_skips_abbreviations() -> None:
    assert first_sentence("Explain CODE (e.g. PC303); list all.\n\nMore.") == "Explain CODE (e.g. PC303); list all."
    assert first_sentence("  Do this\n  across lines. Then that.") == "Do this across lines."
    assert first_sentence("No period") == "No period"
