"""Links that add an activity to Google Calendar or Outlook, or subscribe them to a feed, read back against the
iCalendar files the build writes (parsed with icalendar)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import FIXTURES, make_content
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.model import Status
from lce_platform.outputs.calendar_services import activity_event_links, subscription_links
from lce_platform.outputs.icalendar_feeds import activity_calendar, calendar_feeds
from lce_platform.plan import BuildPlan

SPRING_2025 = FIXTURES / "spring-2025" / "content"
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
TODAY = date(2025, 3, 15)


@pytest.fixture(scope="module", params=["sv", "en"])
def edition(request):
    """The spring 2025 fixture's edition in one language."""
    return BuildPlan.start(SPRING_2025, request.param, TODAY, ROOTS).edition


def query(link) -> tuple[str, dict[str, str]]:
    """A link's address without its query, and its query's values (each given once)."""
    parts = urlsplit(link.href)
    values = parse_qs(parts.query, strict_parsing=True)
    assert all(len(value) == 1 for value in values.values()), link.href
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {key: value[0] for key, value in values.items()}


def google_times(values: dict[str, str]) -> tuple[date | datetime, date | datetime]:
    """Google's `dates` read back: local times in `ctz`, or whole days."""
    first, last = values["dates"].split("/")
    if "T" not in first:
        return datetime.strptime(first, "%Y%m%d").date(), datetime.strptime(last, "%Y%m%d").date()
    zone = ZoneInfo(values["ctz"])
    return tuple(datetime.strptime(text, "%Y%m%dT%H%M%S").replace(tzinfo=zone) for text in (first, last))


def outlook_times(values: dict[str, str]) -> tuple[date | datetime, date | datetime]:
    """Outlook's `startdt` and `enddt` read back: UTC instants, or whole days with allday=true."""
    if values.get("allday") == "true":
        return date.fromisoformat(values["startdt"]), date.fromisoformat(values["enddt"])
    assert values["startdt"].endswith("Z") and values["enddt"].endswith("Z")
    return tuple(datetime.strptime(values[key], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
                 for key in ("startdt", "enddt"))


def vevent_times(event) -> tuple[date | datetime, date | datetime]:
    """DTSTART and DTEND of a VEVENT (an event without DTEND lasts no time, as RFC 5545 reads it)."""
    starts = event.decoded("DTSTART")
    return starts, event.decoded("DTEND") if "DTEND" in event else starts


def linked_activities(edition):
    """Every activity with its VEVENTs (from its own .ics file) and its links."""
    for entry in edition.site.collection(ACTIVITIES):
        events = Calendar.from_ical(activity_calendar(edition, entry)).walk("VEVENT")
        yield entry, events, activity_event_links(edition, entry)


def test_google_links_carry_the_vevents_times_zone_place_and_text(edition):
    """Check that every Google Calendar link gives its VEVENT's summary, description and location, its DTSTART and
    DTEND (local times with the VEVENT's TZID as ctz), and whole days as dates with the end day exclusive."""
    checked = {"timed": 0, "whole days": 0}
    for entry, events, links in linked_activities(edition):
        if entry.data.status is Status.cancelled:
            continue
        assert len(links) == len(events), entry.id
        for event, event_links in zip(events, links):
            google = next(link for link in event_links if link.service == "google")
            address, values = query(google)
            assert address == "https://calendar.google.com/calendar/render"
            assert values["action"] == "TEMPLATE"
            assert values["text"] == str(event["SUMMARY"])
            assert values["details"] == str(event["DESCRIPTION"])
            assert values.get("location") == (str(event["LOCATION"]) if "LOCATION" in event else None)
            starts, ends = vevent_times(event)
            assert google_times(values) == (starts, ends), entry.id
            if isinstance(starts, datetime):
                assert values["ctz"] == event["DTSTART"].params["TZID"] == "Europe/Stockholm"
                assert [moment.utcoffset() for moment in google_times(values)] == [starts.utcoffset(), ends.utcoffset()]
                checked["timed"] += 1
            else:
                assert "ctz" not in values
                checked["whole days"] += 1
    assert min(checked.values()) > 0, checked


def test_outlook_links_carry_the_vevents_instants_place_and_text(edition):
    """Check that both Outlook links (Outlook.com and Microsoft 365) give their VEVENT's subject, body, location,
    and DTSTART/DTEND as UTC instants, or whole days (allday=true, end day exclusive)."""
    hosts = set()
    for entry, events, links in linked_activities(edition):
        for event, event_links in zip(events, links):
            for link in event_links[1:]:
                address, values = query(link)
                hosts.add(link.host)
                assert address == f"https://{link.host}/calendar/0/deeplink/compose"
                assert (values["path"], values["rru"]) == ("/calendar/action/compose", "addevent")
                assert values["subject"] == str(event["SUMMARY"])
                assert values["body"] == str(event["DESCRIPTION"])
                assert values.get("location") == (str(event["LOCATION"]) if "LOCATION" in event else None)
                starts, ends = vevent_times(event)
                assert outlook_times(values) == (starts, ends), entry.id
                assert ("allday" in values) == (not isinstance(starts, datetime))
    assert hosts == {"outlook.live.com", "outlook.office.com"}


def test_each_session_has_its_own_links_and_undated_or_cancelled_activities_none(edition):
    """Check that an activity with sessions has one set of links per session (in the sessions' order), that one
    known only by its month has none, and that a cancelled one has none (its .ics file says CANCELLED)."""
    entries = {entry.id: entry for entry in edition.site.collection(ACTIVITIES)}
    sessions = entries["2025/peer-learning-ai-tools"]
    links = activity_event_links(edition, sessions)
    assert len(links) == len(sessions.data.sessions) == 3
    firsts = [google_times(query(event_links[0])[1])[0] for event_links in links]
    assert firsts == [session.start.local for session in sessions.data.sessions]
    assert not entries["2024/ai-and-creativity"].data.start.has_day
    assert activity_event_links(edition, entries["2024/ai-and-creativity"]) == []


def test_a_cancelled_activity_gets_no_service_links(tmp_path):
    """Check that a cancelled activity keeps its .ics file but gets no Google or Outlook link."""
    content = make_content(tmp_path)
    edition = BuildPlan.start(content, "sv", TODAY, ROOTS).edition
    cancelled = [entry for entry in edition.site.collection(ACTIVITIES) if entry.data.status is Status.cancelled]
    assert cancelled
    for entry in cancelled:
        assert activity_event_links(edition, entry) == []
        assert b"STATUS:CANCELLED" in activity_calendar(edition, entry)


def test_subscription_links_name_the_feed_as_the_feed_names_itself(edition):
    """Check that every feed's Google link subscribes to its webcal:// address and its Outlook links to its https://
    address under the calendar name the feed itself carries (X-WR-CALNAME)."""
    root = ROOTS[edition.language]
    feeds = {file.path: file.data() for file in calendar_feeds(edition) if not file.path.startswith("activities/")}
    assert len(feeds) > 3
    for path, content in feeds.items():
        address = root + path
        name = str(Calendar.from_ical(content)["X-WR-CALNAME"])
        google, *outlooks = subscription_links(address, name)
        assert query(google) == ("https://calendar.google.com/calendar/r", {"cid": "webcal://" + address.split("://")[1]})
        for link in outlooks:
            assert query(link) == (f"https://{link.host}/calendar/0/addfromweb", {"url": address, "name": name})
        assert {link.host for link in outlooks} == {"outlook.live.com", "outlook.office.com"}
