"""The one exception for problems with a command's options or an outside tool; the CLI turns it into a message."""

from __future__ import annotations


class UsageError(Exception):
    """A command cannot do what its options ask (an unknown --procedure, an impossible audit plan, no LibreOffice).

    Problems in the project files are findings, not exceptions; this is for what the user typed or the
    machine lacks. ``cli.py`` prints ``proccompile: <message>`` and a ``help:`` line and exits with
    ``exit_code``: 2 for usage errors, 1 when the project itself cannot satisfy the request.
    """

    def __init__(self, message: str, *, help: str | None = None, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message, self.help, self.exit_code = message, help, exit_code
