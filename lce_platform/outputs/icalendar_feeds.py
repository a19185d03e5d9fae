"""iCalendar feeds of the programme: the whole calendar, each sector, each area, and each activity.

Written with the icalendar library. Two builds of the same content on the same SITE_TODAY give
byte-identical files: UIDs come from activity ids, DTSTAMP from `updated` or the build's today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from icalendar import Calendar, Event, Timezone, vDuration

from lce_platform.content.model import ALL_SECTORS, Activity, Status
from lce_platform.content.moments import Moment
from lce_platform.reuse import kept_between_builds
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.site import Entry
from lce_platform.facts.timeline import activity_begins, activity_ends, build_instant
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import SiteFile
from lce_platform.facts.urls import activity_calendar_path, area_calendar_path, ICALENDAR_FILE, sector_calendar_path

UID_DOMAIN = "learncreateengage.mediaevolution.se"
"""Fixed, so UIDs stay the same whatever address the site is built for."""
TIMEZONE = "Europe/Stockholm"
REFRESH = timedelta(hours=6)
FEED_HISTORY = timedelta(days=365)
"""How long an ended activity stays in the subscription feeds (programme, sector, area): a calendar app fetches
them every few hours, and years of past events would only weigh. Each activity keeps its own .ics file."""

ICAL_STATUS = {Status.cancelled: "CANCELLED", Status.postponed: "TENTATIVE"}


def activity_calendar_file(entry: Entry) -> str | None:
    """Path of an activity's own .ics file, if it has one (an activity with a day to put in a calendar)."""
    return activity_calendar_path(entry.url) if in_feeds(entry.data) else None


def event_times(start: Moment, end: Moment | None) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND of a span: local times with their zone, or whole days (DTEND exclusive)."""
    if start.has_time:
        if end is None:
            return start.local, None
        return start.local, end.local if end.has_time else end.ends()
    last_day = end.local.date() if end is not None and end.has_time else (end or start).last_day
    return start.first_day, last_day + timedelta(days=1)


def uid(entry: Entry, session_number: int | None = None) -> str:
    """A UID that only depends on the activity id (and the session's place in its list)."""
    base = "activity-" + entry.id.replace("/", "-")
    if session_number is not None:
        base += f"-session-{session_number}"
    return f"{base}@{UID_DOMAIN}"


def in_feeds(activity: Activity) -> bool:
    """Whether an activity has a day to put in a calendar. RFC 5545 requires DTSTART of a VEVENT (in a calendar
    without METHOD), so one whose start is unknown, or known only to the month, season or year, has none."""
    return bool(activity.sessions) or (activity.start is not None and activity.start.has_day)


@dataclass(frozen=True)
class WrittenEvent:
    """One VEVENT written once, as it appears in every feed that holds it."""

    year: int
    ical: bytes


@dataclass(frozen=True)
class EventFacts:
    """Everything one VEVENT is written from."""

    uid: str
    stamp: datetime
    starts: date | datetime
    ends: date | datetime | None
    summary: str
    description: str
    url: str
    location: str | None
    category: str
    status: str


def activity_events(edition: Edition, entry: Entry) -> list[EventFacts]:
    """One VEVENT per session (or one for the activity), in the build's language."""
    activity: Activity = entry.data
    if not in_feeds(activity):
        return []
    language = edition.language
    title = entry.title(language)
    url = edition.roots[language] + entry.url
    status = edition.t("status." + activity.status.value) + "." if activity.status is not Status.scheduled else None
    # Its status and its summary, each when there is one (an activity may have no summary), then its address.
    lead = " ".join(part for part in (status, entry.text("summary", language)) if part)
    description = f"{lead}\n\n{url}" if lead else url
    stamp_day = activity.updated or edition.today
    category = edition.site.vocabularies["activity-types"][activity.type].label(language)
    spans = [(None, activity.start, activity.end, activity.venue, title)]
    if activity.sessions:
        count = len(activity.sessions)
        spans = [
            (number, session.start, session.end, session.venue or activity.venue,
             f"{title} – {session.title}" if session.title else f"{title} ({number}/{count})")
            for number, session in enumerate(activity.sessions, start=1)
        ]
    return [
        EventFacts(uid(entry, number), datetime.combine(stamp_day, time(0), tzinfo=UTC), *event_times(start, end),
                   summary, description, url, edition.venue_text(venue) or None, category,
                   ICAL_STATUS.get(activity.status, "CONFIRMED"))
        for number, start, end, venue, summary in spans
    ]


@kept_between_builds
def written_event(facts: EventFacts) -> WrittenEvent:
    """One VEVENT, serialized by icalendar."""
    event = Event()
    event.add("uid", facts.uid)
    event.add("dtstamp", facts.stamp)
    event.add("dtstart", facts.starts)
    if facts.ends is not None:
        event.add("dtend", facts.ends)
    event.add("summary", facts.summary)
    event.add("description", facts.description)
    event.add("url", facts.url)
    if facts.location:
        event.add("location", facts.location)
    event.add("categories", [facts.category])
    event.add("status", facts.status)
    event.add("transp", "OPAQUE" if isinstance(facts.starts, datetime) else "TRANSPARENT")
    return WrittenEvent(facts.starts.year, event.to_ical())


@cache
def stockholm_timezone(first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of Europe/Stockholm with the transitions of the years a feed spans (from zoneinfo)."""
    return Timezone.from_tzid(TIMEZONE, first_date=date(first_year, 1, 1),
                              last_date=date(last_year + 1, 1, 1)).to_ical()


CALENDAR_END = b"END:VCALENDAR\r\n"


@kept_between_builds
def calendar_head(language: str, name: str) -> bytes:
    """The properties of a VCALENDAR (up to, not including, its components), written by icalendar."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Media Evolution//Learn Create Engage//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar.to_ical().removesuffix(CALENDAR_END)


def feed_name(edition: Edition, label: str | None = None) -> str:
    """A feed's calendar name (X-WR-CALNAME): the programme's, with a sector's or an area's label."""
    name = edition.t("calendar.feed_name")
    return f"{name}: {label}" if label else name


def calendar_bytes(edition: Edition, name: str, events: list[WrittenEvent]) -> bytes:
    """A complete VCALENDAR holding `events`, with the Stockholm time zone they refer to.

    The components, written once each, are placed where icalendar would write them (after the calendar's
    properties, before END:VCALENDAR), so an event shared by a dozen feeds is serialized once.
    """
    years = [event.year for event in events] or [edition.today.year]
    # Always present, so even a feed with no events yet is a valid calendar (RFC 5545 wants a component).
    timezone = stockholm_timezone(min(years), max(years))
    return b"".join([calendar_head(edition.language, name), timezone, *(event.ical for event in events), CALENDAR_END])


def activity_calendar(edition: Edition, entry: Entry, events: list[WrittenEvent] | None = None) -> bytes:
    """An activity's own .ics file (of its `events`, when already written)."""
    if events is None:
        events = [written_event(facts) for facts in activity_events(edition, entry)]
    return calendar_bytes(edition, f"{edition.t('calendar.feed_name')}: {entry.title(edition.language)}", events)


def calendar_feeds(edition: Edition) -> Iterable[SiteFile]:
    """The whole programme's feed, one per sector, one per area (what is on, coming, or ended within FEED_HISTORY),
    and one per activity. Each is made only when written, from the activities it holds (`made_from`): a build that
    kept the previous build's file of the same activities does not make it, and an activity's events are written
    once for all the feeds that hold it."""
    vocabularies = edition.site.vocabularies
    oldest_end = build_instant(edition.today) - FEED_HISTORY
    entries = sorted((entry for entry in edition.site.collection(ACTIVITIES) if in_feeds(entry.data)),
                     key=lambda entry: (activity_begins(entry.data), entry.id))
    by_sector: dict[str, list[Entry]] = {sector: [] for sector in vocabularies["sectors"]}
    by_area: dict[str, list[Entry]] = {area: [] for area in vocabularies["areas"]}
    everything: list[Entry] = []
    for entry in entries:
        activity: Activity = entry.data
        if activity_ends(activity) > oldest_end:
            everything.append(entry)
            for sector in by_sector if activity.sectors == (ALL_SECTORS,) else activity.sectors:
                by_sector[sector].append(entry)
            by_area[activity.area].append(entry)
    subscribed = {entry.src_uri for entry in everything}
    # The events of the activities the subscription feeds hold, kept once written (the others' go with their file).
    held: dict[str, list[WrittenEvent]] = {}

    def events_of(entry: Entry) -> list[WrittenEvent]:
        events = held.get(entry.src_uri)
        if events is None:
            events = [written_event(facts) for facts in activity_events(edition, entry)]
            if entry.src_uri in subscribed:
                held[entry.src_uri] = events
        return events

    def feed(path: str, label: str | None, activities: list[Entry]) -> SiteFile:
        name = feed_name(edition, label)
        return SiteFile(path, made_from=tuple(entry.src_uri for entry in activities),
                        make=lambda: calendar_bytes(edition, name, [event for entry in activities
                                                                    for event in events_of(entry)]))

    for entry in entries:
        yield SiteFile(activity_calendar_path(entry.url), made_from=(entry.src_uri,),
                       make=lambda entry=entry: activity_calendar(edition, entry, events_of(entry)))
    yield feed(ICALENDAR_FILE, None, everything)
    for sector, activities in by_sector.items():
        yield feed(sector_calendar_path(sector), vocabularies["sectors"][sector].label(edition.language), activities)
    for area, activities in by_area.items():
        yield feed(area_calendar_path(area), vocabularies["areas"][area].label(edition.language), activities)
