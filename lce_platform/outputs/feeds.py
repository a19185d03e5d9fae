"""Atom feeds of new activities and resources: the whole site, and each sector.

An entry is new when its file was first committed: that is when it was published. A file not yet
committed (a local preview, a test tree) is dated by its `updated` day, else by the day the content
itself names (an activity's start, a resource's date). Entries known only by a month or a year and
not committed are left out: Atom needs a day and a time, and inventing one would mislead.
Day-only dates are given as the start of that day in Stockholm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timezone
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

from lce_platform.outputs import i18n
from lce_platform.plan import OutputFile, output_writer, page_context_part
from lce_platform.facts.history import as_datetime, entry_added, entry_changed
from lce_platform.content.model import Activity, Resource
from lce_platform.content.moments import STOCKHOLM
from lce_platform.outputs.sharing import page_address

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild
    from lce_platform.facts.site import Entry

FEED_FILE = "feed.xml"
FEED_SIZE = 50
_NO_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: a content entry with the moments it was published and last changed."""

    entry: Entry
    published: datetime
    updated: datetime


def feed_path(sector: str | None = None) -> str:
    """Where a feed lives under the language root: feed.xml, or sectors/<sector>/feed.xml."""
    return FEED_FILE if sector is None else f"sectors/{sector}/{FEED_FILE}"


def feed_url(build: SiteBuild, sector: str | None = None) -> str:
    """The absolute address of the site's feed, or of a sector's, in this build's language."""
    return build.roots[build.language] + feed_path(sector)


def _content_day(entry: Entry):
    data = entry.data
    moment = data.start if isinstance(data, Activity) else data.date
    return moment.first_day if moment.has_day else None


def feed_item(build: SiteBuild, entry: Entry) -> FeedItem | None:
    """The entry's feed dates, or None when no real day is known for it."""
    added = entry_added(build, entry)
    if added is None:
        day = entry.data.updated or _content_day(entry)
        if day is None:
            return None
        added = datetime.combine(day, time(0), tzinfo=STOCKHOLM)
    changed = entry_changed(build, entry, build.language)
    updated = max(added, as_datetime(changed)) if changed is not None else added
    return FeedItem(entry, added, updated)


def feed_items(build: SiteBuild) -> list[FeedItem]:
    """Every activity and resource that can be dated, newest first."""
    if "feed_items" not in build.memo:
        items = [item for entry in build.site.entries.values() if isinstance(entry.data, Activity | Resource)
                 if (item := feed_item(build, entry)) is not None]
        items.sort(key=lambda item: (item.published, item.updated, item.entry.src_uri), reverse=True)
        build.memo["feed_items"] = items
    return build.memo["feed_items"]


def for_sector(items: list[FeedItem], sector: str) -> list[FeedItem]:
    """The items meant for one sector (those for all sectors included)."""
    return [item for item in items if sector in item.entry.data.sectors or item.entry.data.sectors == ("all",)]


def _entry_summary(build: SiteBuild, item: FeedItem) -> str:
    data = item.entry.data
    summary = item.entry.text("summary", build.language)
    if isinstance(data, Activity):
        when = i18n.span_text(data.start, data.end, build.language)
        where = build.venue_text(data.venue)
        return " · ".join(part for part in (when, where, summary) if part)
    return summary


def _category(build: SiteBuild, entry: Entry) -> str:
    data = entry.data
    if isinstance(data, Activity):
        return build.site.vocabularies["activity-types"][data.type].label(build.language)
    return build.t(f"share.sections.{data.kind.value}")


def atom_feed(build: SiteBuild, items: list[FeedItem], sector: str | None = None) -> bytes:
    """An Atom feed of the newest items, in this build's language."""
    language = build.language
    shown = items[:FEED_SIZE]
    if sector is None:
        title = build.t("feeds.site").format(site=build.site_name)
    else:
        title = build.t("feeds.sector").format(sector=build.site.label("sectors", sector, language))
    generator = FeedGenerator()
    generator.id(feed_url(build, sector))
    generator.title(title)
    generator.subtitle(build.t("feeds.subtitle"))
    generator.language(language)
    generator.link(href=feed_url(build, sector), rel="self", type="application/atom+xml")
    generator.link(href=build.roots[language] + (f"sectors/{sector}/" if sector else ""), rel="alternate",
                   type="text/html")
    generator.author({"name": build.site_name})
    # The newest change of what the feed holds; with nothing, of anything in the site.
    newest = [item.updated for item in shown] or [item.updated for item in feed_items(build)] or [_NO_DATE]
    generator.updated(max(newest))
    for item in reversed(shown):
        entry = item.entry
        address = page_address(build, entry.url)
        feed_entry = generator.add_entry()
        feed_entry.id(address)
        feed_entry.title(entry.title(language))
        feed_entry.link(href=address, rel="alternate", type="text/html")
        feed_entry.summary(_entry_summary(build, item))
        feed_entry.published(item.published)
        feed_entry.updated(item.updated)
        feed_entry.category(term=_category(build, entry))
    return generator.atom_str(pretty=True)


@output_writer
def feeds(build: SiteBuild):
    """The site's feed and one per sector, in this build's language."""
    items = feed_items(build)
    yield OutputFile(feed_path(), atom_feed(build, items))
    for sector in build.site.vocabularies["sectors"]:
        yield OutputFile(feed_path(sector), atom_feed(build, for_sector(items, sector), sector))


@page_context_part
def feed_links(build: SiteBuild, src_uri: str, page_url: str) -> dict:
    """The site's feed, announced in every page's head."""
    return {"feeds": [{"title": build.t("feeds.site").format(site=build.site_name), "href": feed_url(build)}]}
