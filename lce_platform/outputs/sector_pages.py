"""Sector pages (with their feeds), the sectors overview, and a page per activity type."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from lce_platform.plan import GeneratedPage, SiteBuild, page_generator
from lce_platform.outputs.listing import activity_list
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import library_url, resource_list, sector_url, type_url
from lce_platform.facts.site import relative_url

SECTOR_FEEDS = {"calendar": "calendar.ics", "news": "feed.xml"}
"""Each sector's feeds, next to its page: iCalendar from the calendar, Atom from the feeds."""


def sector_page(build: SiteBuild, sector: str) -> GeneratedPage:
    """One sector's page: its ongoing and upcoming activities, past activities and resources."""
    page_url = sector_url(sector)
    label = build.site.label("sectors", sector, build.language)
    phases = build.indexes.activities_by_sector[sector]
    resources = build.indexes.resources_by_sector[sector]
    current = phases["ongoing"] + phases["upcoming"]
    html = render(
        "sector.html", build.language,
        title=label,
        intro=build.t("sector_pages.sector_intro").format(sector=label.lower()),
        feeds=SECTOR_FEEDS,
        current=Markup(activity_list(build, current, page_url)) if current else None,
        past=Markup(activity_list(build, phases["past"], page_url)) if phases["past"] else None,
        resources=resource_list(build, resources, page_url) if resources else None,
        counts={"current": len(current), "past": len(phases["past"]), "resources": len(resources)},
        overview_url=relative_url(page_url, sector_url()),
        library_url=relative_url(page_url, library_url()),
    )
    summary = build.t("sector_pages.sector_summary").format(sector=label.lower())
    return GeneratedPage(src_uri=page_url + "index.md", title=label, summary=summary, html=html)


def sectors_overview(build: SiteBuild) -> GeneratedPage:
    """Every sector with its counts of current and past activities and of resources."""
    page_url = sector_url()
    indexes = build.indexes
    rows = []
    for sector in build.site.vocabularies["sectors"]:
        phases = indexes.activities_by_sector[sector]
        rows.append({
            "label": build.site.label("sectors", sector, build.language),
            "url": relative_url(page_url, sector_url(sector)),
            "current": len(phases["ongoing"]) + len(phases["upcoming"]),
            "past": len(phases["past"]),
            "resources": len(indexes.resources_by_sector[sector]),
        })
    title = build.t("sector_pages.title")
    html = render("sectors.html", build.language, title=title, rows=rows,
                  types_url=relative_url(page_url, type_url()), library_url=relative_url(page_url, library_url()))
    return GeneratedPage(src_uri=page_url + "index.md", title=title, summary=build.t("sector_pages.summary"), html=html)


def type_page(build: SiteBuild, activity_type: str) -> GeneratedPage:
    """All activities of one type ("all seminars"): ongoing and upcoming, then past."""
    page_url = type_url(activity_type)
    plural = build.site.vocabularies["activity-types"][activity_type].plural(build.language)
    phases = build.indexes.activities_by_type[activity_type]
    current = phases["ongoing"] + phases["upcoming"]
    html = render(
        "activity_type.html", build.language,
        title=plural,
        current=Markup(activity_list(build, current, page_url)) if current else None,
        past=Markup(activity_list(build, phases["past"], page_url)) if phases["past"] else None,
        overview_url=relative_url(page_url, type_url()),
    )
    summary = build.t("sector_pages.type_summary").format(type=plural.lower())
    return GeneratedPage(src_uri=page_url + "index.md", title=plural, summary=summary, html=html)


def types_overview(build: SiteBuild) -> GeneratedPage:
    """Every activity type with its counts."""
    page_url = type_url()
    rows = []
    for activity_type, entry in build.site.vocabularies["activity-types"].items():
        phases = build.indexes.activities_by_type[activity_type]
        rows.append({
            "label": entry.plural(build.language),
            "url": relative_url(page_url, type_url(activity_type)),
            "current": len(phases["ongoing"]) + len(phases["upcoming"]),
            "past": len(phases["past"]),
        })
    title = build.t("sector_pages.types_title")
    html = render("activity_types.html", build.language, title=title, rows=rows,
                  sectors_url=relative_url(page_url, sector_url()))
    return GeneratedPage(src_uri=page_url + "index.md", title=title, summary=build.t("sector_pages.types_summary"),
                         html=html)


@page_generator
def sector_and_type_pages(build: SiteBuild) -> Iterator[GeneratedPage]:
    """The sectors overview, a page per sector, the types overview and a page per activity type."""
    yield sectors_overview(build)
    for sector in build.site.vocabularies["sectors"]:
        yield sector_page(build, sector)
    yield types_overview(build)
    for activity_type in build.site.vocabularies["activity-types"]:
        yield type_page(build, activity_type)
