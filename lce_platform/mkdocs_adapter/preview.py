"""What a preview rebuild must redo after a file is saved: the pages made from files newer than their HTML.

`make serve` rebuilds with MkDocs' `--dirty`, which rewrites a page only when its HTML is missing or older
than its one source file. A page here is made from more files than that (the plan says which: its translation,
the vocabularies, the activity of a resource, the resources of an activity…), so the adapter removes the HTML of
every page that one of those files is newer than. Generated pages (calendar, indexes) and files (feeds) are
rewritten when they differ from what the last rebuild of the same process wrote, beside the serving of the
rebuilt pages: the page being edited reloads without waiting for the archive's feeds, sitemaps and open data.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lce_platform.content.loader import VOCABULARY_DIR
from lce_platform.content.site import Entry
from lce_platform.mkdocs_adapter.engine import engine_logger
from lce_platform.outputs.planned import GeneratedPage, SiteFile
from lce_platform.plan import BuildPlan
from lce_platform.reuse import keeping


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def outdated_pages(plan: BuildPlan, outputs: Mapping[str, Path]) -> list[Path]:
    """HTML files (of `outputs`, by src_uri) older than a file their page is made from; missing ones are left out."""
    modified: dict[Path, float] = {}
    outdated = []
    for src_uri, output in outputs.items():
        if src_uri not in plan.site.entries:
            continue
        written = _modified(output)
        if not written:
            continue
        inputs = plan.page_inputs(src_uri)
        for path in inputs:
            if path not in modified:
                modified[path] = _modified(path)
        if max(modified[path] for path in inputs) > written:
            outdated.append(output)
    return outdated


@dataclass
class _MadeFrom:
    """What the content pages of a preview build were made from."""

    today: date
    vocabularies: object
    entries: dict[str, Entry]
    pages: dict[str, tuple[str, ...] | None]
    """The src_uris of the entries each page is made from (BuildPlan.page_entries); None: any entry."""


_made_from: dict[str, _MadeFrom] = {}
"""What each configuration's last preview build in this process made its content pages from."""


def _unchanged(last: object, now: object) -> bool:
    # The preview's loader keeps an unchanged file's entry (and unchanged vocabularies) as the same object; an
    # entry validated again because another file changed what it may refer to (a file added) is compared by value.
    return last is now or last == now


def outdated_since_last_build(config_key: str, plan: BuildPlan, outputs: Mapping[str, str]) -> list[Path]:
    """HTML files (of `outputs`, by src_uri) of the content pages made from an entry that is not the same as in the
    last preview build of this process, or from other entries, vocabularies or day; the first build (or one
    outside the preview server) compares file times (outdated_pages). No file is read or stat'ed otherwise."""
    if not keeping():
        return outdated_pages(plan, {src_uri: Path(output) for src_uri, output in outputs.items()})
    site = plan.site
    now = _MadeFrom(site.today, site.vocabularies, dict(site.entries),
                    {src_uri: None if (entries := plan.page_entries(src_uri)) is None
                     else tuple(entry.src_uri for entry in entries)
                     for src_uri in outputs if src_uri in site.entries})
    last = _made_from.get(config_key)
    _made_from[config_key] = now
    if last is None:
        return outdated_pages(plan, {src_uri: Path(output) for src_uri, output in outputs.items()})
    if last.today != now.today or not _unchanged(last.vocabularies, now.vocabularies):
        return [Path(outputs[src_uri]) for src_uri in now.pages]
    unchanged = {src_uri for src_uri, entry in now.entries.items()
                 if src_uri in last.entries and _unchanged(last.entries[src_uri], entry)}
    every_unchanged = len(unchanged) == len(now.entries) == len(last.entries)
    return [
        Path(outputs[src_uri]) for src_uri, made_from in now.pages.items()
        if src_uri not in last.pages or made_from != last.pages[src_uri]
        or not (every_unchanged if made_from is None else unchanged.issuperset(made_from))
    ]


_written_pages: dict[str, dict[str, GeneratedPage]] = {}
"""The generated pages each configuration's last build in this process wrote (a preview server's)."""
_written_files: dict[str, dict[str, bytes]] = {}
"""A digest of each file each configuration's last build in this process wrote."""


def remember_generated(config_key: str, plan: BuildPlan) -> None:
    """Note the generated pages of a finished build, for the next rebuild to skip those that stay the same."""
    if keeping():
        _written_pages[config_key] = dict(plan.generated)


def unchanged_generated(config_key: str, plan: BuildPlan, outputs: Mapping[str, Path]) -> set[str]:
    """Generated pages (src_uris) exactly as the last build of this process wrote them, their output still there
    and newer than the vocabularies (labels); a first build has none."""
    previous = _written_pages.get(config_key, {})
    vocabularies = max((_modified(path) for path in (plan.site.content_dir / VOCABULARY_DIR).glob("*.yml")),
                       default=0.0)
    return {
        src_uri for src_uri, made in plan.generated.items()
        if previous.get(src_uri) == made and src_uri in outputs and _modified(outputs[src_uri]) > vocabularies
    }


_file_writers: dict[str, threading.Thread] = {}
"""Each configuration's writer of the files of its last preview build, while it runs."""


def write_files_aside(config_key: str, files: Callable[[], Iterable[SiteFile]], site_dir: Path) -> None:
    """Write a preview build's files in a thread of their own, once the previous build's are written."""
    files_written(config_key)

    def write() -> None:
        try:
            write_files(config_key, files(), site_dir)
        except FileNotFoundError as missing:
            engine_logger("hooks.lce").error(str(missing))
        except Exception:  # the preview keeps serving; the next save writes them again
            engine_logger("hooks.lce").exception("The site's files (feeds, sitemap, images…) were not written")

    writer = threading.Thread(target=write, name=f"files of {config_key}", daemon=True)
    _file_writers[config_key] = writer
    writer.start()


def files_written(config_key: str | None = None) -> None:
    """Wait until the files of a configuration's last preview build (of every one, without a key) are written."""
    for key in [config_key] if config_key else list(_file_writers):
        writer = _file_writers.pop(key, None)
        if writer is not None:
            writer.join()


def write_files(config_key: str, files: Iterable[SiteFile], site_dir: Path,
                kept: Callable[[SiteFile, Path], bool] | None = None) -> set[str]:
    """Write the plan's files into site_dir; a preview skips those whose bytes it wrote there last time, a build
    with a cache those that `kept` says the site folder holds as they are (they are not even made).
    Return the paths of all of them, written or not."""
    remembered = _written_files.setdefault(config_key, {}) if keeping() else None
    paths = set()
    for file in files:
        paths.add(file.path)
        target = site_dir / file.path
        if kept is not None and kept(file, target):
            continue
        data = file.data()
        if remembered is not None:
            digest = hashlib.blake2b(data, digest_size=16).digest()
            if remembered.get(file.path) == digest and target.exists():
                continue
            remembered[file.path] = digest
        target.parent.mkdir(parents=True, exist_ok=True)
        if remembered is None:
            target.write_bytes(data)
        else:  # the preview server may be sending the previous version while this one is written
            part = target.with_name(target.name + ".part")
            part.write_bytes(data)
            os.replace(part, target)
    return paths
