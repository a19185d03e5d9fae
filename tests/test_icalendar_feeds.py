"""The iCalendar feeds, built with the real MkDocs and read back with two independent parsers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from conftest import build_site, make_content
from schemaorg_check import jsonld_of

DST_FILES = {
    "activities/2025/spring-forward.md": """---
title: Spring Forward
type: seminar
programme: learn-create-engage
area: outreach-events
start: 2025-03-30T18:00
end: 2025-03-30T20:00
venue: media-evolution
sectors: [film]
summary: A seminar on the evening clocks go forward.
updated: 2025-03-01
---
""",
    "activities/2025/fall-back.md": """---
title: Fall Back
type: seminar
programme: learn-create-engage
area: outreach-events
start: 2025-10-26T18:00
end: 2025-10-26T20:00
venue: media-evolution
status: postponed
sectors: [film]
summary: A seminar on the evening clocks go back.
---
""",
    "activities/2025/repeated-hour.md": """---
title: The Repeated Hour
type: seminar
programme: learn-create-engage
area: tailored-competence-development
start: 2025-10-26T02:30
end: 2025-10-26T02:50
venue: online
sectors: [film]
summary: A night seminar in the hour that happens twice.
---
""",
}


def feeds_of(site: Path) -> dict[str, bytes]:
    """Every .ics file of a built site, by its path under the site."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.ics"))}


def events(feed: bytes) -> list:
    """The VEVENTs of a feed, parsed with icalendar."""
    return Calendar.from_ical(feed).walk("VEVENT")


def by_uid(feed: bytes) -> dict[str, object]:
    """The VEVENTs of a feed by UID."""
    return {str(event["UID"]): event for event in events(feed)}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The minimal fixture plus two DST evenings, built twice in Swedish (two folders, two site addresses)
    and once in English."""
    built = {}
    for name, language, url in (("first", "sv", "https://lce.test/"), ("second", "sv", "https://elsewhere.test/"),
                                ("english", "en", "https://lce.test/")):
        content = make_content(tmp_path_factory.mktemp(name), files=DST_FILES)
        build = build_site(content, language, extra_env={"SITE_URL": url})
        assert build.returncode == 0, build.output
        built[name] = build
    return built


@pytest.mark.build
def test_feed_urls_exist_for_the_programme_sectors_areas_and_activities(sites):
    """Check that the build writes calendar.ics at the root, one per sector, one per area and one per
    activity that has a day, and none for an activity known only by its month."""
    feeds = feeds_of(sites["first"].site)
    assert "calendar.ics" in feeds
    for sector in ("architecture", "design", "film", "music", "games", "media"):
        assert f"sectors/{sector}/calendar.ics" in feeds
    for area in ("tailored-competence-development", "data-driven-methods", "peer-learning-programme", "outreach-events"):
        assert f"areas/{area}/calendar.ics" in feeds
    assert "activities/2025/disrupt-for-success/disrupt-for-success.ics" in feeds
    assert not any(path.startswith("activities/2024/ai-and-creativity/") for path in feeds)
    assert "calendar.ics" in feeds_of(sites["english"].site)


@pytest.mark.build
def test_every_feed_parses_with_icalendar_and_the_stricter_ical(sites):
    """Check that every feed of both languages parses with icalendar and with ical, which checks the RFC
    strictly, and that both see the same number of events."""
    for name in ("first", "english"):
        for path, feed in feeds_of(sites[name].site).items():
            strict = IcsCalendarStream.calendar_from_ics(feed.decode("utf-8"))
            assert len(strict.events) == len(events(feed)), path
            assert [zone.tz_id for zone in strict.timezones] == ["Europe/Stockholm"], path


@pytest.mark.build
def test_two_builds_give_byte_identical_feeds_with_the_same_uids(sites, tmp_path):
    """Check that two builds of the same content on the same day give byte-identical feeds, and that the UIDs
    do not depend on the address the site is built for."""
    first = feeds_of(sites["first"].site)
    again = build_site(make_content(tmp_path, files=DST_FILES), "sv")
    assert again.returncode == 0, again.output
    assert feeds_of(again.site) == first
    second = feeds_of(sites["second"].site)
    assert sorted(by_uid(first["calendar.ics"])) == sorted(by_uid(second["calendar.ics"]))
    assert len(by_uid(first["calendar.ics"])) == len(events(first["calendar.ics"]))


@pytest.mark.build
def test_18_00_stays_18_00_local_time_across_both_dst_changes(sites):
    """Check that events at 18:00 on 30 March and 26 October 2025 keep 18:00 Stockholm time (UTC+2, then
    UTC+1) in both parsers."""
    feed = feeds_of(sites["first"].site)["calendar.ics"]
    assert b"DTSTART;TZID=Europe/Stockholm:20250330T180000" in feed
    assert b"DTSTART;TZID=Europe/Stockholm:20251026T180000" in feed
    parsed = by_uid(feed)
    spring = parsed["activity-2025-spring-forward@learncreateengage.mediaevolution.se"]["DTSTART"].dt
    autumn = parsed["activity-2025-fall-back@learncreateengage.mediaevolution.se"]["DTSTART"].dt
    assert (spring.hour, spring.utcoffset()) == (18, timedelta(hours=2))
    assert (autumn.hour, autumn.utcoffset()) == (18, timedelta(hours=1))
    strict = {event.uid: event for event in IcsCalendarStream.calendar_from_ics(feed.decode()).events}
    for uid, offset in (("activity-2025-spring-forward", 2), ("activity-2025-fall-back", 1)):
        start = strict[uid + "@learncreateengage.mediaevolution.se"].dtstart
        assert (start.hour, start.utcoffset()) == (18, timedelta(hours=offset))


@pytest.mark.build
def test_a_time_in_the_repeated_autumn_hour_is_summer_time_in_the_page_the_feed_and_the_jsonld(sites):
    """Check that 02:30 on 26 October 2025 (it happens twice) is the first 02:30, +02:00, on the page, in the
    .ics feed (as RFC 5545 reads a local time) and in the JSON-LD alike."""
    page = sites["first"].page("activities/2025/repeated-hour")
    assert '<time datetime="2025-10-26T02:30:00+02:00">' in page and "02:30" in page
    assert [document["startDate"] for document in jsonld_of(page) if "startDate" in document] == [
        "2025-10-26T02:30:00+02:00"]
    feed = feeds_of(sites["first"].site)["calendar.ics"]
    assert b"DTSTART;TZID=Europe/Stockholm:20251026T023000" in feed
    start = by_uid(feed)["activity-2025-repeated-hour@learncreateengage.mediaevolution.se"]["DTSTART"].dt
    strict = {event.uid: event for event in IcsCalendarStream.calendar_from_ics(feed.decode()).events}
    strict_start = strict["activity-2025-repeated-hour@learncreateengage.mediaevolution.se"].dtstart
    for parsed in (start, strict_start):
        assert (parsed.hour, parsed.minute, parsed.utcoffset()) == (2, 30, timedelta(hours=2))


@pytest.mark.build
def test_events_carry_status_place_link_text_and_deterministic_stamp(sites):
    """Check SUMMARY, URL, LOCATION with address, DESCRIPTION from the summary, STATUS (TENTATIVE for
    postponed, CANCELLED for cancelled) and a DTSTAMP from `updated` or the pinned today."""
    parsed = by_uid(feeds_of(sites["first"].site)["calendar.ics"])
    spring = parsed["activity-2025-spring-forward@learncreateengage.mediaevolution.se"]
    assert str(spring["SUMMARY"]) == "Spring Forward"
    assert str(spring["URL"]) == "https://lce.test/activities/2025/spring-forward/"
    assert str(spring["LOCATION"]) == "Media Evolution, 211 19 Malmö"
    assert str(spring["DESCRIPTION"]).startswith("A seminar on the evening clocks go forward.")
    assert str(spring["STATUS"]) == "CONFIRMED"
    assert spring["DTSTAMP"].dt == datetime.fromisoformat("2025-03-01T00:00:00+00:00")
    autumn = parsed["activity-2025-fall-back@learncreateengage.mediaevolution.se"]
    assert str(autumn["STATUS"]) == "TENTATIVE"
    assert autumn["DTSTAMP"].dt == datetime.fromisoformat("2025-03-15T00:00:00+00:00")
    cancelled = [event for uid, event in parsed.items() if "peer-learning-ai-tools" in uid]
    assert {str(event["STATUS"]) for event in cancelled} == {"CANCELLED"}


@pytest.mark.build
def test_one_event_per_session_and_whole_days_as_dates(sites):
    """Check that an activity with three sessions gives three events with their own times and places, and
    that an activity on a day without a time is an all-day event with DATE values."""
    parsed = by_uid(feeds_of(sites["first"].site)["calendar.ics"])
    sessions = sorted((uid, event) for uid, event in parsed.items() if "peer-learning-ai-tools" in uid)
    assert [uid.split("@")[0] for uid, _ in sessions] == [
        f"activity-2025-peer-learning-ai-tools-session-{number}" for number in (1, 2, 3)]
    assert [event["DTSTART"].dt.isoformat() for _, event in sessions] == [
        "2025-03-28T17:00:00+01:00", "2025-04-09T17:00:00+02:00", "2025-04-23T17:00:00+02:00"]
    assert [str(event["LOCATION"]) for _, event in sessions] == ["Media Evolution, 211 19 Malmö", "Online", "Online"]
    whole_day = parsed["activity-2025-making-cultural-impact-measurable@learncreateengage.mediaevolution.se"]
    assert whole_day["DTSTART"].dt == date(2025, 4, 3) and not isinstance(whole_day["DTSTART"].dt, datetime)
    assert whole_day["DTEND"].dt == date(2025, 4, 4)
    assert not any("ai-and-creativity" in uid for uid in parsed)


@pytest.mark.build
def test_sector_and_area_feeds_hold_their_own_activities(sites):
    """Check that a sector's feed holds its activities and those for all sectors, and an area's feed only
    the area's."""
    feeds = feeds_of(sites["first"].site)
    music = {uid.split("@")[0] for uid in by_uid(feeds["sectors/music/calendar.ics"])}
    assert "activity-2025-making-cultural-impact-measurable" in music
    assert "activity-2025-peer-learning-ai-tools-session-1" in music
    assert "activity-2025-disrupt-for-success" not in music
    outreach = {uid.split("@")[0] for uid in by_uid(feeds["areas/outreach-events/calendar.ics"])}
    assert outreach == {"activity-2025-spring-forward", "activity-2025-fall-back"}
    empty = feeds["areas/data-driven-methods/calendar.ics"]
    assert events(empty) == [] and b"BEGIN:VTIMEZONE" in empty


@pytest.mark.build
def test_english_feed_is_in_english_with_the_same_uids(sites):
    """Check that the English feed uses the English titles and addresses and the same UIDs as the Swedish."""
    english = by_uid(feeds_of(sites["english"].site)["calendar.ics"])
    swedish = by_uid(feeds_of(sites["first"].site)["calendar.ics"])
    assert sorted(english) == sorted(swedish)
    disrupt = english["activity-2025-disrupt-for-success@learncreateengage.mediaevolution.se"]
    assert str(disrupt["URL"]) == "https://lce.test/en/activities/2025/disrupt-for-success/"
    assert str(disrupt["DESCRIPTION"]).startswith("Fully booked. A class on brand development")


@pytest.mark.build
def test_calendar_properties_ask_clients_to_refresh(sites):
    """Check that each feed names itself and tells clients, as durations, how often to fetch it again."""
    calendar = Calendar.from_ical(feeds_of(sites["english"].site)["sectors/film/calendar.ics"])
    assert str(calendar["X-WR-CALNAME"]) == "Learn, Create, Engage: Film"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=6)
    assert b"X-PUBLISHED-TTL:PT6H" in feeds_of(sites["english"].site)["calendar.ics"]


@pytest.mark.build
def test_subscription_feeds_keep_one_year_of_past_activities_and_each_activity_its_own_file(tmp_path):
    """Check that an activity that ended more than a year before the build leaves the programme, sector and area
    feeds (a calendar app fetches them every few hours) but keeps its own .ics, and one ended a month ago stays."""
    old = "activities/2023/old-seminar.md"
    recent = "activities/2025/recent-seminar.md"
    template = ("---\ntitle: {title}\ntype: seminar\nprogramme: learn-create-engage\narea: outreach-events\n"
                "start: {start}\nsectors: [film]\nsummary: Ett seminarium.\n---\n\nText.\n")
    content = make_content(tmp_path, files={old: template.format(title="Gammalt", start="2023-11-02T10:00"),
                                            recent: template.format(title="Nyligen", start="2025-02-12T10:00")})
    build = build_site(content, "sv")
    assert build.returncode == 0, build.output
    for feed in ("calendar.ics", "sectors/film/calendar.ics", "areas/outreach-events/calendar.ics"):
        summaries = [str(event.get("summary")) for event in events((build.site / feed).read_bytes())]
        assert "Nyligen" in summaries and "Gammalt" not in summaries, feed
    own = build.site / "activities/2023/old-seminar/old-seminar.ics"
    assert [str(event.get("summary")) for event in events(own.read_bytes())] == ["Gammalt"]
