"""Where one language's build spends its CPU, by who does the work: what a second renderer would have to replace.

Builds one language of a project in this process, profiled by CPU time, and sums each function's own time by the
package it belongs to: the engine (ProperDocs), python-markdown and its extensions, Jinja and the theme's compiled
templates, our core (lce_platform) and the rest. Then each of the adapter's events, with all it calls.

Usage: python benchmarks/renderer_share.py PROJECT_DIR [CONFIG_FILE]   (SITE_TODAY as for a build)
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

SHARES = (
    ("our core (lce_platform, without the adapter)", ("/lce_platform/",)),
    ("the adapter (lce_platform/mkdocs_adapter)", ("/lce_platform/mkdocs_adapter/",)),
    ("the engine (properdocs)", ("/properdocs/",)),
    ("python-markdown and its extensions", ("/markdown/", "/pymdownx/")),
    ("Jinja and the theme's templates (Material's and overrides/)", ("/jinja2/", "/material/", "/overrides/")),
    ("Pillow (share cards), zlib, compression", ("/PIL/", "zlib", "brotli", "gzip")),
    ("YAML, pydantic (loading)", ("/yaml/", "/pydantic", "pydantic_core")),
)


def share_of(filename: str) -> str:
    """The share a function's source file belongs to (the most specific match)."""
    found = "the rest (standard library, other packages)"
    for name, marks in SHARES:
        if any(mark in filename for mark in marks):
            found = name
    return found


def main(project: str, config_file: str = "mkdocs.yml") -> None:
    """Profile one build and print the two tables."""
    import properdocs.replacement  # noqa: F401  (as `properdocs build` does)
    from properdocs.commands.build import build
    from properdocs.config import load_config

    os.chdir(project)
    site_dir = Path(project) / "site-profiled"
    profile = cProfile.Profile(time.process_time)
    config = load_config(config_file, site_dir=str(site_dir), strict=True)
    profile.enable()
    build(config)
    profile.disable()
    stats = pstats.Stats(profile)
    by_share: dict[str, float] = defaultdict(float)
    events: dict[str, float] = {}
    for (filename, _line, function), (_calls, _primitive, own, cumulative, _callers) in stats.stats.items():
        by_share[share_of(filename)] += own
        if filename.endswith("mkdocs_adapter/events.py") and function.startswith("on_"):
            events[function] = cumulative
    total = sum(by_share.values())
    print(f"CPU of the build: {total:.1f} s\n\n| who does the work | CPU s | share |\n|---|---:|---:|")
    for name, seconds in sorted(by_share.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    print("\n| adapter event (with all it calls) | CPU s | share |\n|---|---:|---:|")
    for name, seconds in sorted(events.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
