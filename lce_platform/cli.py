"""The `lce` command: check the content without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .compression import precompress_assets
from .errors import ContentErrors
from .loader import load_site
from .moments import site_today
from .search_index import SearchIndexError, index_site


def check(content_dir: Path) -> int:
    """Validate all content; print every problem; return the exit status."""
    try:
        site = load_site(content_dir, site_today())
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    print(f"{len(site.entries)} content files are valid.")
    return 0


def search_index(site_dirs: list[Path]) -> int:
    """Index each built language for search, one after the other, and compress its assets."""
    for site_dir in site_dirs:
        try:
            index_site(site_dir)
        except SearchIndexError as error:
            print(error, file=sys.stderr)
            return 1
        precompress_assets(site_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `lce` console script."""
    parser = argparse.ArgumentParser(prog="lce", description="Learn, Create, Engage content tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate every content file, as the build does")
    check_parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    index_parser = commands.add_parser("search-index", help="write the search index of built sites (make build)")
    index_parser.add_argument("sites", type=Path, nargs="+", help="a built language's site folder")
    arguments = parser.parse_args(argv)
    if arguments.command == "check":
        return check(arguments.content)
    if arguments.command == "search-index":
        return search_index(arguments.sites)
    return 2


if __name__ == "__main__":
    sys.exit(main())
