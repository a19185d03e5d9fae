"""The calendar, year, area and home pages, built with the real MkDocs from fixture trees."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import REPO, FIXTURES, build_site, make_content
from lce_platform.content.collections import ACTIVITIES
from lce_platform.outputs.agenda import UPCOMING_SHOWN
from lce_platform.content.loader import load_site
from lce_platform.facts.timeline import activities_by_phase, phase

SPRING_2025 = FIXTURES / "spring-2025" / "content"
PINNED = date(2025, 3, 15)

BOUNDARY_FILES = {
    "activities/2025/ends-today.md": """---
title: Ends Today
type: course
programme: learn-create-engage
area: tailored-competence-development
start: 2025-03-10
end: 2025-03-15
sectors: all
summary: A course whose last day is the pinned today.
---
""",
    "activities/2025/starts-today.md": """---
title: Starts Today
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-03-15
sectors: all
summary: A class held all day on the pinned today.
---
""",
    "activities/2025/this-evening.md": """---
title: This Evening
type: seminar
programme: learn-create-engage
area: outreach-events
start: 2025-03-15T18:00
end: 2025-03-15T20:00
sectors: all
summary: A seminar later on the pinned today.
---
""",
    "activities/2025/spans-today.md": """---
title: Spans Today
type: course
programme: learn-create-engage
area: data-driven-methods
start: 2025-03-01
end: 2025-03-31
sectors: all
summary: A course that runs through the whole of March.
---
""",
    "activities/2025/ended-yesterday.md": """---
title: Ended Yesterday
type: seminar
programme: learn-create-engage
area: outreach-events
start: 2025-03-14T18:00
end: 2025-03-14T20:00
sectors: all
summary: A seminar the evening before the pinned today.
---
""",
    "activities/2025/starts-tomorrow.md": """---
title: Starts Tomorrow
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-03-16
sectors: all
summary: A class on the day after the pinned today.
---
""",
    "activities/2025/escaped.md": """---
title: "<script>alert(1)</script> & Co"
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-05-02
sectors: all
summary: A class whose title looks like markup.
---
""",
}

UPCOMING_SEED = [
    "Disrupt for Success – Brand Development of Cultural Institutions",
    "Widen your Vision, Clarify your Brand",
    "Peer Learning – AI Tools for Creative Processes",
    "Making Cultural Impact Measurable",
]


def sections(html: str) -> dict[str, list]:
    """Each phase section of a page's timeline and its entries (BeautifulSoup tags), in page order."""
    soup = BeautifulSoup(html, "html.parser")
    return {section["data-lce-phase"]: section.select(".lce-item") for section in soup.select("[data-lce-phase]")}


def titles(items: list) -> list[str]:
    """The titles of list entries."""
    return [item.select_one(".lce-item__title").get_text(strip=True) for item in items]


def badge(item) -> str | None:
    """The status badge a visitor sees on an entry, if any (the hidden one is for the visitor's clock)."""
    found = item.select_one(".lce-badge:not([hidden])")
    return found.get_text(strip=True) if found else None


@pytest.fixture(scope="module")
def spring(tmp_path_factory):
    """The spring 2025 fixture (seed 000's calendar) built in both languages on 2025-03-15."""
    content = make_content(tmp_path_factory.mktemp("spring"), base=SPRING_2025)
    builds = {language: build_site(content, language) for language in ("sv", "en")}
    for build in builds.values():
        assert build.returncode == 0, build.output
    return builds


@pytest.fixture(scope="module")
def boundaries(tmp_path_factory):
    """The minimal fixture with activities around the pinned today, built in Swedish."""
    content = make_content(tmp_path_factory.mktemp("boundaries"), files=BOUNDARY_FILES)
    build = build_site(content)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
@pytest.mark.parametrize("language", ["sv", "en"])
def test_calendar_shows_seed_000_as_on_15_march_2025(spring, language):
    """Check that on 2025-03-15 the calendar shows seed 000's programme page: one course ongoing until
    11 April, four upcoming activities in date order with the 19 March class and 28 March course fully
    booked, and every other activity past."""
    build = spring[language]
    found = sections(build.page("calendar"))
    assert titles(found["ongoing"]) == ["Data-Driven Methods – Strengthen your Organization"]
    assert found["ongoing"][0]["data-lce-ends"] == "2025-04-12T00:00:00+02:00"
    assert ("11 apr" if language == "sv" else "apr 11") in found["ongoing"][0].select_one("time").get_text().lower()
    assert titles(found["upcoming"]) == UPCOMING_SEED
    full = "Fullbokad" if language == "sv" else "Fully booked"
    assert [badge(item) for item in found["upcoming"]] == [full, None, full, None]
    site = load_site(SPRING_2025, PINNED)
    every_title = {entry.title(language) for entry in site.collection(ACTIVITIES)}
    expected_past = every_title - set(UPCOMING_SEED) - {"Data-Driven Methods – Strengthen your Organization"}
    assert len(found["past"]) == 13
    assert {title for title in titles(found["past"])} == expected_past


UNDATED_OF_SEED_000 = "undated/"
DATA_DRIVEN_COURSE = "undated/data-driven-methods-strengthen-your-organization"


@pytest.mark.build
@pytest.mark.parametrize("language", ["sv", "en"])
def test_repo_calendar_on_the_tests_day_claims_nothing_of_the_undated(repo_sites, language):
    """Check that the repo's own calendar on the tests' day (2025-03-15) lists seed 000's dated activities as
    upcoming, in date order with their booking status, and the undated ones, known only to have begun by
    19 March 2025, not as past: the tests' day is no fact of the content."""
    found = sections(repo_sites[language].page("calendar"))
    site = load_site(REPO / "content", PINNED)
    titles_by_id = {entry.id: entry.title(language) for entry in site.collection(ACTIVITIES)}
    undated = sorted(title for entry_id, title in titles_by_id.items() if entry_id.startswith(UNDATED_OF_SEED_000))
    assert found["ongoing"] == []
    upcoming = titles(found["upcoming"])
    assert [title.split(" –")[0] for title in upcoming[:4]] == [
        "Disrupt for Success", "Widen your Vision, Clarify your Brand", "Peer Learning", "Making Cultural Impact Measurable"]
    full = "Fullbokad" if language == "sv" else "Fully booked"
    assert [badge(item) for item in found["upcoming"][:4]] == [full, None, full, None]
    assert sorted(upcoming[4:]) == undated and len(undated) == 13
    assert not set(undated) & set(titles(found["past"]))


def test_repo_content_is_seed_000_from_the_day_after_its_page():
    """Check that on 20 March 2025, the first day seed 000's page places them, the repo's twelve undated activities
    of its past list are past and its ongoing course is ongoing, and that none of them is past a day earlier."""
    site = load_site(REPO / "content", PINNED)
    undated = [entry for entry in site.collection(ACTIVITIES) if entry.id.startswith(UNDATED_OF_SEED_000)]
    assert len(undated) == 13
    for entry in undated:
        activity = entry.data
        assert (activity.after, activity.before) == (date(2024, 1, 1), date(2025, 3, 20)), entry.id
        expected = "ongoing" if entry.id == DATA_DRIVEN_COURSE else "past"
        assert phase(activity, date(2025, 3, 20)) == expected, entry.id
        assert phase(activity, date(2025, 3, 19)) == "upcoming", entry.id


@pytest.mark.build
def test_upcoming_grouped_by_month_and_past_newest_first(spring):
    """Check that upcoming entries are grouped under month headings and past entries run newest first."""
    soup = BeautifulSoup(spring["sv"].page("calendar"), "html.parser")
    months = soup.select('[data-lce-phase="upcoming"] .lce-month')
    assert [month["data-lce-month"] for month in months] == ["2025-03", "2025-04"]
    assert [month.select_one(".lce-month__title").get_text(strip=True) for month in months] == ["mars 2025", "april 2025"]
    assert [len(month.select(".lce-item")) for month in months] == [3, 1]
    past_ends = [item["data-lce-ends"] for item in sections(str(soup))["past"]]
    assert past_ends == sorted(past_ends, reverse=True)


@pytest.mark.build
def test_entries_carry_machine_readable_instants_and_flags(spring):
    """Check that each entry carries its begin and end instants, its filter values and the recording flag."""
    found = sections(spring["sv"].page("calendar"))
    disrupt = found["upcoming"][0]
    assert disrupt["data-lce-begins"] == "2025-03-19T13:00:00+01:00"
    assert disrupt["data-lce-ends"] == "2025-03-19T16:00:00+01:00"
    assert disrupt["data-lce-sectors"] == "design media"
    assert disrupt["data-lce-type"] == "class"
    recorded = next(item for item in found["past"] if "AI & Creativity" in item.get_text())
    assert "Inspelning finns" in recorded.get_text()


@pytest.mark.build
def test_classification_at_the_boundaries_of_today(boundaries):
    """Check that an activity ending today, one starting today and one spanning today are ongoing, one that
    ended yesterday is past, and one later today or tomorrow is upcoming (soonest first)."""
    found = sections(boundaries.page("calendar"))
    ongoing, upcoming, past = titles(found["ongoing"]), titles(found["upcoming"]), titles(found["past"])
    assert ongoing == ["Ends Today", "Starts Today", "Spans Today"]
    assert upcoming[:2] == ["This Evening", "Starts Tomorrow"]
    assert "Ended Yesterday" in past and past.index("Ended Yesterday") == 0


def test_phase_boundaries_without_a_build(tmp_path):
    """Check the same boundaries on the core's own function, a day later and a day earlier."""
    site = load_site(make_content(tmp_path, files=BOUNDARY_FILES), PINNED)
    by_id = {entry.id: entry.data for entry in site.collection(ACTIVITIES)}
    assert phase(by_id["2025/ends-today"], date(2025, 3, 15)) == "ongoing"
    assert phase(by_id["2025/ends-today"], date(2025, 3, 16)) == "past"
    assert phase(by_id["2025/starts-tomorrow"], date(2025, 3, 16)) == "ongoing"
    assert phase(by_id["2025/starts-tomorrow"], date(2025, 3, 15)) == "upcoming"
    groups = activities_by_phase(site.collection(ACTIVITIES), PINNED)
    assert [entry.id for entry in groups["ongoing"]][:3] == ["2025/ends-today", "2025/starts-today", "2025/spans-today"]


@pytest.mark.build
def test_titles_reach_the_calendar_escaped(boundaries):
    """Check that a title looking like markup is shown as text in the calendar, never as a script."""
    html = boundaries.page("calendar")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


@pytest.mark.build
def test_filters_are_labelled_form_controls_hidden_without_script(spring):
    """Check that the filters are selects with labels for sector, type and area, hidden without JavaScript (and in
    the page from the start with it, see test_calendar_browser.py)."""
    soup = BeautifulSoup(spring["en"].page("calendar"), "html.parser")
    form = soup.select_one("form[data-lce-filters]")
    assert "lce-needs-script" in form["class"]
    assert soup.head.noscript.link["href"].endswith("assets/lce-noscript.css")
    for select in form.select("select"):
        label = form.select_one(f'label[for="{select["id"]}"]')
        assert label is not None and label.get_text(strip=True)
    assert [select["name"] for select in form.select("select")] == ["sector", "type", "area"]
    types = [option["value"] for option in form.select('select[name="type"] option') if option["value"]]
    assert set(types) == {"course", "class", "seminar", "book-launch", "procurement"}
    assert soup.select_one('script[src$="assets/lce-calendar.js"]') is not None


@pytest.mark.build
def test_year_archive_pages_hold_every_activity_of_their_year(spring):
    """Check that each year has its archive page with that year's activities and the calendar links to it."""
    calendar = BeautifulSoup(spring["sv"].page("calendar"), "html.parser")
    assert [link.get_text() for link in calendar.select(".lce-archive a")] == ["2025", "2024"]
    site = load_site(SPRING_2025, PINNED)
    for year in (2024, 2025):
        found = sections(spring["sv"].page(f"calendar/{year}"))
        shown = [item for items in found.values() for item in items]
        assert all(item["data-lce-begins"].startswith(str(year)) for item in shown)
        assert len(shown) == sum(1 for entry in site.collection(ACTIVITIES)
                                 if entry.data.start.first_day.year == year)


@pytest.mark.build
def test_area_pages_list_their_own_activities_with_summary_and_feed(spring):
    """Check that an area page shows the area's summary, only its own activities by phase, and its feed."""
    html = spring["en"].page("areas/outreach-events")
    soup = BeautifulSoup(html, "html.parser")
    assert "Lectures and seminars held continuously" in soup.select_one(".lce-calendar-intro").get_text()
    found = sections(html)
    assert titles(found["upcoming"]) == ["Widen your Vision, Clarify your Brand"]
    assert titles(found["ongoing"]) == []
    assert set(titles(found["past"])) == {"Futures of Sound and Song", "AI & Creativity", "Futures of Professional Learning"}
    assert soup.select_one('a[href^="webcal://"]')["href"] == "webcal://lce.test/en/areas/outreach-events/calendar.ics"


@pytest.mark.build
def test_home_page_lists_ongoing_and_next_activities_above_its_text(spring):
    """Check that the home page lists what is ongoing and the next activities, and then keeps its own text."""
    html = spring["sv"].page("")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert article.get_text().index("Pågår nu") < article.get_text().index("Välkommen")
    found = sections(html)
    assert titles(found["ongoing"]) == ["Data-Driven Methods – Strengthen your Organization"]
    assert titles(found["upcoming"]) == UPCOMING_SEED
    assert "past" not in found
    assert soup.select_one('.lce-home-now a[href="calendar/"]') is not None


@pytest.mark.build
def test_subscribe_page_gives_webcal_links_and_instructions(spring):
    """Check that the subscribe page lists every feed as a webcal link with its address, and explains
    Google, Outlook and Apple in each language."""
    for language, root, words in (("sv", "https://lce.test/", "Google Kalender"), ("en", "https://lce.test/en/", "Google Calendar")):
        soup = BeautifulSoup(spring[language].page("calendar/subscribe"), "html.parser")
        addresses = [code.get_text() for code in soup.select(".lce-feed-address")]
        assert addresses[0] == root + "calendar.ics"
        assert root + "sectors/music/calendar.ics" in addresses
        assert root + "areas/peer-learning-programme/calendar.ics" in addresses
        webcals = [link["href"] for link in soup.select('a[href^="webcal://"]')]
        assert webcals[0] == "webcal://" + root.split("://")[1] + "calendar.ics"
        text = soup.select_one("article").get_text()
        assert words in text and "Outlook" in text and "Apple" in text


@pytest.mark.build
def test_activity_pages_link_to_their_own_calendar_file(spring):
    """Check that an activity page links "Add to calendar" to an .ics file that exists, and that an activity
    known only by its month has no such link."""
    build = spring["en"]
    soup = BeautifulSoup(build.page("activities/2025/widen-your-vision-clarify-your-brand"), "html.parser")
    link = soup.select_one(".lce-add-to-calendar a")
    assert link.get_text() == "Add to calendar"
    assert (build.site / "activities/2025/widen-your-vision-clarify-your-brand" / link["href"]).is_file()
    month_only = BeautifulSoup(build.page("activities/2024/ai-and-creativity"), "html.parser")
    assert month_only.select_one(".lce-add-to-calendar") is None


@pytest.mark.build
def test_the_calendar_lists_the_next_upcoming_and_links_to_the_years_of_the_later_ones(tmp_path):
    """Check that with more upcoming activities than the calendar lists, it shows the soonest ones and links to
    the year pages that hold the rest (each of which lists its whole year)."""
    files = {}
    for number in range(UPCOMING_SHOWN + 5):
        year, day = (2025, number) if number < UPCOMING_SHOWN - 10 else (2026, number - UPCOMING_SHOWN + 10)
        start = date(year, 9, 1) + timedelta(days=day * 2)  # after the fixture's own activities
        files[f"activities/{year}/seminar-{number:03d}.md"] = (
            f"---\ntitle: Seminarium {number:03d}\ntype: seminar\nprogramme: learn-create-engage\n"
            f"area: outreach-events\nstart: {start.isoformat()}\nsectors: [film]\nsummary: Ett seminarium.\n---\n\nText.\n")
    build = build_site(make_content(tmp_path, files=files), "sv")
    assert build.returncode == 0, build.output
    calendar = BeautifulSoup(build.page("calendar"), "html.parser")
    upcoming = [title.get_text(strip=True) for title in calendar.select('[data-lce-phase="upcoming"] .lce-item__title')]
    assert len(upcoming) == UPCOMING_SHOWN
    later = calendar.select('[data-lce-phase="upcoming"] nav.lce-archive a')
    assert [link.get_text() for link in later] == ["2026"]  # 2025 is all on the calendar, 2026 only begun
    reachable = set(upcoming)
    for link in later:
        year_page = BeautifulSoup(build.page(f"calendar/{link.get_text()}"), "html.parser")
        reachable |= {title.get_text(strip=True) for title in year_page.select('[data-lce-phase="upcoming"] .lce-item__title')}
    assert {f"Seminarium {number:03d}" for number in range(UPCOMING_SHOWN + 5)} <= reachable


def _query(href: str) -> dict[str, str]:
    """The values of a link's query."""
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


@pytest.mark.build
def test_activity_pages_link_google_and_outlook_to_the_events_of_their_calendar_file(spring):
    """Check that a built activity page offers Google Calendar and both Outlooks beside its .ics file, as plain links
    naming their host, with the times and place of the file's VEVENT; that a page with sessions has one set per
    session; and that the page's share image is its own and exists."""
    build = spring["en"]
    url = "activities/2025/disrupt-for-success/"
    soup = BeautifulSoup(build.page(url), "html.parser")
    box = soup.select_one(".lce-add-to-calendar")
    ics = box.select_one("a[download]")["href"]
    event = Calendar.from_ical((build.site / url / ics).read_bytes()).walk("VEVENT")[0]
    links = box.select("a.lce-calendar-service")
    assert [urlsplit(link["href"]).netloc for link in links] == [
        "calendar.google.com", "outlook.live.com", "outlook.office.com"]
    assert all(link["rel"] == ["noopener"] and urlsplit(link["href"]).netloc in link.get_text() for link in links)
    google, outlook = _query(links[0]["href"]), _query(links[1]["href"])
    starts, ends = event.decoded("DTSTART"), event.decoded("DTEND")
    assert google["dates"] == f"{starts:%Y%m%dT%H%M%S}/{ends:%Y%m%dT%H%M%S}"
    assert google["ctz"] == event["DTSTART"].params["TZID"]
    assert google["location"] == outlook["location"] == str(event["LOCATION"])
    assert outlook["startdt"] == starts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    image = soup.find("meta", property="og:image")["content"]
    assert image.startswith("https://lce.test/en/assets/share/activities/2025/disrupt-for-success-")
    assert (build.site / image.removeprefix("https://lce.test/en/")).is_file()
    assert soup.find("meta", attrs={"name": "twitter:image"})["content"] == image
    assert "Fully booked" in soup.find("meta", property="og:image:alt")["content"]

    sessions = BeautifulSoup(build.page("activities/2025/peer-learning-ai-tools/"), "html.parser")
    items = sessions.select(".lce-sessions li")
    starts = [item.select_one("a.lce-calendar-service")["href"] for item in items]
    assert len(items) == 3 and len(set(starts)) == 3
    assert [_query(href)["dates"][:13] for href in starts] == ["20250328T1700", "20250409T1700", "20250423T1700"]
    assert sessions.select(".lce-add-to-calendar a.lce-calendar-service") == []


@pytest.mark.build
def test_subscribe_page_says_which_link_to_use_and_links_every_feed_to_google_and_outlook(spring):
    """Check that the subscribe page names the link for iPhone, Android, Outlook and other apps in each language,
    and that every feed has a Google Calendar link (its webcal address) and two Outlook links (its https address)."""
    for language, root, android in (("sv", "https://lce.test/", "Google Kalender"),
                                    ("en", "https://lce.test/en/", "Google Calendar")):
        soup = BeautifulSoup(spring[language].page("calendar/subscribe"), "html.parser")
        devices = soup.select_one(".lce-calendar-devices").get_text()
        assert "iPhone" in devices and "Android" in devices and android in devices and ".ics" in devices
        for item in soup.select(".lce-feeds li"):
            address = item.select_one(".lce-feed-address").get_text()
            assert address.startswith(root)
            google, *outlooks = [link["href"] for link in item.select("a.lce-calendar-service")]
            assert _query(google) == {"cid": "webcal://" + address.split("://")[1]}
            assert [_query(href)["url"] for href in outlooks] == [address, address]
