"""Programme pages, uncertain dates and footer credits, on small fixture trees built with the real MkDocs."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import MINIMAL, build_site, make_content

pytestmark = pytest.mark.build

SISTER = """---
title: "<script>alert(1)</script> Sister"
summary: A sister programme whose period no source gives.
owner: region-skane
partners: [danish-centre-for-arts-and-interculture]
places: [Norge]
target_groups: [Unga konstnärer.]
---

Text.
"""
SISTER_EN = """---
title: Sister programme
places: [Norway]
target_groups: [Young artists.]
---

Text.
"""
UNDATED = """---
title: Undated class
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2024-11
date_note: Mellan november 2024 och mars 2025; exakt datum saknas.
sectors: all
summary: En klass vars exakta datum inte är känt.
---

Text.
"""
UNDATED_EN = """---
title: Undated class
date_note: Between November 2024 and March 2025; exact date not known.
summary: A class whose exact date is not known.
---

Text.
"""
SISTER_AREA = """
sister-area:
  programme: sister
  label: {sv: Systerområde, en: Sister area}
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The minimal fixture with a sister programme and an activity of uncertain date, built in both languages."""
    root = tmp_path_factory.mktemp("programme")
    areas = (MINIMAL / "vocabularies" / "areas.yml").read_text(encoding="utf-8") + SISTER_AREA
    content = make_content(root, files={
        "programmes/sister.md": SISTER, "programmes/sister.en.md": SISTER_EN,
        "activities/2024/undated.md": UNDATED, "activities/2024/undated.en.md": UNDATED_EN,
        "vocabularies/areas.yml": areas,
    })
    builds = {language: build_site(content, language) for language in ("sv", "en")}
    for build in builds.values():
        assert build.returncode == 0, build.output
    return builds


def header(build, url: str):
    """The facts box of a built page."""
    return BeautifulSoup(build.page(url), "html.parser").find("header", class_=["lce-programme", "lce-activity"])


def test_programme_facts_box_shows_the_programme_data(sites):
    """Check that the facts box shows period, owner, funders, rate, reference, region, participants and contacts."""
    text = header(sites["sv"], "programmes/learn-create-engage").get_text(" ", strip=True)
    for fact in ("Pågår från 1 januari 2024 till 31 december 2026.", "Media Evolution Southern Sweden AB, Malmö", "Europeiska socialfonden",
                 "40\u00a0%", "23-038-S02", "Sydsverige (NUTS-2 SE22)", "230", "Frida Alkestrand Christensen"):
        assert fact in text, fact


def test_programme_without_period_says_so_in_each_language(sites):
    """Check that a programme with no start says its period is not given, in each language (no talk of sources)."""
    assert "Period\nEj angiven" in header(sites["sv"], "programmes/sister").get_text()
    assert "Period\nNot announced" in header(sites["en"], "programmes/sister").get_text()


def test_programme_places_and_target_groups_are_translated(sites):
    """Check that places and target groups come from the English file on the English page."""
    english = header(sites["en"], "programmes/sister").get_text(" ", strip=True)
    assert "Norway" in english and "Young artists." in english and "Norge" not in english
    assert "Norge" in header(sites["sv"], "programmes/sister").get_text()


def test_programme_title_is_escaped(sites):
    """Check that a programme title with markup reaches the page as text, never as a script element."""
    page = sites["sv"].page("programmes/sister")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("header", class_="lce-programme").h1.get_text() == "<script>alert(1)</script> Sister"
    assert "<script>alert(1)" not in page


def test_programme_areas_link_to_area_pages_from_the_page(sites):
    """Check that a programme's areas, and only its own, link to areas/<id>/ relative to the page."""
    links = [(a.get_text(), a["href"]) for a in header(sites["en"], "programmes/sister").select(".lce-areas a")]
    assert links == [("Sister area", "../../areas/sister-area/")]


def test_date_note_replaces_the_date_in_each_language(sites):
    """Check that an activity's date note is shown instead of its approximate date, translated."""
    swedish = header(sites["sv"], "activities/2024/undated")
    english = header(sites["en"], "activities/2024/undated")
    assert "Mellan november 2024 och mars 2025" in swedish.get_text()
    assert "Between November 2024 and March 2025" in english.get_text()
    assert "november 2024 (" not in swedish.get_text()


def test_footer_credits_come_from_the_platform_programme(sites):
    """Check that the footer credits name the platform programme's funders in the page's language."""
    for language, expected in (("sv", "Learn, Create, Engage har finansierats av Europeiska socialfonden"),
                               ("en", "Learn, Create, Engage has been funded by: European Social Fund")):
        credits = BeautifulSoup(sites[language].page(""), "html.parser").find(class_="lce-credits")
        assert expected in credits.get_text()
