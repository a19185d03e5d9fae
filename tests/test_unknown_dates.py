"""Activities whose date is not announced, or known only to the year or season: the model, the timeline, the
lists, the .ics feeds and the JSON-LD say exactly what is known."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import build_site, make_content
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.moments import parse_moment
from lce_platform.facts.timeline import activities_by_phase, activity_begins, activity_ends, phase
from lce_platform.outputs import i18n
from lce_platform.outputs.icalendar_feeds import activity_events, in_feeds
from lce_platform.outputs.listing import activity_item
from lce_platform.outputs.structured_data import activity_jsonld
from lce_platform.plan import BuildPlan
from schemaorg_check import jsonld_of, vocabulary_problems

TODAY = date(2025, 3, 15)
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}


def activity(slug: str, folder: str, dates: str, title: str) -> dict[str, str]:
    """One activity file with the given date lines."""
    return {f"activities/{folder}/{slug}.md": f"""---
title: {title}
type: seminar
programme: learn-create-engage
area: outreach-events
{dates}
sectors: all
summary: Ett seminarium för testerna av okända datum.
---
"""}


UNDATED = {
    **activity("held-sometime", "undated", "before: 2025-03-01", "Held Sometime"),
    **activity("also-held-sometime", "undated", "before: 2025-02-01", "Also Held Sometime"),
    **activity("to-be-announced", "undated", "after: 2025-04-01", "To Be Announced"),
    **activity("only-the-end", "undated", "before: 2025-03-01\nend: 2025-04-11", "Only The End"),
    **activity("only-a-year", "2024", "start: 2024", "Only A Year"),
    **activity("in-the-autumn", "2025", "start: 2025-autumn", "In The Autumn"),
}


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> BuildPlan:
    """The minimal fixture with the undated activities, planned in Swedish without MkDocs."""
    return BuildPlan.start(make_content(tmp_path_factory.mktemp("undated"), files=UNDATED), "sv", TODAY, ROOTS)


def entry_of(plan: BuildPlan, entry_id: str):
    """The activity entry with this id."""
    return plan.site.by_id(ACTIVITIES, entry_id)


def errors_of(tmp_path, files: dict[str, str]) -> dict[tuple[str, str], str]:
    """The loader's problems with the minimal fixture plus `files`, by (path, field)."""
    with pytest.raises(ContentErrors) as caught:
        load_site(make_content(tmp_path, files=files), TODAY)
    return {(error.path, error.field): error.problem for error in caught.value.errors}


def test_an_activity_needs_a_start_or_what_is_known_instead(tmp_path):
    """Check that an activity with neither start nor bounds is an error naming start and what is allowed."""
    problems = errors_of(tmp_path, activity("nothing", "undated", "", "Nothing Known"))
    problem = problems[("content/activities/undated/nothing.md", "start")]
    assert problem.startswith("is missing")
    assert "2025-autumn" in problem and "before:" in problem and "after:" in problem


def test_bounds_are_only_for_an_activity_without_start_and_must_not_cross(tmp_path):
    """Check that before/after beside a start, and an after not before before, are errors naming the field."""
    problems = errors_of(tmp_path, {
        **activity("both", "2025", "start: 2025-03-01\nbefore: 2025-04-01", "Both Given"),
        **activity("crossed", "undated", "after: 2025-04-01\nbefore: 2025-03-01", "Crossed Bounds"),
    })
    assert problems[("content/activities/2025/both.md", "before")].startswith("is only for an activity without start")
    assert problems[("content/activities/undated/crossed.md", "after")].startswith(
        "2025-04-01 is not before before: 2025-03-01")


def test_an_undated_activity_lives_in_the_undated_folder(tmp_path):
    """Check that an activity without start in a year folder is told to move to activities/undated/."""
    problems = errors_of(tmp_path, activity("claims-a-year", "2024", "before: 2025-03-01", "Claims A Year"))
    assert "move it to content/activities/undated/" in problems[("content/activities/2024/claims-a-year.md", "start")]


def test_seasons_cover_three_months_and_winter_is_refused():
    """Check that 2025-autumn covers September to November, is written back as such, and that winter is an error."""
    autumn = parse_moment("2025-autumn")
    assert (autumn.first_day, autumn.last_day) == (date(2025, 9, 1), date(2025, 11, 30))
    assert (autumn.iso(), autumn.machine(), autumn.has_day) == ("2025-autumn", "2025", False)
    assert i18n.moment_text(autumn, "sv") == "hösten 2025"
    assert i18n.moment_text(autumn, "en") == "autumn 2025"
    with pytest.raises(ValueError, match="names no season"):
        parse_moment("2025-winter")


def test_phases_follow_what_is_known(plan):
    """Check that an undated activity is past from its before day, upcoming when only a later after day is known,
    and ongoing when it had begun and its known end is still ahead."""
    phases = activities_by_phase(plan.site.collection(ACTIVITIES), TODAY)
    where = {entry.id: name for name, entries in phases.items() for entry in entries}
    assert where["undated/held-sometime"] == "past"
    assert where["undated/to-be-announced"] == "upcoming"
    assert where["undated/only-the-end"] == "ongoing"
    assert where["2025/in-the-autumn"] == "upcoming"
    later = entry_of(plan, "undated/held-sometime").data
    assert phase(later, date(2025, 2, 28)) == "upcoming"
    assert activity_begins(later) is None and activity_ends(later) is None
    assert activity_ends(entry_of(plan, "undated/only-the-end").data) is not None


def test_past_list_puts_unknown_dates_last_and_upcoming_after_the_dated(plan):
    """Check that past activities known only by a before day come after every dated one, newest bound first, and
    that an upcoming one without start follows the dated upcoming ones."""
    phases = activities_by_phase(plan.site.collection(ACTIVITIES), TODAY)
    past = [entry.id for entry in phases["past"]]
    assert past[-2:] == ["undated/held-sometime", "undated/also-held-sometime"]
    assert "2024/only-a-year" in past[:-2]
    assert [entry.id for entry in phases["upcoming"]][-1] == "undated/to-be-announced"


def test_lists_say_date_not_announced_and_claim_no_time(plan):
    """Check that a list entry of an undated activity says so, with no datetime and no instants, and one known to
    the year or the season says only that."""
    edition = plan.edition
    undated = activity_item(edition, entry_of(plan, "undated/held-sometime"), "calendar/")
    assert (undated["when"], undated["start"], undated["begins"], undated["ends"]) == ("Datum ej angivet", None, "", "")
    end_only = activity_item(edition, entry_of(plan, "undated/only-the-end"), "calendar/")
    assert end_only["when"] == "Startdatum ej angivet, till 11 april 2025"
    assert activity_item(edition, entry_of(plan, "2024/only-a-year"), "calendar/")["when"] == "2024"
    autumn = activity_item(edition, entry_of(plan, "2025/in-the-autumn"), "calendar/")
    assert (autumn["when"], autumn["start"]) == ("hösten 2025", "2025")


def test_undated_activities_have_no_calendar_event_and_no_start_date(plan):
    """Check that an activity without a known day has no VEVENT (RFC 5545 requires DTSTART) and that its JSON-LD
    Event has no startDate, while one known to the year gives only the year."""
    edition = plan.edition
    for entry_id in ("undated/held-sometime", "undated/only-the-end", "2024/only-a-year", "2025/in-the-autumn"):
        entry = entry_of(plan, entry_id)
        assert not in_feeds(entry.data) and activity_events(edition, entry) == []
    undated = entry_of(plan, "undated/held-sometime")
    event = activity_jsonld(edition, undated, ROOTS["sv"] + undated.url)
    assert "startDate" not in event and "endDate" not in event
    assert vocabulary_problems(event) == []
    end_only = entry_of(plan, "undated/only-the-end")
    assert activity_jsonld(edition, end_only, ROOTS["sv"] + end_only.url)["endDate"] == "2025-04-11"
    year = entry_of(plan, "2024/only-a-year")
    assert activity_jsonld(edition, year, ROOTS["sv"] + year.url)["startDate"] == "2024"
    autumn = entry_of(plan, "2025/in-the-autumn")
    assert activity_jsonld(edition, autumn, ROOTS["sv"] + autumn.url)["startDate"] == "2025"


def test_calendar_has_a_page_for_activities_without_a_year(plan):
    """Check that the calendar links a page listing the activities whose year is not known, after the years, and
    that the page offers no calendar subscription."""
    pages = {page.src_uri: page for page in plan.generated.values()}
    undated = pages["calendar/undated/index.md"]
    assert undated.title == "Aktiviteter utan angivet datum"
    assert "Held Sometime" in undated.html and "Only A Year" not in undated.html
    assert ".ics" not in undated.html  # no calendar can hold them, so no subscription is offered
    archive = BeautifulSoup(pages["calendar/index.md"].html, "html.parser").select(".lce-archive a")
    assert [link.get_text() for link in archive][-1] == "Datum ej angivet"


@pytest.mark.build
def test_built_site_shows_a_year_and_a_before_bound_as_they_are(tmp_path):
    """Check in a real build that the list, the activity page, the .ics feeds and the JSON-LD of an activity known
    only by its year and of one known only to have been before a day show only that."""
    content = make_content(tmp_path, files={
        **activity("only-a-year", "2024", "start: 2024", "Only A Year"),
        **activity("held-sometime", "undated", "before: 2025-03-01", "Held Sometime"),
    })
    build = build_site(content, "sv", today=TODAY.isoformat())
    assert build.returncode == 0, build.output
    past = BeautifulSoup(build.page("calendar"), "html.parser").select('[data-lce-phase="past"] .lce-item')
    metas = {item.select_one(".lce-item__title").get_text(strip=True): item.select_one(".lce-item__meta")
             for item in past}
    assert metas["Only A Year"].time["datetime"] == "2024"
    assert metas["Only A Year"].time.get_text() == "2024"
    assert metas["Held Sometime"].time is None
    assert metas["Held Sometime"].get_text(" ", strip=True).startswith("Datum ej angivet ·")
    assert list(metas)[-1] == "Held Sometime"

    page = BeautifulSoup(build.page("activities/undated/held-sometime"), "html.parser")
    assert "Datum ej angivet (före 1 mars 2025)" in page.select_one(".lce-facts").get_text(" ", strip=True)
    assert not page.select_one(".lce-add-to-calendar")
    event = jsonld_of(build.page("activities/undated/held-sometime"))[0]
    assert "startDate" not in event
    assert jsonld_of(build.page("activities/2024/only-a-year"))[0]["startDate"] == "2024"

    whole = Calendar.from_ical((build.site / "calendar.ics").read_bytes())
    summaries = {str(component["SUMMARY"]) for component in whole.walk("VEVENT")}
    assert not summaries & {"Only A Year", "Held Sometime"}
    assert not list(build.site.glob("activities/undated/held-sometime/*.ics"))
    assert (build.site / "calendar" / "undated" / "index.html").exists()
