"""One real `properdocs build`, and every file of Material's package it opened: its templates and partials, the
icons they include, the assets it copied into the site, its own Python modules.

Run by tests/test_framework_compat.py in a project folder:
    python theme_files_opened.py OUTPUT.json properdocs build -f CONFIG -d SITE_DIR …
It writes the opened files, relative to Material's package folder, as a sorted JSON list.
"""

from __future__ import annotations

import json
import sys
from importlib.util import find_spec
from pathlib import Path

MATERIAL = Path(find_spec("material").origin).parent
"""Found without importing it: its own modules are opened after the hook is set."""
opened: set[str] = set()


def source_of(path: Path) -> Path:
    """A module's source for its compiled copy (__pycache__/x.cpython-311.pyc is x.py)."""
    if path.parent.name == "__pycache__" and path.suffix == ".pyc":
        return path.parent.parent / (path.name.split(".")[0] + ".py")
    return path


def record(event: str, arguments: tuple) -> None:
    if event == "open" and isinstance(arguments[0], str):
        path = Path(arguments[0])
        if path.is_relative_to(MATERIAL):
            opened.add(source_of(path).relative_to(MATERIAL).as_posix())


def main(output: str, command: list[str]) -> int:
    from properdocs.__main__ import cli

    sys.addaudithook(record)
    try:
        cli.main(args=command[1:], prog_name=command[0], standalone_mode=False)
    finally:
        Path(output).write_text(json.dumps(sorted(opened), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
