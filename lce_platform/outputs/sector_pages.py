"""Sector pages (with their feeds), the sectors overview, and a page per activity type."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from markupsafe import Markup

from lce_platform.content.model import ALL_SECTORS
from lce_platform.content.site import Entry
from lce_platform.outputs.listing import activity_list
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import resource_list
from lce_platform.facts.urls import library_url, relative_url, sector_url, type_url
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage

SECTOR_FEEDS = {"calendar": "calendar.ics", "news": "feed.xml"}
"""Each sector's feeds, next to its page: iCalendar from the calendar, Atom from the feeds."""


def for_every_sector(entry: Entry) -> bool:
    """Whether an item is open to every sector ('all') rather than made for some."""
    return ALL_SECTORS in entry.data.sectors


def _split(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    own = [entry for entry in entries if not for_every_sector(entry)]
    return own, [entry for entry in entries if for_every_sector(entry)]


def _parts(edition: Edition, current: list[Entry], past: list[Entry], resources: list[Entry], page_url: str,
           prefix: str) -> dict[str, Any]:
    """One group of a sector page (its own items, or those for every sector): ongoing and upcoming activities,
    resources, past activities, each only when it has items, with its heading's id."""
    return {
        "current": Markup(activity_list(edition, current, page_url, heading_level=4)) if current else None,
        "resources": resource_list(edition, resources, page_url, heading_level=4) if resources else None,
        "past": Markup(activity_list(edition, past, page_url, heading_level=4)) if past else None,
        "counts": {"current": len(current), "resources": len(resources), "past": len(past)},
        "ids": {name: prefix + name for name in ("current", "resources", "past")},
        "empty": not (current or resources or past),
    }


def sector_page(edition: Edition, sector: str) -> GeneratedPage:
    """One sector's page: first what was made for that sector (ongoing and upcoming activities, resources, past
    activities), then, under its own heading, what is open to every sector; the feeds carry both."""
    label = edition.site.label("sectors", sector, edition.language)
    summary = edition.t("sector_pages.sector_summary").format(sector=label.lower())
    return GeneratedPage(src_uri=sector_url(sector) + "index.md", title=label, summary=summary,
                         make_html=partial(_sector_html, edition, sector, label))


def _sector_html(edition: Edition, sector: str, label: str) -> str:
    page_url = sector_url(sector)
    phases = edition.indexes.activities_by_sector[sector]
    own_current, all_current = _split(phases["ongoing"] + phases["upcoming"])
    own_past, all_past = _split(phases["past"])
    own_resources, all_resources = _split(edition.indexes.resources_by_sector[sector])
    sector_name = label.lower() if edition.language == "sv" else label
    return render(
        "sector.html", edition.language,
        title=label,
        intro=edition.t("sector_pages.sector_intro").format(sector=sector_name),
        own_heading=edition.t("sector_pages.own").format(sector=sector_name),
        own_none=edition.t("sector_pages.own_none").format(sector=sector_name),
        feeds=SECTOR_FEEDS,
        own=_parts(edition, own_current, own_past, own_resources, page_url, ""),
        every=_parts(edition, all_current, all_past, all_resources, page_url, "all-"),
        overview_url=relative_url(page_url, sector_url()),
        library_url=relative_url(page_url, library_url()),
    )


def sectors_overview(edition: Edition) -> GeneratedPage:
    """Every sector with its counts of current and past activities and of resources."""
    title = edition.t("sector_pages.title")
    return GeneratedPage(src_uri=sector_url() + "index.md", title=title, summary=edition.t("sector_pages.summary"),
                         make_html=partial(_sectors_html, edition, title))


def _sectors_html(edition: Edition, title: str) -> str:
    page_url = sector_url()
    indexes = edition.indexes
    rows = []
    for sector in edition.site.vocabularies["sectors"]:
        phases = indexes.activities_by_sector[sector]
        rows.append({
            "label": edition.site.label("sectors", sector, edition.language),
            "url": relative_url(page_url, sector_url(sector)),
            "current": len(phases["ongoing"]) + len(phases["upcoming"]),
            "past": len(phases["past"]),
            "resources": len(indexes.resources_by_sector[sector]),
        })
    return render("sectors.html", edition.language, title=title, rows=rows,
                  types_url=relative_url(page_url, type_url()), library_url=relative_url(page_url, library_url()))


def type_page(edition: Edition, activity_type: str) -> GeneratedPage:
    """All activities of one type ("all seminars"): ongoing and upcoming, then past."""
    plural = edition.site.vocabularies["activity-types"][activity_type].plural(edition.language)
    summary = edition.t("sector_pages.type_summary").format(type=plural.lower())
    return GeneratedPage(src_uri=type_url(activity_type) + "index.md", title=plural, summary=summary,
                         make_html=partial(_type_html, edition, activity_type, plural))


def _type_html(edition: Edition, activity_type: str, plural: str) -> str:
    page_url = type_url(activity_type)
    phases = edition.indexes.activities_by_type[activity_type]
    current = phases["ongoing"] + phases["upcoming"]
    return render(
        "activity_type.html", edition.language,
        title=plural,
        current=Markup(activity_list(edition, current, page_url)) if current else None,
        past=Markup(activity_list(edition, phases["past"], page_url)) if phases["past"] else None,
        overview_url=relative_url(page_url, type_url()),
    )


def types_overview(edition: Edition) -> GeneratedPage:
    """Every activity type with its counts."""
    title = edition.t("sector_pages.types_title")
    return GeneratedPage(src_uri=type_url() + "index.md", title=title, summary=edition.t("sector_pages.types_summary"),
                         make_html=partial(_types_html, edition, title))


def _types_html(edition: Edition, title: str) -> str:
    page_url = type_url()
    rows = []
    for activity_type, entry in edition.site.vocabularies["activity-types"].items():
        phases = edition.indexes.activities_by_type[activity_type]
        rows.append({
            "label": entry.plural(edition.language),
            "url": relative_url(page_url, type_url(activity_type)),
            "current": len(phases["ongoing"]) + len(phases["upcoming"]),
            "past": len(phases["past"]),
        })
    return render("activity_types.html", edition.language, title=title, rows=rows,
                  sectors_url=relative_url(page_url, sector_url()))


def sector_and_type_pages(edition: Edition) -> Iterator[GeneratedPage]:
    """The sectors overview, a page per sector, the types overview and a page per activity type."""
    yield sectors_overview(edition)
    for sector in edition.site.vocabularies["sectors"]:
        yield sector_page(edition, sector)
    yield types_overview(edition)
    for activity_type in edition.site.vocabularies["activity-types"]:
        yield type_page(edition, activity_type)
