"""The repo's own content, built with the real MkDocs: its programme pages, case studies and credits are shown.

Facts of the content itself (titles, dates, funders) are checked by staff's content/checks/facts.yml (make check-facts)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from quality.built_site import page_tree

pytestmark = pytest.mark.build


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
               "Pågick från 2016 till 2017.", "fyra kurstillfällen", "13 juni 2017", "30", "Fler företagare inom kulturella och kreativa"],
        "en": ["Region Skåne", "Region Blekinge", "Lund University, Campus Helsingborg", "Tillväxtverket",
               "Ran from 2016 to 2017.", "four course meetings", "13 June 2017", "30", "More entrepreneurs in the cultural and creative"],
    },
    "young-artists-romania-norway": {
        "sv": ["Norge", "Rumänien", "Mobilitetsprogram", "Kreativt läger", "Mentorskapsprogram", "Åtta videolektioner",
               "digital kommunikation", "ny teknik", "finansiering av kreativa och kulturella projekt", "Ej angiven"],
        "en": ["Norway", "Romania", "Mobility programme", "Creative camp", "Mentoring programme", "Eight video tutorials",
               "digital communication", "new technologies", "financing creative and cultural projects",
               "Not announced"],
    },
    "learning-city-for-creative-economy": {
        "sv": ["DVV International", "Deutscher Volkshochschul-Verband", "Pågick från 2017 till 2018.", "Gomel, Vitebsk, Minsk", "14 november 2018", "24–25 november 2018",
               "8–9 december 2018", "Your creative business", "Företrädare för lokala myndigheter"],
        "en": ["DVV International", "Ran from 2017 to 2018.", "Gomel, Vitebsk, Minsk", "14 November 2018", "24–25 November 2018",
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
        credits = page_tree(path.read_text(encoding="utf-8")).cssselect("footer.md-footer .lce-credits")
        assert credits, path
        for funder in funders:
            assert funder in credits[0].text_content(), (path, funder)
