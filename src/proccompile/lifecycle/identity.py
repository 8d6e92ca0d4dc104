"""Who is running a change-control command: the git identity, else the operating-system user."""

from __future__ import annotations

import getpass
import re
from pathlib import Path

from proccompile.diagnostics.usage import UsageError
from proccompile.lifecycle.history import git

# `git var GIT_COMMITTER_IDENT` prints "Name <email> 1700000000 +0800"; the time is not part of who it is.
_IDENT = re.compile(r"^(?P<who>.+?<[^>]*>) \d+ [+-]\d{4}$")


def operator(root: Path) -> str:
    """The person recording a signature, as git knows them (`user.name <user.email>`, or GIT_COMMITTER_NAME
    and GIT_COMMITTER_EMAIL), else the login name with `(OS user)`; never typed on the command line."""
    try:
        ident = git(root, "var", "GIT_COMMITTER_IDENT").decode("utf-8", errors="replace").strip()
    except UsageError:
        ident = ""
    match = _IDENT.match(ident)
    if match:
        return match.group("who")
    try:
        return f"{getpass.getuser()} (OS user)"
    except (KeyError, OSError):  # no passwd entry, no LOGNAME: a container run under a bare uid
        return "unknown (no git identity or OS user name)"
