"""A build that reuses the previous build's pages and files (make build BUILD_CACHE=…) writes exactly what a cold
build writes, whatever changed in between: a content file, a vocabulary, a template, a locale string, a theme
override, the day; and it makes again only the pages and files (an activity's .ics, share cards, redirects) of what
changed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import PINNED_TODAY, REPO, SITE_URL, fixture_files, make_content, pages_found_by, search_parts
from lce_platform.outputs.search_index import PART_PAGES_SETTING, PRIMARY_PART

pytestmark = pytest.mark.build

ACTIVITY = "activities/2025/architecture-walk.md"
UNTOUCHED = "resources/report/sector-survey-2023.md"
UNTOUCHED_ACTIVITY = "activities/2025/disrupt-for-success.md"
SHARE_CARDS = "assets/share"


def project_copy(tmp_path: Path) -> Path:
    """A project with its own copy of the code, theme, hooks and configuration (so a test may change them) and the
    minimal content with the library fixture over it."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(REPO / "lce_platform", project / "lce_platform", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("hooks", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "requirements.lock", project / "requirements.lock")
    # The repo's configuration with only the home page in the navigation (the fixture has no other page it lists).
    (project / "mkdocs.yml").write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\nnav:\n  - index.md\n", encoding="utf-8")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    make_content(project, files=fixture_files("library"))
    # Moved pages, so that the files of the plan include redirects (a page and a copy of the activity's .ics).
    edit(project / "content" / ACTIVITY, "type: ", "redirect_from: [activities/2025/old-walk.md]\ntype: ")
    edit(project / "content" / UNTOUCHED_ACTIVITY, "type: ", "redirect_from: [activities/2025/old-disrupt.md]\ntype: ")
    return project


def build(project: Path, site: Path, today: str, cache: Path | None) -> list[str]:
    """Build the Swedish site of `project` with its own code, reusing `cache` when given (a --dirty build), then
    index it for search as `make build` does, in one part per page of the archive; the parts indexed."""
    env = {**os.environ, "SITE_TODAY": today, "SITE_URL": SITE_URL,
           "PYTHONPATH": str(project), "LCE_BUILD_CACHE": str(cache) if cache else "", PART_PAGES_SETTING: "1"}
    env.pop("SITE_URL_EN", None)
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
    result = subprocess.run(command + (["--dirty"] if cache else []), cwd=project, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return index(project, site, env)


def index(project: Path, site: Path, env: dict[str, str]) -> list[str]:
    """`lce search-index` of a built site, as `make build` runs it; the parts it indexed."""
    result = subprocess.run([sys.executable, "-m", "lce_platform.publishing.cli", "search-index", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    indexed = result.stdout.rsplit(": indexed ", 1)[1].strip()
    return [] if indexed.startswith("no part") else indexed.split(", ")


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_of(site: Path, src_uri: str) -> Path:
    return site / src_uri.removesuffix(".md") / "index.html"


def files_of_the_plan(site: Path, project: Path, src_uri: str) -> list[Path]:
    """The files of the plan made from one content file: an activity's .ics, its share card, its redirect page and
    the .ics copy at its old address (those it has)."""
    url = src_uri.removesuffix(".md")
    name = url.rsplit("/", 1)[-1]
    found = [site / url / f"{name}.ics", *(site / SHARE_CARDS).glob(f"{url}-*.png")]
    text = (project / "content" / src_uri).read_text(encoding="utf-8")
    found += [site / old / path for old in re.findall(r"redirect_from: \[(.+?)\.md\]", text)
              for path in ("index.html", f"{old.rsplit('/', 1)[-1]}.ics")]
    assert all(path.is_file() for path in found) and len(found) >= 2, found
    return found


def change_the_code(project: Path) -> None:
    """A template, a locale string and a theme override at once: each changes the code every page is made by."""
    edit(project / "lce_platform/outputs/templates/activity_header.html", "<", "<!-- changed -->\n<")
    edit(project / "lce_platform/outputs/locales/sv.yml", "venue: Plats", "venue: Lokal")
    edit(project / "overrides/partials/copyright.html", '<div class="md-copyright">',
         '<div class="md-copyright" data-changed="1">')


NEW_WORD = "Nyckelpiga"
"""A word no page has until the changed activity's title has it."""

CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    # The title and the date of an activity: its page, its .ics, its share card and its redirect change.
    ("a content file", lambda project: (edit(project / "content" / ACTIVITY, "title: ", f"title: {NEW_WORD} "),
                                        edit(project / "content" / ACTIVITY, "start: 2025-02-10",
                                             "start: 2025-02-12"))),
    ("a removed content file", lambda project: (project / "content" / UNTOUCHED).unlink()),
    # A sector's label (on pages and feeds) and an activity type's (on share cards and in .ics files too).
    ("a vocabulary", lambda project: (edit(project / "content/vocabularies/sectors.yml", "sv: Arkitektur",
                                           "sv: Byggnadskonst"),
                                      edit(project / "content/vocabularies/activity-types.yml", "sv: Studiebesök",
                                           "sv: Studieresa"))),
    ("a template, a locale string and a theme override", change_the_code),
]


def test_a_cached_build_writes_what_a_cold_build_writes_whatever_changed(tmp_path):
    """Check, after each kind of change and after a change of day, that the build reusing the previous build's pages
    and files is byte for byte the cold build of the same inputs; and that it did reuse: when only one activity
    changed, an untouched page is not rendered and an untouched activity's files (.ics, share card, redirect) are not
    made again, while the changed activity's are."""
    project = project_copy(tmp_path)
    cache, cached_site = tmp_path / "cache", tmp_path / "cached-site"
    first_parts = build(project, cached_site, PINNED_TODAY, cache)
    assert len(search_parts(cached_site)) == len(first_parts) >= 4, "the search index is in several parts"
    # The feeds of a sector hold what is tagged with it: music's not the changed activity, architecture's it.
    untouched = [page_of(cached_site, UNTOUCHED), *files_of_the_plan(cached_site, project, UNTOUCHED_ACTIVITY),
                 *(cached_site / "sectors/music" / feed for feed in ("calendar.ics", "feed.xml"))]
    changed = [*(path for path in files_of_the_plan(cached_site, project, ACTIVITY) if path.suffix != ".png"),
               *(cached_site / folder / feed for folder in ("", "sectors/architecture")
                 for feed in ("calendar.ics", "feed.xml"))]
    for path in untouched + changed:
        os.utime(path, (1_000_000_000, 1_000_000_000))
    changed_url = "/" + ACTIVITY.removesuffix(".md") + "/"
    assert changed_url not in pages_found_by(cached_site, NEW_WORD)
    again = {**os.environ, "PYTHONPATH": str(project), "LCE_BUILD_CACHE": str(cache), PART_PAGES_SETTING: "1"}
    assert index(project, cached_site, again) == [], "nothing changed, no part is indexed again"
    for number, (what, change) in enumerate([*CHANGES, ("the day", None)]):
        today = "2025-09-01" if change is None else PINNED_TODAY
        if change is not None:
            change(project)
        indexed = build(project, cached_site, today, cache)
        if what == "a content file":
            # The first part holds the lists of activities (the calendar, the sectors), which show its title.
            assert indexed == [PRIMARY_PART, "activities-2025"], "only the changed activity's parts are indexed again"
            assert changed_url in pages_found_by(cached_site, NEW_WORD), "the search finds it by its new word"
        if what == "a removed content file":
            assert indexed == [PRIMARY_PART] and not (cached_site / "pagefind/parts/resources-report").exists()
        cold_site = tmp_path / f"cold-{number}"
        build(project, cold_site, today, None)
        cached, cold = tree(cached_site), tree(cold_site)
        assert sorted(cached) == sorted(cold), f"after changing {what}: other files than a cold build's"
        differing = [path for path in cold if cached[path] != cold[path]]
        assert differing == [], f"after changing {what}, the cached build differs from a cold one in {differing[:5]}"
        if what == "a content file":
            made_again = [path.relative_to(cached_site).as_posix() for path in untouched
                          if path.stat().st_mtime != 1_000_000_000]
            assert made_again == [], f"untouched pages and files made again: {made_again}"
            kept = [path.relative_to(cached_site).as_posix() for path in changed
                    if path.stat().st_mtime == 1_000_000_000]
            assert kept == [], f"files of the changed activity kept as they were: {kept}"
