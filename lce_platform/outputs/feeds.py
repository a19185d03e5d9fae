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
from functools import partial

from feedgen.feed import FeedGenerator

from lce_platform.outputs import i18n
from lce_platform.facts.history import as_datetime, entry_added, entry_changed
from lce_platform.content.model import Activity, Resource
from lce_platform.content.moments import STOCKHOLM
from lce_platform.outputs.sharing import page_address

from lce_platform.content.site import Entry
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import SiteFile
from lce_platform.facts.urls import atom_feed_path, sector_url

FEED_SIZE = 50
_NO_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: a content entry with the moments it was published and last changed."""

    entry: Entry
    published: datetime
    updated: datetime


def feed_url(edition: Edition, sector: str | None = None) -> str:
    """The absolute address of the site's feed, or of a sector's, in this build's language."""
    return edition.roots[edition.language] + atom_feed_path(sector)


def _content_day(entry: Entry):
    data = entry.data
    moment = data.start if isinstance(data, Activity) else data.date
    return moment.first_day if moment is not None and moment.has_day else None


def feed_item(edition: Edition, entry: Entry) -> FeedItem | None:
    """The entry's feed dates, or None when no real day is known for it."""
    added = entry_added(edition.history, entry)
    if added is None:
        day = entry.data.updated or _content_day(entry)
        if day is None:
            return None
        added = datetime.combine(day, time(0), tzinfo=STOCKHOLM)
    changed = entry_changed(edition.history, entry, edition.language)
    updated = max(added, as_datetime(changed)) if changed is not None else added
    return FeedItem(entry, added, updated)


def feed_items(edition: Edition) -> list[FeedItem]:
    """Every activity and resource that can be dated, newest first."""
    items = [item for entry in edition.site.entries.values() if isinstance(entry.data, Activity | Resource)
             if (item := feed_item(edition, entry)) is not None]
    items.sort(key=lambda item: (item.published, item.updated, item.entry.src_uri), reverse=True)
    return items


def for_sector(items: list[FeedItem], sector: str) -> list[FeedItem]:
    """The items meant for one sector (those for all sectors included)."""
    return [item for item in items if sector in item.entry.data.sectors or item.entry.data.sectors == ("all",)]


def _entry_summary(edition: Edition, item: FeedItem) -> str:
    data = item.entry.data
    summary = item.entry.text("summary", edition.language)
    if isinstance(data, Activity):
        when = i18n.activity_when(data, edition.language)
        where = edition.venue_text(data.venue)
        return " · ".join(part for part in (when, where, summary) if part)
    return summary


def _category(edition: Edition, entry: Entry) -> str:
    data = entry.data
    if isinstance(data, Activity):
        return edition.site.vocabularies["activity-types"][data.type].label(edition.language)
    return edition.t(f"share.sections.{data.kind.value}")


def atom_feed(edition: Edition, items: list[FeedItem], sector: str | None = None,
              every_item: list[FeedItem] | None = None) -> bytes:
    """An Atom feed of the newest `items` (of `every_item` of the site, default `items`), in this build's language."""
    language = edition.language
    shown = items[:FEED_SIZE]
    if sector is None:
        title = edition.t("feeds.site").format(site=edition.site_name)
    else:
        title = edition.t("feeds.sector").format(sector=edition.site.label("sectors", sector, language))
    generator = FeedGenerator()
    generator.id(feed_url(edition, sector))
    generator.title(title)
    generator.subtitle(edition.t("feeds.subtitle"))
    generator.language(language)
    generator.link(href=feed_url(edition, sector), rel="self", type="application/atom+xml")
    generator.link(href=edition.roots[language] + (sector_url(sector) if sector else ""), rel="alternate",
                   type="text/html")
    generator.author({"name": edition.site_name})
    # The newest change of what the feed holds; with nothing, of anything in the site.
    newest = [item.updated for item in shown] or [item.updated for item in (items if every_item is None else every_item)] or [_NO_DATE]
    generator.updated(max(newest))
    for item in reversed(shown):
        entry = item.entry
        address = page_address(edition, entry.url)
        feed_entry = generator.add_entry()
        feed_entry.id(address)
        feed_entry.title(entry.title(language))
        feed_entry.link(href=address, rel="alternate", type="text/html")
        feed_entry.summary(_entry_summary(edition, item))
        feed_entry.published(item.published)
        feed_entry.updated(item.updated)
        feed_entry.category(term=_category(edition, entry))
    return generator.atom_str(pretty=True)


def feed_file(edition: Edition, items: list[FeedItem], sector: str | None = None,
              every_item: list[FeedItem] | None = None) -> SiteFile:
    """The file of atom_feed, made when written. It shows its newest items (with none, the date of the newest item
    of the site): it is made from their files and their dates (the dates of a moved file's old paths too)."""
    shown = items[:FEED_SIZE] or (items if every_item is None else every_item)
    return SiteFile(atom_feed_path(sector), make=partial(atom_feed, edition, items, sector, every_item),
                    made_from=tuple(item.entry.src_uri for item in shown),
                    facts=" ".join(f"{item.published.isoformat()}/{item.updated.isoformat()}" for item in shown))


def feeds(edition: Edition):
    """The site's feed and one per sector, in this build's language."""
    items = feed_items(edition)
    yield feed_file(edition, items)
    for sector in edition.site.vocabularies["sectors"]:
        yield feed_file(edition, for_sector(items, sector), sector, items)


def feed_links(edition: Edition, src_uri: str, page_url: str) -> dict:
    """The site's feed, announced in every page's head."""
    return {"feeds": [{"title": edition.t("feeds.site").format(site=edition.site_name), "href": feed_url(edition)}]}
