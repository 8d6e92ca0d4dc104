"""Earlier versions of a document file: from a git revision, or a locked version found in the git history."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from proccompile.diagnostics.usage import UsageError

GIT_TIMEOUT_S = 30
# How far back a locked version is looked for; one commit per edit of one file is a long history.
MAX_COMMITS = 500


def git(root: Path, *args: str) -> bytes:
    """``git ARGS`` run in the project folder (read-only commands only); UsageError when git is missing or fails."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=GIT_TIMEOUT_S, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed, so earlier versions cannot be read",
                         help="Install git, or compare against the working tree only") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git did not answer within {GIT_TIMEOUT_S} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(done.returncode)}",
                         exit_code=1)
    return done.stdout


def file_at(root: Path, rev: str, rel: str) -> bytes:
    """The bytes of project file ``rel`` at git revision ``rev``."""
    if rev.startswith("-"):
        raise UsageError(f"`{rev}` is not a git revision")
    return git(root, "show", f"{rev}:./{rel}")


def find_version(root: Path, rel: str, matches: Callable[[bytes], bool]) -> str | None:
    """The newest commit whose copy of ``rel`` satisfies ``matches``, or None."""
    commits = git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", rel).decode().split()
    for commit in commits:
        try:
            data = file_at(root, commit, rel)
        except UsageError:
            continue  # the commit deleted or renamed the file
        if matches(data):
            return commit
    return None
