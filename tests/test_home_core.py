"""The home page's lead and the visitor's navigation, without MkDocs: what is on as of a pinned today, where the
build places it on the page, the ways in, and the navigation's section titles."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, REPO, make_content
from lce_platform.content.errors import ContentError
from lce_platform.facts.timeline import activity_ends
from lce_platform.facts.urls import HOME_SRC_URI, url_of
from lce_platform.outputs.credits import PLATFORM_PROGRAMME
from lce_platform.outputs.home import LATEST_ON_HOME, NEXT_ON_HOME, RECENT_ON_HOME, what_is_on
from lce_platform.outputs.navigation import FOOTER_SECTION, section_title
from lce_platform.plan import BuildPlan, split_title

SPRING_2025 = FIXTURES / "spring-2025" / "content"
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
DURING = date(2025, 3, 15)
AFTER = date(2026, 11, 30)

HOME_WITH_TITLE = {
    "index.md": "---\ntitle: Startsida\n---\n\n# Kunskapsdelning\n\n## Om plattformen\n\nProgrammets text.\n",
    "index.en.md": "---\ntitle: Home\n---\n\n# Knowledge sharing\n\n## About the platform\n\nThe programme's text.\n",
    # Sorts before the platform programme, which the home page lists first all the same.
    "programmes/a-sister-programme.md": "---\ntitle: A Sister Programme\nsummary: Ett systerprogram i testerna.\n---\n\nText.\n",
}


@pytest.fixture(scope="module")
def spring_content(tmp_path_factory) -> Path:
    """The spring 2025 fixture with a home page that has a title and text, and a second programme."""
    return make_content(tmp_path_factory.mktemp("home-core"), base=SPRING_2025, files=HOME_WITH_TITLE)


def plan_on(content: Path, today: date, language: str = "sv") -> BuildPlan:
    """The content planned by the core as of `today`."""
    return BuildPlan.start(content, language, today, ROOTS)


def titles(entries, language: str = "en") -> list[str]:
    return [entry.title(language) for entry in entries]


def home_html(plan: BuildPlan) -> BeautifulSoup:
    """The home page's content as the build makes it, from the HTML Markdown makes of its body."""
    body = ('<h1 id="knowledge">Kunskapsdelning</h1>\n<h2 id="about">Om plattformen</h2>\n'
            "<p>Programmets text.</p>")
    return BeautifulSoup(plan.page_html(HOME_SRC_URI, body, ""), "html.parser")


def test_during_the_programme_the_home_page_leads_with_what_is_ongoing_and_next(spring_content):
    """Check that, on a day with activities on, the home page selects the ongoing ones and the next ones in date
    order, and no past activities."""
    shown = what_is_on(plan_on(spring_content, DURING).edition)
    assert shown.anything_on
    # The fixture's course runs 2024-10-10 to 2025-04-11; four activities begin after 2025-03-15.
    assert titles(shown.ongoing) == ["Data-Driven Methods – Strengthen your Organization"]
    assert titles(shown.upcoming) == [
        "Disrupt for Success – Brand Development of Cultural Institutions",
        "Widen your Vision, Clarify your Brand",
        "Peer Learning – AI Tools for Creative Processes",
        "Making Cultural Impact Measurable",
    ]
    assert shown.recent == ()


def test_the_home_page_lists_only_the_next_few_activities(tmp_path):
    """Check that many upcoming activities are cut to the first NEXT_ON_HOME, the soonest first."""
    files = {
        f"activities/2025/seminar-{day:02d}.md": (
            f"---\ntitle: Seminarium {day:02d}\ntype: seminar\nprogramme: learn-create-engage\narea: outreach-events\n"
            f"start: 2025-09-{day:02d}\nsectors: [film]\nsummary: Ett seminarium i testerna.\n---\n\nText.\n")
        for day in range(20, 8, -1)
    }
    content = make_content(tmp_path, base=SPRING_2025, files=files)
    shown = what_is_on(plan_on(content, date(2025, 6, 1)).edition)
    assert titles(shown.upcoming, "sv") == [f"Seminarium {day:02d}" for day in range(9, 9 + NEXT_ON_HOME)]


def test_with_nothing_coming_the_home_page_shows_the_last_activities_and_newest_resources(spring_content):
    """Check that, after the last activity, the home page selects the activities that ended last (newest first)
    and the newest resources."""
    edition = plan_on(spring_content, AFTER).edition
    shown = what_is_on(edition)
    assert not shown.anything_on
    activities = [entry for name in ("ongoing", "upcoming", "past") for entry in edition.phases[name]]
    by_end = sorted(activities, key=lambda entry: activity_ends(entry.data), reverse=True)
    assert [entry.id for entry in shown.recent] == [entry.id for entry in by_end[:RECENT_ON_HOME]]
    assert titles(shown.recent)[0] == "Peer Learning – AI Tools for Creative Processes"  # ends 2025-04-23
    assert [entry.id for entry in shown.resources] == ["recording/ai-and-creativity"][:LATEST_ON_HOME]


def test_the_build_places_what_is_on_between_the_title_and_the_text(spring_content):
    """Check that the home page's content is its title, then the ongoing and upcoming activities, then the ways
    into the sectors and programmes and the newest resources, and only then its own text."""
    html = home_html(plan_on(spring_content, DURING))
    headings = [heading.get_text(" ", strip=True) for heading in html.select("h1, h2")]
    assert headings == ["Kunskapsdelning", "Pågår nu", "Kommande aktiviteter", "Hitta din sektor", "Programmen",
                        "Senaste resurserna", "Om plattformen"]
    assert html.select_one(".lce-home-knowledge") is None
    upcoming = html.select('[data-lce-phase="upcoming"] .lce-item__title a')
    assert upcoming[0]["href"] == "activities/2025/disrupt-for-success/"
    assert html.select_one('.lce-phase__more a[href="calendar/subscribe/"]') is not None


def test_with_nothing_coming_the_home_page_leads_with_the_knowledge(spring_content):
    """Check that, with nothing coming, the home page leads with the newest resources, then the programmes and
    their numbers, then the feed of new publications, then the last activities, in both languages; and that it
    offers no calendar subscription (which would promise a next activity)."""
    first = {"sv": ["Senaste inspelningarna, materialen och fallstudierna", "Programmen och deras resultat",
                    "Följ nya publiceringar", "Senaste aktiviteterna"],
             "en": ["The newest recordings, materials and case studies", "The programmes and their records",
                    "Follow new publications", "Recent activities"]}
    for language in ("sv", "en"):
        html = home_html(plan_on(spring_content, AFTER, language))
        headings = [heading.get_text(" ", strip=True) for heading in html.select("h2")]
        assert headings[:4] == first[language]
        assert [link["href"] for link in html.select(".lce-home-follow a")] == ["feed.xml"]
        assert html.select_one('a[href="calendar/subscribe/"]') is None
        assert html.select_one(".lce-home-library .lce-item__title a") is not None
        assert html.find(string=re.compile("Kunskapsdelning")).find_parent("h1") is not None
        assert html.select('[data-lce-phase="upcoming"]') == []


def test_ways_in_link_every_sector_and_every_programme_the_platform_first(spring_content):
    """Check that the home page links to each sector's page and each programme's, the platform programme first."""
    plan = plan_on(spring_content, DURING)
    html = home_html(plan)
    sectors = [link["href"] for link in html.select(".lce-home-sectors .lce-chips a")]
    assert sectors == [f"sectors/{sector}/" for sector in plan.site.vocabularies["sectors"]]
    programmes = [link["href"] for link in html.select(".lce-home-programmes .lce-card__title a")]
    assert programmes == [f"programmes/{PLATFORM_PROGRAMME}/", "programmes/a-sister-programme/"]
    # The platform programme's period (2024-01-01 to 2026-12-31); the other gives none, so shows none.
    periods = [card.select_one(".lce-card__meta") for card in html.select(".lce-card")]
    assert re.search(r"2024.*2026", periods[0].get_text()) and periods[1] is None


def test_other_pages_get_no_home_page_lead(spring_content):
    """Check that a page other than the home page keeps its body as it is."""
    plan = plan_on(spring_content, DURING)
    body = "<h1>Om</h1>\n<p>Text.</p>"
    assert plan.page_html("programmes/a-sister-programme.md", body, "programmes/a-sister-programme/").endswith(body)


def test_split_title_takes_only_a_leading_h1():
    """Check that a body's leading h1 is split off, and a body without one is left whole."""
    assert split_title('\n<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n<p>Text</p>') == (
        '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>', "\n<p>Text</p>")
    assert split_title("<p>Välkommen.</p><h1>Later</h1>") == ("", "<p>Välkommen.</p><h1>Later</h1>")


def _mkdocs_nav() -> list:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)["nav"]


def test_the_navigation_names_its_sections_in_both_languages_and_leaves_out_the_staff_guide():
    """Check that every section of mkdocs.yml's navigation has a title in Swedish and in English, that the footer's
    section is one of them, that every page it lists exists, and that the staff guide is not in it."""
    nav = _mkdocs_nav()
    sections = {key: pages for item in nav if isinstance(item, dict) for key, pages in item.items()}
    assert FOOTER_SECTION in sections
    for key in sections:
        assert section_title("sv", key) != section_title("en", key)
    pages = [item for item in nav if isinstance(item, str)] + [page for pages in sections.values() for page in pages]
    assert len(nav) <= 7  # a handful of entries, not the whole site
    plan = BuildPlan.start(REPO / "content", "sv", AFTER, ROOTS)
    for page in pages:
        assert page in plan.site.entries or page in plan.generated, page
    assert not [page for page in pages if url_of(page).startswith("staff/")]


def test_a_section_without_a_title_is_an_error_at_its_line():
    """Check that a navigation section whose key has no title names the file, the line and the closest key."""
    text = "site_name: x\nnav:\n  - index.md\n  - programmez:\n      - programmes/x.md\n"
    with pytest.raises(ContentError) as raised:
        section_title("en", "programmez", "mkdocs.yml", text)
    assert (raised.value.path, raised.value.line, raised.value.field) == ("mkdocs.yml", 4, "nav")
    assert raised.value.suggestion == "programmes"
