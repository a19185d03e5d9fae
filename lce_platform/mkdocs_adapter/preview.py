"""What a preview rebuild must redo after a file is saved: the pages made from files newer than their HTML.

`make serve` rebuilds with MkDocs' `--dirty`, which rewrites a page only when its HTML is missing or older
than its one source file. A page here is made from more files than that (its translation, the vocabularies,
the activity of a resource, the resources of an activity…), so the build removes the HTML of every page
that one of those files is newer than. Generated pages (calendar, indexes) and files (iCalendar feeds) are
rewritten when they differ from what the last rebuild of the same process wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lce_platform.content.loader import VOCABULARY_DIR
from lce_platform.reuse import keeping

if TYPE_CHECKING:
    from lce_platform.plan import GeneratedPage, SiteBuild
    from lce_platform.facts.site import Entry

ARCHIVE_WIDE = ("pages", "programmes")
"""Collections whose pages may list any activity or resource (home page, programme pages)."""


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def page_sources(build: SiteBuild, entry: Entry) -> list[Entry]:
    """The entries one entry's page is made from: itself, and what it shows of others."""
    entries = [entry]
    data = entry.data
    if entry.collection == "activities":
        entries += build.resources_by_activity.get(entry.id, [])
        programme = build.site.by_id("programmes", data.programme)
        entries += [programme] if programme is not None else []
    elif entry.collection == "resources" and data.activity:
        activity = build.site.by_id("activities", data.activity)
        entries += [activity] if activity is not None else []
    return entries


def outdated_pages(build: SiteBuild, outputs: Mapping[str, Path]) -> list[Path]:
    """HTML files (of `outputs`, by src_uri) older than a file their page is made from; missing ones are left out."""
    content_dir = build.site.content_dir
    changed = {
        entry.src_uri: max(_modified(content_dir / variant.path.split("/", 1)[1]) for variant in entry.variants.values())
        for entry in build.site.entries.values()
    }
    vocabularies = max((_modified(path) for path in (content_dir / VOCABULARY_DIR).glob("*.yml")), default=0.0)
    newest_content = max(changed.values(), default=0.0)
    outdated = []
    for src_uri, output in outputs.items():
        entry = build.site.entries.get(src_uri)
        if entry is None:
            continue
        if entry.collection in ARCHIVE_WIDE:
            newest = newest_content
        else:
            newest = max(changed[source.src_uri] for source in page_sources(build, entry))
        written = _modified(output)
        if written and max(newest, vocabularies) > written:
            outdated.append(output)
    return outdated


_written_generated: dict[str, dict[str, GeneratedPage | str | bytes]] = {}
"""The generated pages and files each configuration's last build in this process wrote (a preview server's)."""


def remember_generated(config_key: str, build: SiteBuild) -> None:
    """Note what a finished build wrote, for the next rebuild to skip the generated pages and files that stay."""
    if keeping():
        _written_generated[config_key] = {**build.generated, **build.generated_files}


def unchanged_generated(config_key: str, build: SiteBuild, outputs: Mapping[str, Path]) -> set[str]:
    """Generated pages and files (src_uris) exactly as the last build of this process wrote them, their output still
    there and newer than the vocabularies (labels); a first build has none."""
    previous = _written_generated.get(config_key, {})
    vocabularies = max((_modified(path) for path in (build.site.content_dir / VOCABULARY_DIR).glob("*.yml")),
                       default=0.0)
    current = {**build.generated, **build.generated_files}
    return {
        src_uri for src_uri, made in current.items()
        if previous.get(src_uri) == made and src_uri in outputs and _modified(outputs[src_uri]) > vocabularies
    }
