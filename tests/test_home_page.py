"""The home page built with the real MkDocs on a pinned today: during the programme it leads with what is on, after
it with the last activities and a way to subscribe; both before the page's own text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, make_content
from test_home_core import AFTER, DURING, HOME_WITH_TITLE, SPRING_2025

HEADINGS = {
    "sv": {"ongoing": "Pågår nu", "upcoming": "Kommande aktiviteter", "recent": "Senaste aktiviteterna",
           "text": "Om plattformen", "sectors": "Hitta din sektor", "full": "Fullbokad", "type": "Kurs"},
    "en": {"ongoing": "Ongoing now", "upcoming": "Upcoming activities", "recent": "Recent activities",
           "text": "About the platform", "sectors": "Find your sector", "full": "Fully booked", "type": "Course"},
}


def _built(tmp_path_factory, today) -> dict:
    content = make_content(tmp_path_factory.mktemp(f"home-{today}"), base=SPRING_2025, files=HOME_WITH_TITLE)
    builds = {language: build_site(content, language, today=today.isoformat()) for language in ("sv", "en")}
    for build in builds.values():
        assert build.returncode == 0, build.output
    return builds


@pytest.fixture(scope="module")
def during(tmp_path_factory) -> dict:
    """The spring 2025 fixture built in both languages on a day with one activity on and four to come."""
    return _built(tmp_path_factory, DURING)


@pytest.fixture(scope="module")
def after(tmp_path_factory) -> dict:
    """The same content built in both languages long after its last activity."""
    return _built(tmp_path_factory, AFTER)


def article(build) -> BeautifulSoup:
    return BeautifulSoup(build.page(""), "html.parser").select_one("article")


def headings(page: BeautifulSoup) -> list[str]:
    """The page's h1 and h2 headings, without their permalinks."""
    for permalink in page.select("a.headerlink"):
        permalink.decompose()
    return [heading.get_text(" ", strip=True) for heading in page.select("h1, h2")]


def assert_links_lead_to_pages(build, page: BeautifulSoup, selector: str) -> None:
    """Every link of the part `selector` of the home page leads to a page or file of the build."""
    links = [link["href"] for part in page.select(selector) for link in part.select("a[href]")]
    assert links
    for href in links:
        target = build.site / href
        assert (target / "index.html").exists() if href.endswith("/") else target.exists(), href


@pytest.mark.build
@pytest.mark.parametrize("language", ["sv", "en"])
def test_during_the_programme_the_home_page_leads_with_what_is_on(during, language):
    """Check that the home page shows, under its title and before its own text, what is ongoing and the next
    activities with date, type, status and sectors, then a way into each sector and programme."""
    words = HEADINGS[language]
    page = article(during[language])
    found = headings(page)
    assert found[1:3] == [words["ongoing"], words["upcoming"]]
    assert found.index(words["sectors"]) < found.index(words["text"])
    upcoming = page.select('[data-lce-phase="upcoming"] .lce-item')
    assert [item.select_one(".lce-item__title").get_text(strip=True) for item in upcoming][0] == (
        "Disrupt for Success – Brand Development of Cultural Institutions")
    first = upcoming[0]
    assert first.select_one(".lce-item__meta time")["datetime"].startswith("2025-03-19T13:00")
    assert first.select_one(".lce-badge").get_text(strip=True) == words["full"]
    assert first.select_one(".lce-item__details").get_text().strip()  # its sectors
    ongoing = page.select_one('[data-lce-phase="ongoing"] .lce-item__meta').get_text()
    assert words["type"] in ongoing
    assert page.select_one(".lce-home-knowledge") is None
    assert_links_lead_to_pages(during[language], page, ".lce-home-now, .lce-home-sectors, .lce-home-programmes")


@pytest.mark.build
@pytest.mark.parametrize("language", ["sv", "en"])
def test_after_the_programme_the_home_page_leads_with_the_knowledge(after, language):
    """Check that, with nothing on or coming, the home page leads with the newest resources, then the programmes
    and their records, the feed of new publications and the last activities (newest first), all before its own
    text, and offers no calendar subscription."""
    words = HEADINGS[language]
    page = article(after[language])
    found = headings(page)
    assert found.index(words["recent"]) < found.index(words["sectors"]) < found.index(words["text"])
    assert page.select_one(".lce-home-library").find_previous("h2") is None
    assert [link["href"] for link in page.select(".lce-home-follow a")] == ["feed.xml"]
    assert page.select_one('a[href="calendar/subscribe/"]') is None
    recent = [title.get_text(strip=True) for title in page.select('[data-lce-phase="past"] .lce-item__title')]
    assert recent[0] == "Peer Learning – AI Tools for Creative Processes"
    assert page.select('[data-lce-phase="upcoming"], [data-lce-phase="ongoing"]') == []
    assert page.select(".lce-home-library .lce-item")
    assert_links_lead_to_pages(after[language], page, ".lce-home-now, .lce-home-sectors, .lce-home-programmes")
