"""Structured data: every page's JSON-LD, read back from the built HTML."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import PINNED_TODAY, REPO, SITE_URL
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.loader import load_site
from lce_platform.outputs.activity_state import activity_state
from rich_content import HOSTILE_TITLE
from lce_platform.outputs.structured_data import jsonld_text
from schemaorg_check import jsonld_of, nodes, property_problems, vocabulary, vocabulary_problems

pytestmark = pytest.mark.build


def page_documents(build, url: str) -> list[dict]:
    """The JSON-LD documents of one built page."""
    return jsonld_of(build.page(url))


def only_document(build, url: str) -> dict:
    """The single JSON-LD document of a page."""
    documents = page_documents(build, url)
    assert len(documents) == 1, documents
    return documents[0]


def all_pages(build) -> list[str]:
    """Directory URL of every page of a built site."""
    urls = (path.parent.relative_to(build.site).as_posix() + "/" for path in build.pages() if path.name == "index.html")
    return sorted("" if url == "./" else url for url in urls)


def held_activities(content: Path) -> set[str]:
    """The URLs of the activities held before the tests' day."""
    today = date.fromisoformat(PINNED_TODAY)
    site = load_site(content, today)
    return {entry.url for entry in site.collection(ACTIVITIES) if activity_state(entry.data, today).held}


def test_jsonld_text_escapes_what_could_close_a_script():
    """Check that serialized JSON-LD has no <, > or & left and still parses to the same data."""
    data = {"name": "</script><!-- & -->"}
    text = jsonld_text(data)
    assert not set("<>&") & set(text)
    assert json.loads(text) == data


def test_vocabulary_file_knows_the_types_we_use():
    """Check that the offline vocabulary holds the types and enumerations the site emits."""
    types = vocabulary()["types"]
    for name in ("Event", "EducationEvent", "Course", "CourseInstance", "VideoObject", "Article", "Report",
                 "LearningResource", "Project", "WebSite", "VirtualLocation"):
        assert name in types
    assert "EventMovedOnline" in vocabulary()["enumerations"]["EventStatusType"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_has_valid_jsonld(rich_sites, language):
    """Check that every page carries one JSON-LD document using only schema.org types and properties,
    with the properties search engines require and recommend."""
    build = rich_sites[language]
    pages = all_pages(build)
    assert len(pages) > 10
    held = held_activities(build.site.parent / "content")
    for url in pages:
        if url in ("404/",):
            continue
        document = only_document(build, url)
        assert vocabulary_problems(document) == [], url
        assert property_problems(document, bookable=url not in held) == [], url


def test_repo_content_has_valid_jsonld(repo_sites):
    """Check that the repo's own pages carry JSON-LD that passes the vocabulary and property checks (no description
    asked of an activity whose sources give no summary)."""
    site = load_site(REPO / "content", date.fromisoformat(PINNED_TODAY))
    undescribed = {entry.url for entry in site.collection(ACTIVITIES) if entry.data.summary is None}
    assert undescribed
    held = held_activities(REPO / "content")
    for build in repo_sites.values():
        for url in all_pages(build):
            document = only_document(build, url)
            assert vocabulary_problems(document) == [], url
            assert property_problems(document, dated=not url.startswith("activities/undated/"),
                                     described=url not in undescribed, bookable=url not in held) == [], url


def test_vocabulary_check_catches_unknown_terms():
    """Check that the vocabulary check reports an invented type, property and enumeration value."""
    document = {"@type": "Event", "name": "x", "startDat": "2025", "eventStatus": "https://schema.org/EventFull",
                "location": {"@type": "Venue"}}
    problems = vocabulary_problems(document)
    assert any("startDat" in problem for problem in problems)
    assert any("EventFull" in problem for problem in problems)
    assert any("Venue" in problem for problem in problems)


def test_fully_booked_class_is_an_event_that_is_sold_out(rich_sites):
    """Check that a fully booked class is an EducationEvent at its venue, with offsets, a free sold-out
    offer linking to registration, the owner as organizer and the funders."""
    event = only_document(rich_sites["sv"], "activities/2025/disrupt-for-success/")
    assert event["@type"] == "EducationEvent"
    assert event["startDate"] == "2025-03-19T13:00:00+01:00"
    assert event["endDate"] == "2025-03-19T16:00:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["addressLocality"] == "Malmö"
    assert event["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "SEK",
                               "availability": "https://schema.org/SoldOut",
                               "url": "https://example.org/register/disrupt"}
    assert event["organizer"]["name"] == "Media Evolution Southern Sweden AB"
    assert {funder["name"] for funder in event["funder"]} >= {"Europeiska socialfonden", "Region Skåne"}
    assert [performer["name"] for performer in event["performer"]] == ["Niels Righolt"]
    assert {audience["audienceType"] for audience in event["audience"]} == {"Design", "Media"}
    assert event["inLanguage"] == "en"


def test_english_page_speaks_english(rich_sites):
    """Check that the English page's JSON-LD has the English summary and labels."""
    event = only_document(rich_sites["en"], "activities/2025/disrupt-for-success/")
    assert event["description"] == "A class on brand development for cultural institutions."
    assert event["url"] == "https://lce.test/en/activities/2025/disrupt-for-success/"
    assert {funder["name"] for funder in event["funder"]} >= {"European Social Fund"}


def test_sessions_are_sub_events_and_mixed_venues_are_mixed(rich_sites):
    """Check that a cancelled activity meeting on site and online is mixed, cancelled, with one sub-event
    per meeting at its own place."""
    event = only_document(rich_sites["sv"], "activities/2025/peer-learning-ai-tools/")
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {location["@type"] for location in event["location"]} == {"Place", "VirtualLocation"}
    sessions = event["subEvent"]
    assert [session["startDate"] for session in sessions] == [
        "2025-03-28T17:00:00+01:00", "2025-04-09T17:00:00+02:00", "2025-04-23T17:00:00+02:00"]
    assert sessions[0]["name"] == "Fysisk träff"
    assert sessions[1]["location"]["@type"] == "VirtualLocation"


def test_moved_online_activity_is_online(rich_sites):
    """Check that an activity moved online says so and gives a virtual location."""
    event = only_document(rich_sites["sv"], "activities/2025/online-class/")
    assert event["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert "VirtualLocation" in {location["@type"] for location in event["location"]}


def test_month_only_activity_claims_no_day(rich_sites):
    """Check that an activity known only by its month keeps that precision and has the programme region
    as its place."""
    event = only_document(rich_sites["sv"], "activities/2024/ai-and-creativity/")
    assert event["startDate"] == "2024-11"
    assert "endDate" not in event
    assert event["location"]["address"]["addressRegion"] == "Sydsverige"
    assert "eventAttendanceMode" not in event


def test_course_has_a_course_instance_and_escapes_its_title(rich_sites):
    """Check that a course is a Course with a CourseInstance (blended, sessions as sub-events), and that a
    title trying to close the script element arrives whole and harmless."""
    html = rich_sites["sv"].page("activities/2025/data-driven-methods/")
    assert '<script>alert("x")' not in html
    course = only_document(rich_sites["sv"], "activities/2025/data-driven-methods/")
    assert course["@type"] == "Course"
    assert course["name"] == HOSTILE_TITLE
    assert course["provider"]["name"] == "Media Evolution Southern Sweden AB"
    assert course["offers"]["category"] == "Free"
    instance = course["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "Blended"
    assert instance["startDate"] == "2025-05-06"
    assert [person["name"] for person in instance["instructor"]] == ["Niels Righolt"]
    assert len(instance["subEvent"]) == 2


def test_recordings_are_video_objects(rich_sites):
    """Check that recordings are VideoObjects: YouTube and Vimeo embedded, a file as content, thumbnails,
    upload date, duration, transcript, captions and the activity they recorded."""
    build = rich_sites["sv"]
    youtube = only_document(build, "resources/recording/ai-and-creativity/")
    assert youtube["@type"] == "VideoObject"
    assert youtube["embedUrl"] == "https://www.youtube-nocookie.com/embed/aaaaaaaaaaa"
    assert youtube["thumbnailUrl"] == ["https://i.ytimg.com/vi/aaaaaaaaaaa/hqdefault.jpg"]
    assert youtube["uploadDate"] == "2024-11-20"
    assert youtube["duration"] == "PT1H5M"
    assert youtube["transcript"] == "Det här är transkriberingen."
    assert youtube["recordedAt"] == {"@id": "https://lce.test/activities/2024/ai-and-creativity/"}
    vimeo = only_document(build, "resources/recording/vimeo-talk/")
    assert vimeo["embedUrl"] == "https://player.vimeo.com/video/123456789?dnt=1"
    assert vimeo["thumbnailUrl"] == ["https://example.org/thumb.jpg"]
    assert vimeo["caption"][0]["contentUrl"] == "https://example.org/captions.sv.vtt"
    file = only_document(build, "resources/recording/file-talk/")
    assert file["contentUrl"] == "https://example.org/talk.mp4"
    assert file["thumbnailUrl"][0].startswith("https://lce.test/assets/share/resources/recording/file-talk-")


@pytest.mark.parametrize("url, embed", [
    ("resources/recording/short-link-talk/", "https://www.youtube-nocookie.com/embed/ccccccccccc"),
    ("resources/recording/unlisted-talk/", "https://player.vimeo.com/video/987654321?dnt=1&h=abcdef1234"),
])
def test_built_watch_page_plays_what_its_video_object_embeds(rich_sites, url, embed):
    """Check that a built watch page's player loads the address its VideoObject embeds, asked to start playing."""
    build = rich_sites["sv"]
    template = BeautifulSoup(build.page(url), "html.parser").select_one("figure.lce-player template")
    played = urlsplit(BeautifulSoup(template.decode_contents(), "html.parser").find("iframe")["src"])
    document = only_document(build, url)
    embedded = urlsplit(document["embedUrl"])
    assert document["embedUrl"] == embed
    assert (played.netloc, played.path) == (embedded.netloc, embedded.path)
    assert parse_qs(played.query) == {**parse_qs(embedded.query), "autoplay": ["1"]}


def test_written_resources_are_articles_or_learning_resources(rich_sites):
    """Check the types of case studies, reports, material and tutorials, with their authors and dates."""
    build = rich_sites["en"]
    case = only_document(build, "resources/case-study/marketing-a-museum/")
    assert case["@type"] == "Article"
    assert case["headline"] == "Marketing a museum"
    assert case["author"] == [{"@type": "Person", "@id": "https://lce.test/people/freja-ahren/#person",
                               "name": "Freja Åhrén", "url": "https://lce.test/en/people/freja-ahren/",
                               "affiliation": case["publisher"]}]
    assert case["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert case["datePublished"] == "2025-02-10"
    report = only_document(build, "resources/report/final-report/")
    assert (report["@type"], report["datePublished"]) == ("Report", "2025-01")
    assert only_document(build, "resources/material/slides-brand/")["@type"] == "LearningResource"
    tutorial = only_document(build, "resources/tutorial/first-steps-with-ai/")
    assert (tutorial["@type"], tutorial["learningResourceType"]) == ("LearningResource", "tutorial")


def test_home_is_the_website_and_its_owner(rich_sites):
    """Check that the home page describes the WebSite and the Organization that publishes it."""
    document = only_document(rich_sites["en"], "")
    website, owner = document["@graph"]
    assert website["@type"] == "WebSite"
    assert website["name"] == "Learn, Create, Engage"
    assert website["url"] == "https://lce.test/en/"
    assert website["publisher"] == {"@id": owner["@id"]}
    assert owner["@type"] == "Organization"
    assert owner["name"] == "Media Evolution Southern Sweden AB"


def test_programme_is_a_project_with_funders(rich_sites):
    """Check that a programme is a Project run by its owner, with its funders, period and region."""
    project = only_document(rich_sites["sv"], "programmes/learn-create-engage/")
    assert project["@type"] == "Project"
    assert project["parentOrganization"]["name"] == "Media Evolution Southern Sweden AB"
    assert [funder["name"] for funder in project["funder"]] == [
        "Europeiska socialfonden", "Media Evolution Southern Sweden AB", "Region Skåne"]
    assert (project["foundingDate"], project["dissolutionDate"]) == ("2024-01-01", "2026-12-31")
    assert project["areaServed"] == {"@type": "AdministrativeArea", "name": "Sydsverige", "identifier": "SE22"}
    assert project["identifier"] == "23-038-S02"
    sister = only_document(rich_sites["en"], "programmes/sister-programme/")
    assert [member["name"] for member in sister["member"]] == ["The Danish Centre for Arts & Interculture"]
    assert sister["sameAs"] == "https://example.org/sister"


def test_types_per_page_kind(rich_sites):
    """Check which schema.org types each kind of page carries (the list in the team's notes)."""
    build = rich_sites["sv"]
    types = {url: {node["@type"] for node in nodes(only_document(build, url))} for url in (
        "", "staff/content-model/", "activities/2025/making-cultural-impact-measurable/",
        "resources/recording/ai-and-creativity/")}
    assert types[""] == {"WebSite", "Organization", "PostalAddress"}
    assert types["staff/content-model/"] == {"WebPage"}
    assert {"EducationEvent", "VirtualLocation", "Offer"} <= types["activities/2025/making-cultural-impact-measurable/"]
    assert "VideoObject" in types["resources/recording/ai-and-creativity/"]


def test_repo_activity_pages_exist(repo_sites):
    """Check that the repo's activity pages are built (so the repo JSON-LD check covers an Event)."""
    assert any((REPO / "content" / "activities").rglob("*.md"))
    kinds = {node["@type"] for build in repo_sites.values() for url in all_pages(build)
             for node in nodes(only_document(build, url))}
    assert "EducationEvent" in kinds


def test_a_held_activity_offers_no_place(rich_sites):
    """Check that an activity held before the build's day names no availability (its places are neither to be had
    nor sold out) and that its offer links to its page, while one still to come keeps its registration."""
    page = "activities/2024/ai-and-creativity/"
    assert page in held_activities(rich_sites["sv"].site.parent / "content")
    event = only_document(rich_sites["sv"], page)
    assert event["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "SEK", "url": SITE_URL + page}
    coming = only_document(rich_sites["sv"], "activities/2025/making-cultural-impact-measurable/")
    assert coming["offers"]["availability"] == "https://schema.org/InStock"
    assert coming["offers"]["url"] == "https://example.org/register/impact"
