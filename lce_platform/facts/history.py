"""When each content file was first published and last changed, from one pass over the git history.

Search engines and feed readers are given these dates (sitemap lastmod, feed entries, dateModified),
never the build's date: a rebuild that changes nothing must not look like a change.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from collections.abc import Mapping, Sequence

from lce_platform.content.moments import STOCKHOLM
from lce_platform.content.site import Entry

_COMMIT = "\x1e"


@dataclass(frozen=True)
class FileDates:
    """The commit dates of one file: when it was added and when it last changed."""

    added: datetime
    changed: datetime


def read_history(content_dir: Path) -> dict[str, FileDates]:
    """Commit dates of every file under content_dir (paths relative to it); empty outside a git checkout.

    One `git log` for all files, newest commit first, so the cost grows with the history, not with
    one process per file.
    """
    command = ["git", "-c", "core.quotePath=false", "-C", str(content_dir), "log", f"--format={_COMMIT}%cI",
               "--name-only", "--no-renames", "--relative", "--", "."]
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, FileDates] = {}
    for commit in result.stdout.split(_COMMIT)[1:]:
        stamp, *paths = commit.strip("\n").split("\n")
        when = datetime.fromisoformat(stamp)
        for path in filter(None, paths):
            known = dates.get(path)
            dates[path] = FileDates(added=when, changed=known.changed if known else when)
    return dates


def _relative(shown_path: str) -> str:
    return shown_path.split("/", 1)[1]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def entry_changed(dates: Mapping[str, FileDates], entry: Entry, language: str) -> datetime | date | None:
    """When the page of an entry in `language` last changed: its files' last commit or its `updated` day.

    The data file counts for both languages (it holds the dates, places and links); the translation
    counts for its own. A later `updated` day wins over the commits; nothing known gives None.
    """
    files = {entry.variants[entry.data_language].path, entry.variant(language).path}
    changes = [dates[_relative(path)].changed for path in files if _relative(path) in dates]
    committed = max(changes) if changes else None
    updated = getattr(entry.data, "updated", None)
    if updated is not None and (committed is None or _day_start(updated) > committed):
        return updated
    return committed


def entry_added(dates: Mapping[str, FileDates], entry: Entry) -> datetime | None:
    """When the entry's data file was first committed, at its place or at one it moved from (`redirect_from`): a
    moved file is not new. None when it is not committed yet."""
    paths = [_relative(entry.path), *getattr(entry.data, "redirect_from", ())]
    found = [dates[path].added for path in paths if path in dates]
    return min(found) if found else None


def page_changed(dates: Mapping[str, FileDates], entries: Mapping[str, Entry], src_uri: str, language: str,
                 lists: Sequence[str] = ()) -> datetime | date | None:
    """When a page last changed: a content page by its files, a generated page by the newest entry it `lists`."""
    entry = entries.get(src_uri)
    if entry is not None:
        return entry_changed(dates, entry, language)
    listed = [entries.get(uri) for uri in lists]
    changes = [change for item in listed if item is not None
               if (change := entry_changed(dates, item, language)) is not None]
    return max(changes, key=as_datetime) if changes else None


def as_datetime(moment: datetime | date) -> datetime:
    """A date as the start of its day in Stockholm, so dates and commit times compare."""
    return moment if isinstance(moment, datetime) else _day_start(moment)
