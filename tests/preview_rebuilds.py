"""Two builds in one process, as `make serve` makes them: a full one, then (after a save) a --dirty one.

Run by tests/test_preview.py in the project folder of a content tree:
    python preview_rebuilds.py CONFIG_FILE SITE_DIR FILE OLD NEW [REMOVED]
FILE is saved with OLD replaced by NEW before the second build, and REMOVED (a file of SITE_DIR) deleted, as
somebody might. It prints, as JSON, the modification time of every file of SITE_DIR after each build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import properdocs.replacement  # noqa: F401  (as `properdocs serve` does: Material's modules import mkdocs.*)
from properdocs.commands.build import build
from properdocs.config import load_config

from lce_platform.mkdocs_adapter.kept_structure import keep_mkdocs_structure
from lce_platform.mkdocs_adapter.preview import files_written
from lce_platform.reuse import keep_between_builds


def written(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}


def main(config_file: str, site_dir: str, saved: str, old: str, new: str, removed: str = "") -> None:
    keep_between_builds()
    keep_mkdocs_structure()
    times = []
    for dirty in (False, True):
        if dirty:
            path = Path(saved)
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
            if removed:
                (Path(site_dir) / removed).unlink()
        build(load_config(config_file, site_dir=site_dir), dirty=dirty)
        files_written()  # the preview writes feeds and images beside serving the pages
        times.append(written(Path(site_dir)))
    print(json.dumps(times))


if __name__ == "__main__":
    main(*sys.argv[1:])
