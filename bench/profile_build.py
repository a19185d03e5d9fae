"""Where a build's CPU goes, by step and by who does the work: `make bench` prints both tables for one archive.

Runs what `make build` runs, in this process, for both languages (without the shared conversions, so each language
converts its own Markdown, as a build without LCE_SHARED_CONVERSIONS does): the Swedish and the English build, then
`lce search-index` (Pagefind, in a process of its own, and the compressed copies). A timer samples the running
Python stack every few milliseconds of CPU time (ITIMER_PROF); each sample goes to the step of its innermost frame
that names one (STEPS), to the package of its innermost frame outside the standard library (WHO), and to the
adapter's event it runs in (what a second renderer would have to call: DEVELOPERS.md). Pagefind's own CPU is read
from its process. Sampling changes no output and costs little, so the figures are a build's.

Usage: python bench/profile_build.py PROJECT_DIR ITEMS   (SITE_TODAY as for a build; prints Markdown tables)
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import sysconfig
from collections import Counter
from pathlib import Path

INTERVAL = 0.004
"""Seconds of CPU between samples."""

STEPS = (
    ("reading (content and vocabularies: YAML, model)", ("lce_platform/content/",)),
    ("planning (the verdict: links, addresses; the plan)", ("lce_platform/verdict.py", "lce_platform/plan.py",
                                                         "lce_platform/facts/", "lce_platform/publishing/")),
    ("our page parts (lists, calendar, JSON-LD, fragments)", ("lce_platform/outputs/",)),
    ("feeds, sitemap, iCalendar, open data (the plan's files)", ("lce_platform/outputs/feeds.py",
                                                               "lce_platform/outputs/icalendar_feeds.py",
                                                               "lce_platform/outputs/sitemap.py",
                                                               "lce_platform/outputs/open_data.py",
                                                               "lce_platform/outputs/dcat.py",
                                                               "lce_platform/outputs/charts.py")),
    ("share cards (drawing and encoding PNG)", ("lce_platform/outputs/sharing.py",)),
    ("Markdown (python-markdown)", ("/markdown/",)),
    ("templates (Material's and overrides/, rendered by Jinja)", ("/material/templates/", "/overrides/")),
    ("writing the site (pages and files)", ("properdocs/utils/__init__.py:write_file", "mkdocs_adapter/preview.py:write_files")),
    ("search index (preparing Pagefind's input, its files)", ("lce_platform/outputs/search_index.py",)),
    ("compression (.gz, .br copies)", ("lce_platform/outputs/compression.py",)),
)
"""Each step and the marks of its frames (file path fragments, or path:function); a later step's mark wins over an
earlier one's in the same frame, and the innermost frame with a mark decides. Jinja's own frames carry none: the
template it runs, or the code that asked for it, decides."""

OUR_TEMPLATES = "lce_platform/outputs/templates/"
"""Our own fragments' templates: part of our page parts, not of the theme's templates."""

WHO = (
    ("our core (lce_platform)", ("/lce_platform/",)),
    ("the engine (properdocs)", ("/properdocs/",)),
    ("python-markdown", ("/markdown/",)),
    ("Jinja and the theme's templates", ("/jinja2/", "/material/", "/overrides/")),
    ("Pillow", ("/PIL/",)),
    ("YAML, pydantic", ("/yaml/", "/pydantic")),
)
STANDARD_LIBRARY = sysconfig.get_paths()["stdlib"]
ENGINE_REST = "the engine's own work (files, navigation, pages)"


def step_of(frame) -> str:
    """The step of a sample: its innermost frame with a mark."""
    while frame is not None:
        code = frame.f_code
        where = f"{code.co_filename}:{code.co_name}"
        if OUR_TEMPLATES in where:
            return STEPS[2][0]
        found = None
        for name, marks in STEPS:
            if any(mark in where for mark in marks):
                found = name
        if found:
            return found
        frame = frame.f_back
    return ENGINE_REST


def who_of(frame) -> str:
    """Whose code a sample is in: the innermost frame outside the standard library."""
    while frame is not None and frame.f_code.co_filename.startswith((STANDARD_LIBRARY, "<")):
        frame = frame.f_back
    if frame is None:
        return "the standard library"
    filename = frame.f_code.co_filename
    if OUR_TEMPLATES in filename:
        return WHO[0][0]
    found = "other packages"
    for name, marks in WHO:
        if any(mark in filename for mark in marks):
            found = name
    return found


def event_of(frame) -> str:
    """The adapter's event a sample runs in (the engine calls it), or the engine's own work between events."""
    while frame is not None:
        code = frame.f_code
        if code.co_filename.endswith("mkdocs_adapter/events.py") and code.co_name.startswith("on_"):
            return code.co_name
        if code.co_name == "finish_site" and code.co_filename.endswith("lce_platform/plan.py"):
            return "after the build: lce search-index (finish_site)"
        frame = frame.f_back
    return "the engine, between events (Markdown, templates, files)"


def main(project: str, items: str) -> None:
    """Build PROJECT's two languages and index them, sampled; print the tables."""
    import properdocs.replacement  # noqa: F401  (as `properdocs build` does)
    from properdocs.commands.build import build
    from properdocs.config import load_config

    from lce_platform.plan import finish_site

    os.chdir(project)
    os.environ.pop("LCE_SHARED_CONVERSIONS", None)
    steps: Counter[str] = Counter()
    who: Counter[str] = Counter()
    events: Counter[str] = Counter()

    def sample(_signal, frame) -> None:
        steps[step_of(frame)] += 1
        who[who_of(frame)] += 1
        events[event_of(frame)] += 1

    signal.signal(signal.SIGPROF, sample)
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    try:
        for config_file, site_dir in (("mkdocs.yml", "site"), ("mkdocs.en.yml", "build/en")):
            build(load_config(config_file, site_dir=str(Path(project) / site_dir), strict=True))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for site_dir in ("site", "build/en"):
            finish_site(Path(project) / site_dir)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
    pagefind = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    count = int(items)
    sampled = sum(steps.values()) * INTERVAL
    total = sampled + pagefind
    print(f"Profile of one build of {count:,} items, both languages (CPU {total:.1f} s; sampled every "
          f"{INTERVAL * 1000:.0f} ms of CPU):\n")
    print("| step | CPU s | ms per item | share |\n|---|---:|---:|---:|")
    rows = [(name, samples * INTERVAL) for name, samples in steps.items()] + [("Pagefind (its own process)", pagefind)]
    for name, seconds in sorted(rows, key=lambda row: -row[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / count * 1000:.1f} | {seconds / total:.0%} |")
    print("\n| whose code (the standard library's time goes to its caller) | CPU s | share |\n|---|---:|---:|")
    for name, samples in who.most_common():
        print(f"| {name} | {samples * INTERVAL:.1f} | {samples * INTERVAL / total:.0%} |")
    print(f"| Pagefind (its own process) | {pagefind:.1f} | {pagefind / total:.0%} |")
    print("\n| the adapter's event (with all it calls) | CPU s | share |\n|---|---:|---:|")
    for name, samples in events.most_common():
        print(f"| {name} | {samples * INTERVAL:.1f} | {samples * INTERVAL / total:.0%} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
