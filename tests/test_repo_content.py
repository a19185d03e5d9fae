"""The repo's own content, built with the real MkDocs: every activity and programme of the sources is on the site."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from conftest import PINNED_TODAY

pytestmark = pytest.mark.build

TODAY = datetime.combine(date.fromisoformat(PINNED_TODAY), datetime.min.time(), tzinfo=ZoneInfo("Europe/Stockholm"))

# Every activity of the programme page (seed 000): title, type label (sv, en), status label (sv, en) or None when
# it takes bookings as planned, where it stands on PINNED_TODAY, and its first day when the source gives it.
SEED_ACTIVITIES = [
    ("Data-Driven Methods – Strengthen your Organization", ("Kurs", "Course"), None, "ongoing", None),
    ("Disrupt for Success – Brand Development of Cultural Institutions", ("Klass", "Class"),
     ("Fullbokad", "Fully booked"), "upcoming", "2025-03-19"),
    ("Widen your Vision, Clarify your Brand", ("Seminarium", "Seminar"), None, "upcoming", "2025-03-20"),
    ("Peer Learning – AI Tools for Creative Processes", ("Kurs", "Course"), ("Fullbokad", "Fully booked"),
     "upcoming", "2025-03-28"),
    ("Making Cultural Impact Measurable", ("Klass", "Class"), None, "upcoming", "2025-04-03"),
    ("Futures of Sound and Song", ("Seminarium och bokrelease", "Seminar and book launch"), None, "past", None),
    ("Data-driven Methods for Strategic Development of Cultural Organizations", ("Upphandling", "Procurement"), None,
     "past", None),
    ("Developing Creative Processes with AI", ("Upphandling", "Procurement"), None, "past", None),
    ("Communication Strategy in Digital Channels for Creative Projects and Individuals", ("Upphandling", "Procurement"),
     None, "past", None),
    ("Develop Creative Processes with AI", ("Klass", "Class"), None, "past", None),
    ("Digital Communication Strategies for Creative Projects and Individuals", ("Klass", "Class"), None, "past", None),
    ("Develop Creative Processes with AI", ("Kurs", "Course"), None, "past", None),
    ("Understanding Energy, Matter, and the Digital World", ("Klass", "Class"), None, "past", None),
    ("AI & Creativity", ("Seminarium", "Seminar"), None, "past", "2024-11"),
    ("Social Impact Canvas for Professional Creators & Artists", ("Klass", "Class"), None, "past", None),
    ("Creative Processes with Generative AI", ("Kurs", "Course"), None, "past", None),
    ("Futures of Professional Learning", ("Seminarium", "Seminar"), None, "past", None),
    ("3D Printing for Creatives", ("Klass", "Class"), None, "past", None),
]
LANGUAGE_INDEX = {"sv": 0, "en": 1}


def activity_headers(build) -> dict[tuple[str, str], BeautifulSoup]:
    """Every activity page's header, by (title, type label)."""
    headers = {}
    for path in sorted((build.site / "activities").glob("*/*/index.html")):
        header = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("header", class_="lce-activity")
        type_line = header.find("p", class_="lce-activity__type")
        type_label = type_line.find(string=True, recursive=False).strip()
        headers[(header.h1.get_text(strip=True), type_label)] = header
    return headers


def standing(header) -> str:
    """Where an activity stands on PINNED_TODAY, from the times its header carries."""
    starts = datetime.fromisoformat(header["data-lce-start"])
    ends = datetime.fromisoformat(header["data-lce-end"])
    if ends <= TODAY:
        return "past"
    return "ongoing" if starts <= TODAY else "upcoming"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_seed_activity_is_built_with_type_and_status(repo_sites, language):
    """Check that each activity of the programme page is on the built site with its type, status and timing."""
    headers = activity_headers(repo_sites[language])
    index = LANGUAGE_INDEX[language]
    for title, types, status, timing, first_day in SEED_ACTIVITIES:
        header = headers.get((title, types[index]))
        assert header is not None, f"{title} ({types[index]}) missing in {language}"
        badge = header.find(class_="lce-badge")
        if status is None:
            assert badge is None, f"{title} has a status badge"
        else:
            assert badge is not None and badge.get_text(strip=True) == status[index], title
        assert standing(header) == timing, f"{title} should be {timing} on {PINNED_TODAY}"
        if first_day:
            assert header.find("time")["datetime"] == first_day, title


@pytest.mark.parametrize("language", ["sv", "en"])
def test_ongoing_course_ends_on_11_april_and_peer_learning_on_23_april(repo_sites, language):
    """Check that the data-driven course runs until 11 April 2025 and the peer-learning course 28 March – 23 April."""
    headers = activity_headers(repo_sites[language])
    course = "Kurs" if language == "sv" else "Course"
    data_driven = headers[("Data-Driven Methods – Strengthen your Organization", course)]
    assert data_driven["data-lce-end"].startswith("2025-04-12T00:00")
    assert ("11 april 2025" if language == "sv" else "11 April 2025") in data_driven.get_text()
    peer = headers[("Peer Learning – AI Tools for Creative Processes", course)]
    assert peer["data-lce-start"].startswith("2025-03-28") and peer["data-lce-end"].startswith("2025-04-24T00:00")


def page_text(build, url: str) -> str:
    """The visible text of a built page's article."""
    return BeautifulSoup(build.page(url), "html.parser").find("article").get_text(" ", strip=True)


PROGRAMME_FACTS = {
    "learn-create-engage": {
        "sv": ["23-038-S02", "ESF+", "40 %", "Sydsverige (NUTS-2 SE22)", "230", "Media Evolution Southern Sweden AB, Malmö",
               "Europeiska socialfonden", "Region Skåne", "2021SE05SFPR", "Mentorskapsprogram", "Olika kurser",
               "Datadrivna metoder för ökat kulturellt engagemang", "Kunskapsdelning", "frida@mediaevolution.se",
               "freja@mediaevolution.se", "arkitektur", "scenkonst", "spel"],
        "en": ["23-038-S02", "ESF+", "40%", "NUTS-2 SE22", "230", "Media Evolution Southern Sweden AB, Malmö",
               "European Social Fund", "Region Skåne", "2021SE05SFPR", "Mentorship programme", "Various courses",
               "Data-driven methods for greater cultural engagement", "Knowledge sharing", "frida@mediaevolution.se",
               "freja@mediaevolution.se", "architecture", "performing arts", "games"],
    },
    "nar-kultur-ar-resans-mal": {
        "sv": ["Region Skåne", "Region Blekinge", "Lunds universitet, Campus Helsingborg", "Tillväxtverket",
               "2016 – 2017", "fyra kurstillfällen", "13 juni 2017", "30", "Fler företagare inom kulturella och kreativa"],
        "en": ["Region Skåne", "Region Blekinge", "Lund University, Campus Helsingborg", "Tillväxtverket",
               "2016 – 2017", "four course meetings", "13 June 2017", "30", "More entrepreneurs in the cultural and creative"],
    },
    "young-artists-romania-norway": {
        "sv": ["Norge", "Rumänien", "Mobilitetsprogram", "Kreativt läger", "Mentorskapsprogram", "Åtta videohandledningar",
               "digital kommunikation", "ny teknik", "finansiering av kreativa och kulturella projekt", "Uppgift saknas"],
        "en": ["Norway", "Romania", "Mobility programme", "Creative camp", "Mentoring programme", "Eight video tutorials",
               "digital communication", "new technologies", "financing creative and cultural projects",
               "Not given in our source"],
    },
    "learning-city-for-creative-economy": {
        "sv": ["DVV International", "Gomel, Vitebsk, Minsk", "14 november 2018", "24–25 november 2018",
               "8–9 december 2018", "Your creative business", "Företrädare för lokala myndigheter"],
        "en": ["DVV International", "Gomel, Vitebsk, Minsk", "14 November 2018", "24–25 November 2018",
               "8–9 December 2018", "Your creative business", "Representatives of local authorities"],
    },
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("programme", sorted(PROGRAMME_FACTS))
def test_programme_pages_show_their_key_facts(repo_sites, programme, language):
    """Check that each programme page exists in both languages with its key facts."""
    text = page_text(repo_sites[language], f"programmes/{programme}")
    for fact in PROGRAMME_FACTS[programme][language]:
        assert fact in text, f"{programme} ({language}) lacks {fact!r}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_programme_page_links_its_four_key_areas(repo_sites, language):
    """Check that the programme's facts box links each of its four key areas to the area's page."""
    soup = BeautifulSoup(repo_sites[language].page("programmes/learn-create-engage"), "html.parser")
    links = [a["href"] for a in soup.find("header", class_="lce-programme").select(".lce-areas a")]
    assert links == [f"../../areas/{area}/" for area in
                     ("tailored-competence-development", "data-driven-methods", "peer-learning-programme", "outreach-events")]


SISTER_ACTIVITIES = {
    "activities/2017/nar-kultur-ar-resans-mal-slutkonferens": ("2017-06-13", "nar-kultur-ar-resans-mal"),
    "activities/2018/learning-city-public-discussion": ("2018-11-14", "learning-city-for-creative-economy"),
    "activities/2018/learning-city-hackathon": ("2018-11-24", "learning-city-for-creative-economy"),
    "activities/2018/your-creative-business": ("2018-12-08", "learning-city-for-creative-economy"),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_sister_activities_have_their_dates_and_link_their_programme(repo_sites, language):
    """Check that the dated activities of the sister programmes show their day and link to their programme."""
    for url, (first_day, programme) in SISTER_ACTIVITIES.items():
        header = BeautifulSoup(repo_sites[language].page(url), "html.parser").find("header", class_="lce-activity")
        assert header.find("time")["datetime"] == first_day
        assert header.find("a", href=f"../../../programmes/{programme}/") is not None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_case_studies_link_their_programme(repo_sites, language):
    """Check that each sister programme has a case study page that links back to the programme."""
    for programme in ("nar-kultur-ar-resans-mal", "young-artists-romania-norway", "learning-city-for-creative-economy"):
        soup = BeautifulSoup(repo_sites[language].page(f"resources/case-study/{programme}"), "html.parser")
        assert soup.find("article").find("a", href=f"../../../programmes/{programme}/") is not None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_credits_the_funders_in_its_footer(repo_sites, language):
    """Check that every built page, the 404 page included, credits the three funders in its own language."""
    funders = (["Europeiska socialfonden", "Media Evolution", "Region Skåne"] if language == "sv"
               else ["European Social Fund", "Media Evolution", "Region Skåne"])
    pages = repo_sites[language].pages()
    assert len(pages) > 30
    for path in pages:
        footer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("footer", class_="md-footer")
        credits = footer.find(class_="lce-credits") if footer else None
        assert credits is not None, path
        for funder in funders:
            assert funder in credits.get_text(), (path, funder)
