"""What a pull request changes: only content (the verdict and a preview build answer it) or also the code (the
engineering suite runs too). Staff's pull requests, from git or the web editor, touch only content/, and the
editor schemas the workflow refreshes from its vocabularies."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

CONTENT_PATHS = ("content/", "schemas/")
"""Folders whose changes cannot change what the code does: the content and the editor schemas made from it."""


def change_scope(paths: Iterable[str]) -> str:
    """'content' when every changed path is content, else 'code' (also for an empty change: nothing to trust)."""
    changed = [path for path in paths if path]
    if changed and all(path.startswith(CONTENT_PATHS) for path in changed):
        return "content"
    return "code"


def changed_paths(base: str, repo: Path) -> list[str]:
    """Paths changed between the merge base of `base` and HEAD (raises CalledProcessError for an unknown base)."""
    result = subprocess.run(["git", "diff", "--name-only", "--no-renames", f"{base}...HEAD"], cwd=repo,
                            capture_output=True, text=True, check=True)
    return result.stdout.splitlines()
