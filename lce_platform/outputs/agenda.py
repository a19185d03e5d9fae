"""The programme calendar: calendar pages, the year archive, area pages and the page on how to subscribe. Phases
are computed once per build (Edition.phases) and split in one pass."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from babel.dates import format_date
from markupsafe import Markup

from lce_platform.outputs.listing import activity_list
from lce_platform.outputs.render import render
from lce_platform.content.collections import ACTIVITIES, PROGRAMMES
from lce_platform.content.site import Entry
from lce_platform.facts.urls import area_calendar_path, area_url, CALENDAR_URL, calendar_year_url, ICALENDAR_FILE, relative_url, sector_calendar_path, SUBSCRIBE_URL, webcal_address
from lce_platform.facts.timeline import PHASES, Phase, activity_begins, activity_year
from lce_platform.outputs.calendar_services import subscription_links
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.icalendar_feeds import feed_name
from lce_platform.outputs.planned import GeneratedPage

PAST_SHOWN = 20
"""Past activities on the calendar and area pages; the rest are in the year archive."""
UPCOMING_SHOWN = 60
"""Upcoming activities the calendar and area pages list; later ones are on the year pages they link to (a phone
should not load a whole archive's future)."""

Phases = dict[Phase, list[Entry]]


def entry_year(entry: Entry) -> int | None:
    """The year an activity's entry is listed under (facts/timeline.py); None: under 'date not announced'."""
    return activity_year(entry.data)


def _newest_first(years: Iterable[int | None]) -> list[int | None]:
    """Years newest first, an unknown year (None) last."""
    known = sorted((year for year in years if year is not None), reverse=True)
    return known + ([None] if None in years else [])


def split_phases(phases: Phases, key: Callable[[Entry], Iterable[Any]]) -> dict[Any, Phases]:
    """The activities of each phase split by `key` (which may give several keys), keeping their order."""
    groups: dict[Any, Phases] = defaultdict(lambda: {name: [] for name in PHASES})
    for name in PHASES:
        for entry in phases[name]:
            for value in key(entry):
                groups[value][name].append(entry)
    return dict(groups)


def by_month(edition: Edition, entries: list[Entry], from_url: str, heading_level: int) -> list[dict[str, Any]]:
    """Upcoming activities in groups by the month they begin (input in date order); those without start last,
    under 'date not announced'."""
    months: list[dict[str, Any]] = []
    current: list[Entry] = []
    for entry in entries:
        begins = activity_begins(entry.data)
        key = f"{begins.year:04d}-{begins.month:02d}" if begins is not None else "undated"
        if not months or months[-1]["key"] != key:
            current = []
            label = (format_date(begins.date(), "LLLL y", locale=edition.language) if begins is not None
                     else edition.t("calendar.undated"))
            months.append({"key": key, "label": label, "entries": current})
        current.append(entry)
    for month in months:
        month["html"] = Markup(activity_list(edition, month.pop("entries"), from_url, heading_level))
    return months


def filter_choices(edition: Edition) -> dict[str, list]:
    """The options of the sector, type and area filters, labelled in the build's language."""
    language = edition.language
    vocabularies = edition.site.vocabularies
    used_types = {entry.data.type for entry in edition.site.collection(ACTIVITIES)}
    programmes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for area_id, area in vocabularies["areas"].items():
        programmes[area.programme].append((area_id, area.label(language)))
    programme_titles = {entry.id: entry.title(language) for entry in edition.site.collection(PROGRAMMES)}
    return {
        "sectors": [(key, sector.label(language)) for key, sector in vocabularies["sectors"].items()],
        "types": [(key, kind.label(language)) for key, kind in vocabularies["activity-types"].items() if key in used_types],
        "areas": [(programme_titles.get(programme, programme), areas) for programme, areas in programmes.items()],
    }


def timeline_html(edition: Edition, phases: Phases, from_url: str, *, order: tuple[Phase, ...] = PHASES,
                  past_shown: int | None = None, upcoming_shown: int | None = None, year_query: str = "",
                  archive: list[dict[str, Any]] | None = None,
                  filters: bool = False, heading_level: int = 2, group_upcoming: bool = True,
                  headings: dict[Phase, str] | None = None) -> str:
    """Activities in sections by phase (ongoing, upcoming by month, past newest first)."""
    sections = []
    for name in order:
        entries = phases[name]
        later = None
        if name == "past" and past_shown is not None:
            entries = entries[:past_shown]
        if name == "upcoming" and upcoming_shown is not None and len(entries) > upcoming_shown:
            last_shown = entry_year(entries[upcoming_shown - 1])
            later = archive_links(edition, {entry_year(entry) for entry in entries[upcoming_shown:]} | {last_shown},
                                  from_url, year_query, oldest_first=True)
            entries = entries[:upcoming_shown]
        section: dict[str, Any] = {
            "phase": name,
            "heading": (headings or {}).get(name) or edition.t(f"calendar.{name}"),
            "none": edition.t(f"calendar.none_{name}"),
            "empty": not entries,
            "months": None,
            "archive": archive if name == "past" else None,
            "later": later,
        }
        if name == "upcoming" and group_upcoming:
            section["months"] = by_month(edition, entries, from_url, heading_level + 2)
        else:
            section["html"] = Markup(activity_list(edition, entries, from_url, heading_level + 1))
        sections.append(section)
    return render("calendar_timeline.html", edition.language, sections=sections, heading_level=heading_level,
                  filters=filter_choices(edition) if filters else None)


def feed_links(edition: Edition, feed_uri: str, from_url: str, label: str | None = None) -> dict[str, Any]:
    """A feed's links: its .ics file (relative), its absolute address, a webcal:// subscription and the links that
    subscribe Google Calendar and Outlook to it (`label`: the sector's or area's, as in the feed's name)."""
    absolute = edition.roots[edition.language] + feed_uri
    return {"url": relative_url(from_url, feed_uri), "address": absolute, "webcal": webcal_address(absolute),
            "services": subscription_links(absolute, feed_name(edition, label))}


def anything_on(phases: Phases) -> bool:
    """Whether an activity of these phases is ongoing or upcoming."""
    return bool(phases["ongoing"] or phases["upcoming"])


def intro_html(edition: Edition, from_url: str, feed_uri: str | None, feed_phases: Phases, summary: str | None = None,
               programme_text: str | None = None, feed_label: str | None = None) -> str:
    """The lines above a calendar: what it holds, its feed and how to subscribe; when nothing of the feed's
    activities (`feed_phases`) is on or coming, that, and no subscription (it would promise activities nobody
    planned; the feeds stay at their addresses)."""
    on = anything_on(feed_phases)
    return render(
        "calendar_intro.html", edition.language,
        summary=summary, programme=bool(programme_text), programme_text=programme_text,
        feed=feed_links(edition, feed_uri, from_url, feed_label) if feed_uri and on else None,
        subscribe_url=relative_url(from_url, SUBSCRIBE_URL) if on else None, nothing_on=not on,
    )


def archive_links(edition: Edition, years: Iterable[int | None], from_url: str, query: str = "",
                  oldest_first: bool = False) -> list[dict[str, Any]]:
    """Links to the year pages, newest first (or oldest first), the page of activities without a year last."""
    ordered = _newest_first(set(years))
    if oldest_first:
        ordered = [year for year in ordered[::-1] if year is not None] + [year for year in ordered if year is None]
    return [{"year": year if year is not None else edition.t("calendar.undated"),
             "url": relative_url(from_url, calendar_year_url(year)) + query} for year in ordered]


def calendar_pages(edition: Edition) -> Iterable[GeneratedPage]:
    """The calendar, one archive page per year, one page per programme area and the subscribe page."""
    phases = edition.phases
    by_year = split_phases(phases, lambda entry: (entry_year(entry),))
    by_area = split_phases(phases, lambda entry: (entry.data.area,))
    past_years = _newest_first({entry_year(entry) for entry in phases["past"]})

    yield GeneratedPage(
        src_uri=CALENDAR_URL + "index.md",
        title=edition.t("calendar.title"),
        summary=edition.t("calendar.summary"),
        make_html=partial(_calendar_html, edition, past_years),
    )
    for year in sorted(year for year in by_year if year is not None) + [None] * (None in by_year):
        yield GeneratedPage(
            src_uri=calendar_year_url(year) + "index.md",
            title=(edition.t("calendar.year_title").format(year=year) if year is not None
                   else edition.t("calendar.undated_title")),
            summary=(edition.t("calendar.year_summary").format(year=year) if year is not None
                     else edition.t("calendar.undated_summary")),
            make_html=partial(_year_html, edition, year, by_year[year], past_years),
        )
    programmes = {entry.id: entry for entry in edition.site.collection(PROGRAMMES)}
    for area_id, area in edition.site.vocabularies["areas"].items():
        area_phases = by_area.get(area_id) or {name: [] for name in PHASES}
        yield GeneratedPage(
            src_uri=area_url(area_id) + "index.md",
            title=area.label(edition.language),
            summary=area.summary(edition.language) if area.summary else None,
            make_html=partial(_area_html, edition, area_id, area_phases, programmes.get(area.programme)),
        )
    yield subscribe_page(edition)


def _calendar_html(edition: Edition, past_years: list[int | None]) -> str:
    return (intro_html(edition, CALENDAR_URL, ICALENDAR_FILE, edition.phases)
            + timeline_html(edition, edition.phases, CALENDAR_URL, past_shown=PAST_SHOWN, upcoming_shown=UPCOMING_SHOWN,
                            filters=True, archive=archive_links(edition, past_years, CALENDAR_URL)))


def _year_html(edition: Edition, year: int | None, year_phases: Phases, past_years: list[int | None]) -> str:
    url = calendar_year_url(year)
    # No subscription offered for activities without a day: no calendar can hold them.
    return (intro_html(edition, url, ICALENDAR_FILE if year is not None else None, edition.phases)
            + timeline_html(edition, year_phases, url, filters=True,
                            archive=archive_links(edition, [y for y in past_years if y != year], url)))


def _area_html(edition: Edition, area_id: str, area_phases: Phases, programme: Entry | None) -> str:
    url = area_url(area_id)
    area = edition.site.vocabularies["areas"][area_id]
    programme_title = programme.title(edition.language) if programme else area.programme
    area_years = {entry_year(entry) for entry in area_phases["past"]}
    return (intro_html(edition, url, area_calendar_path(area_id), area_phases,
                       summary=area.summary(edition.language) if area.summary else None,
                       programme_text=edition.t("calendar.area_programme").format(programme=programme_title),
                       feed_label=area.label(edition.language))
            + timeline_html(edition, area_phases, url, past_shown=PAST_SHOWN, upcoming_shown=UPCOMING_SHOWN,
                            year_query=f"?area={area_id}",
                            archive=archive_links(edition, area_years, url, query=f"?area={area_id}")))


def subscribe_page(edition: Edition) -> GeneratedPage:
    """How to subscribe, which link to use on which device, and every feed as a webcal:// link, as links that
    subscribe Google Calendar and Outlook, and as its address."""
    return GeneratedPage(
        src_uri=SUBSCRIBE_URL.rstrip("/") + ".md",
        title=edition.t("calendar_subscribe.title"),
        summary=edition.t("calendar_subscribe.summary"),
        make_html=partial(_subscribe_html, edition),
    )


def _subscribe_html(edition: Edition) -> str:
    language = edition.language
    vocabularies = edition.site.vocabularies

    def feed(label: str, uri: str, feed_label: str | None) -> dict[str, Any]:
        return {"label": label, **feed_links(edition, uri, SUBSCRIBE_URL, feed_label)}

    groups = [
        {"key": "whole", "heading": edition.t("calendar_subscribe.whole"),
         "feeds": [feed(edition.t("calendar.feed_name"), ICALENDAR_FILE, None)]},
        {"key": "sectors", "heading": edition.t("calendar_subscribe.by_sector"),
         "feeds": [feed(sector.label(language), sector_calendar_path(key), sector.label(language))
                   for key, sector in vocabularies["sectors"].items()]},
        {"key": "areas", "heading": edition.t("calendar_subscribe.by_area"),
         "feeds": [feed(area.label(language), area_calendar_path(key), area.label(language))
                   for key, area in vocabularies["areas"].items()]},
    ]
    return render("calendar_subscribe.html", language, groups=groups, nothing_on=not anything_on(edition.phases))
