"""The home page's lead, placed between its title and its text: what is on; or, when nothing is on or coming (between
activities, after the programmes), the knowledge first (the newest recordings, materials and case studies, then
the programmes' records), a way to follow new publications and the last activities, without promising a next one;
then a way into each sector (and, while activities are on, each programme)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from lce_platform.content.collections import PROGRAMMES
from lce_platform.content.site import Entry
from lce_platform.facts.timeline import programme_phase
from lce_platform.facts.urls import (
    CALENDAR_URL, HOME_SRC_URI, SUBSCRIBE_URL, atom_feed_path, impact_url, library_url, relative_url, sector_url,
)
from lce_platform.outputs import i18n
from lce_platform.outputs.agenda import anything_on, timeline_html
from lce_platform.outputs.credits import PLATFORM_PROGRAMME
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import resource_list

NEXT_ON_HOME = 5
"""Ongoing and upcoming activities the home page lists, each; the calendar has the rest."""
RECENT_ON_HOME = 3
"""Past activities the home page lists when nothing is on or coming."""
LATEST_ON_HOME = 3
"""Newest resources the home page lists while activities are on."""
KNOWLEDGE_ON_HOME = 6
"""Newest resources the home page leads with when nothing is on or coming."""


@dataclass(frozen=True)
class WhatIsOn:
    """What the home page leads with on the build's today."""

    ongoing: tuple[Entry, ...]
    upcoming: tuple[Entry, ...]
    recent: tuple[Entry, ...]
    """The last activities, newest first: only when nothing is ongoing or upcoming."""
    resources: tuple[Entry, ...]

    @property
    def anything_on(self) -> bool:
        """Whether an activity is ongoing or upcoming."""
        return bool(self.ongoing or self.upcoming)


def what_is_on(edition: Edition) -> WhatIsOn:
    """The activities and resources the home page shows first, as of the edition's today."""
    phases = edition.phases
    ongoing = tuple(phases["ongoing"][:NEXT_ON_HOME])
    upcoming = tuple(phases["upcoming"][:NEXT_ON_HOME])
    quiet = not anything_on(phases)
    recent = tuple(phases["past"][:RECENT_ON_HOME]) if quiet else ()
    resources = edition.indexes.resources[:KNOWLEDGE_ON_HOME if quiet else LATEST_ON_HOME]
    return WhatIsOn(ongoing, upcoming, recent, tuple(resources))


def programmes_in_order(edition: Edition) -> list[Entry]:
    """The programmes, the one this site is the platform of first, then the others as the content orders them."""
    programmes = list(edition.site.collection(PROGRAMMES))
    return sorted(programmes, key=lambda entry: entry.id != PLATFORM_PROGRAMME)


def programme_records(edition: Edition, page_url: str) -> list[dict[str, object]]:
    """Each programme with its period as a sentence of the build's day and a link to its numbers, which are its
    record once its period has passed."""
    language = edition.language
    return [
        {
            "title": programme.title(language),
            "url": relative_url(page_url, programme.url),
            "period": i18n.programme_period_sentence(programme.data, edition.today, language),
            "record": programme_phase(programme.data, edition.today) == "past",
            "impact_url": relative_url(page_url, impact_url(programme.id)),
        }
        for programme in programmes_in_order(edition)
    ]


def home_what_is_on(edition: Edition, entry: Entry, page_url: str) -> str:
    """On the home page, first: ongoing and upcoming activities; or, when there are none, the knowledge (newest
    resources, the programmes' records), how to follow new publications, and the last activities."""
    if entry.src_uri != HOME_SRC_URI:
        return ""
    shown = what_is_on(edition)
    if not shown.anything_on:
        timeline = timeline_html(edition, {"ongoing": [], "upcoming": [], "past": list(shown.recent)}, page_url,
                                 order=("past",), group_upcoming=False, headings={"past": edition.t("home.recent")})
        return render(
            "home_knowledge.html", edition.language,
            resources=resource_list(edition, list(shown.resources), page_url) if shown.resources else None,
            library_url=relative_url(page_url, library_url()),
            programmes=programme_records(edition, page_url),
            feed_url=relative_url(page_url, atom_feed_path()),
            timeline=Markup(timeline) if shown.recent else None,
            calendar_url=relative_url(page_url, CALENDAR_URL),
        )
    phases = {"ongoing": list(shown.ongoing), "upcoming": list(shown.upcoming), "past": []}
    # An empty "ongoing now" would only push the next activities down.
    order = ("ongoing", "upcoming") if shown.ongoing else ("upcoming",)
    headings = {"ongoing": edition.t("home.ongoing"), "upcoming": edition.t("home.upcoming")}
    timeline = timeline_html(edition, phases, page_url, order=order, group_upcoming=False, headings=headings)
    return render(
        "home_what_is_on.html", edition.language,
        timeline=Markup(timeline),
        calendar_url=relative_url(page_url, CALENDAR_URL),
        subscribe_url=relative_url(page_url, SUBSCRIBE_URL),
    )


def latest_resources(edition: Edition, shown: WhatIsOn, page_url: str) -> Markup | None:
    """The newest resources and a link to the library (while activities are on, after the ways in)."""
    if not shown.resources:
        return None
    return Markup(render("home_resources.html", edition.language,
                         list=resource_list(edition, list(shown.resources), page_url),
                         library_url=relative_url(page_url, library_url())))


def home_latest_resources(edition: Edition, entry: Entry, page_url: str) -> str:
    """On the home page, after the ways in, while activities are on: the newest resources (with nothing on, they
    come first, with the last activities)."""
    if entry.src_uri != HOME_SRC_URI:
        return ""
    shown = what_is_on(edition)
    return (latest_resources(edition, shown, page_url) or "") if shown.anything_on else ""


def home_ways_in(edition: Edition, entry: Entry, page_url: str) -> str:
    """On the home page, after what is on: a link to each sector's page and, while activities are on, to each
    programme (with nothing on, the programmes and their records come first)."""
    if entry.src_uri != HOME_SRC_URI:
        return ""
    language = edition.language
    indexes = edition.indexes
    sectors = []
    for sector in edition.site.vocabularies["sectors"]:
        phases = indexes.activities_by_sector[sector]
        sectors.append({
            "label": edition.site.label("sectors", sector, language),
            "url": relative_url(page_url, sector_url(sector)),
            "current": len(phases["ongoing"]) + len(phases["upcoming"]),
        })
    programmes = [
        {
            "title": programme.title(language),
            "url": relative_url(page_url, programme.url),
            "period": i18n.programme_period_sentence(programme.data, edition.today, language),
            "summary": programme.text("summary", language),
        }
        for programme in programmes_in_order(edition)
    ] if what_is_on(edition).anything_on else []
    return render("home_ways_in.html", language, sectors=sectors, programmes=programmes,
                  sectors_url=relative_url(page_url, sector_url()))
