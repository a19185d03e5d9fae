"""People and organisation pages as built: their content in both languages, the links to them, their JSON-LD
(parsed and checked against schema.org), privacy and the sitemap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from schemaorg_check import jsonld_of, property_problems, vocabulary_problems

pytestmark = pytest.mark.build

SV, EN = "https://lce.test/", "https://lce.test/en/"


def soup(build, url: str) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(build.page(url), "html.parser")


def main(build, url: str) -> BeautifulSoup:
    """The page's own content (what the theme wraps in its article)."""
    return soup(build, url).select_one("article.md-content__inner")


def only_document(build, url: str) -> dict:
    """The single JSON-LD document of a page."""
    documents = jsonld_of(build.page(url))
    assert len(documents) == 1, documents
    return documents[0]


def test_person_page_shows_what_they_led_by_programme_in_both_languages(rich_sites):
    """Check that a facilitator's page names them, links their organisation and lists the activities they led under
    their programme, dated as the calendar dates them, in Swedish and in English."""
    for language, heading, role in (("sv", "Som ledare", "Organisation"), ("en", "As facilitator", "Organisation")):
        build = rich_sites[language]
        page = main(build, "people/niels-righolt/")
        assert page.h1.get_text() == "Niels Righolt"
        programme = page.find("h2", id="programme-learn-create-engage")
        assert programme.a["href"] == "../../programmes/learn-create-engage/"
        assert programme.find_next("h3").get_text() == heading
        listed = {item.h4.a["href"]: item.time.get_text() for item in page.select("li.lce-item")}
        assert set(listed) == {"../../activities/2025/disrupt-for-success/", "../../activities/2025/data-driven-methods/"}
        in_calendar = {
            item.select_one(".lce-item__title a")["href"].split("activities/", 1)[1]: item.time.get_text()
            for path in (build.site / "calendar").rglob("index.html")
            for item in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("li.lce-item")
        }
        for href, when in listed.items():
            assert in_calendar[href.split("activities/", 1)[1]] == when
        facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("dl.lce-facts dt")}
        assert facts[role].a["href"] == "../../organisations/danish-centre-for-arts-and-interculture/"


def test_activity_programme_and_resource_pages_link_the_names(rich_sites):
    """Check that facilitators and contacts on an activity page, contacts and organisations on a programme page
    and authors on a resource page link to their pages, which exist."""
    build = rich_sites["en"]
    links = {
        "activities/2025/disrupt-for-success/": ["people/niels-righolt/", "people/frida-alkestrand-christensen/"],
        "programmes/learn-create-engage/": ["people/frida-alkestrand-christensen/", "people/freja-ahren/",
                                            "organisations/media-evolution/", "organisations/european-social-fund/",
                                            "organisations/region-skane/"],
        "programmes/sister-programme/": ["organisations/danish-centre-for-arts-and-interculture/"],
        "resources/case-study/marketing-a-museum/": ["people/freja-ahren/"],
    }
    for url, targets in links.items():
        header = main(build, url).header
        depth = url.count("/")
        hrefs = {a["href"].removeprefix("../" * depth) for a in header.find_all("a")}
        for target in targets:
            assert target in hrefs, (url, target)
            assert (build.site / target / "index.html").exists()


def test_every_person_and_organisation_page_is_linked_and_in_the_sitemap(rich_sites):
    """Check that the index links every person and organisation page, each links back to the index, and the
    sitemap lists each in both languages."""
    build = rich_sites["sv"]
    index = main(build, "people/")
    linked = {a["href"] for a in index.select("section a")}
    pages = {path.parent.relative_to(build.site).as_posix() + "/"
             for folder in ("people", "organisations") for path in (build.site / folder).glob("*/index.html")}
    assert linked == {"../" + page if page.startswith("organisations/") else page.removeprefix("people/")
                      for page in pages}
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    for page in pages | {"people/"}:
        assert f"<loc>{SV}{page}</loc>" in sitemap and f"<loc>{EN}{page}</loc>" in sitemap
        back = main(build, page).find_all("a")[-1]["href"]
        assert page == "people/" or back in ("../", "../../people/")


def test_no_page_for_who_the_content_does_not_name(rich_sites):
    """Check that a person and an organisation only the vocabularies hold have no page and are not listed."""
    for build in rich_sites.values():
        assert not (build.site / "people" / "unnamed-person").exists()
        assert not (build.site / "organisations" / "unnamed-organisation").exists()
        assert "Unnamed" not in build.page("people/")


def test_contact_details_only_where_the_content_names_a_contact(rich_sites):
    """Check that no built file holds the e-mail address of a person named only as facilitator or not at all,
    that a contact's address is on their page, and that the people pages show no images of people."""
    for build in rich_sites.values():
        for path in build.site.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".txt") \
                    and "admin" not in path.relative_to(build.site).parts:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert "niels.facilitator@example.org" not in text, path
                assert "unnamed.person@example.org" not in text, path
        frida = main(build, "people/frida-alkestrand-christensen/")
        assert frida.find("a", href="mailto:frida@mediaevolution.se") is not None
        for folder in ("people", "organisations"):
            for path in (build.site / folder).rglob("index.html"):
                content = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                assert content.select_one("article.md-content__inner").find("img") is None, path


def test_profile_pages_carry_person_and_organization_jsonld(rich_sites):
    """Check that a person's page is a ProfilePage about a Person (name, page, affiliation; no contact details)
    and an organisation's about an Organization, both passing the schema.org checks, in each language."""
    for language, root in (("sv", SV), ("en", EN)):
        build = rich_sites[language]
        document = only_document(build, "people/frida-alkestrand-christensen/")
        assert (document["@type"], document["url"]) == ("ProfilePage", f"{root}people/frida-alkestrand-christensen/")
        person = document["mainEntity"]
        assert person["@type"] == "Person"
        assert person["@id"] == f"{SV}people/frida-alkestrand-christensen/#person"
        assert (person["name"], person["url"]) == ("Frida Alkestrand Christensen", document["url"])
        assert person["affiliation"]["@id"] == f"{SV}organisations/media-evolution/#organisation"
        assert "email" not in person and "telephone" not in person
        organisation = only_document(build, "organisations/danish-centre-for-arts-and-interculture/")
        assert organisation["@type"] == "ProfilePage"
        assert organisation["mainEntity"]["@type"] == "Organization"
        assert organisation["mainEntity"]["name"] == "The Danish Centre for Arts & Interculture"
        assert "url" not in organisation["mainEntity"]  # the vocabulary holds no website for it
        for document in (document, organisation):
            assert vocabulary_problems(document) == []
            assert property_problems(document) == []


def test_events_and_courses_refer_to_the_person_pages(rich_sites):
    """Check that an event's performer and a course instance's instructor carry the @id and the address of the
    person's page in the page's language, the same @id as the person's own page."""
    for language, root in (("sv", SV), ("en", EN)):
        build = rich_sites[language]
        own = only_document(build, "people/niels-righolt/")["mainEntity"]["@id"]
        event = only_document(build, "activities/2025/disrupt-for-success/")
        (performer,) = event["performer"]
        assert (performer["@id"], performer["url"]) == (own, f"{root}people/niels-righolt/")
        course = only_document(build, "activities/2025/data-driven-methods/")
        (instructor,) = course["hasCourseInstance"]["instructor"]
        assert (instructor["@id"], instructor["url"]) == (own, f"{root}people/niels-righolt/")
        project = only_document(build, "programmes/learn-create-engage/")
        owner = only_document(build, "organisations/media-evolution/")["mainEntity"]
        assert project["parentOrganization"]["@id"] == owner["@id"]


def test_index_lists_people_with_role_and_organisation(rich_sites):
    """Check that the index names each person with the role and organisation the vocabulary holds, by name."""
    page = main(rich_sites["en"], "people/")
    assert page.h1.get_text() == "People and organisations"
    people = [re.sub(r"\s+", " ", item.get_text()).strip() for item in page.select("#people ~ ul li")]
    assert people == ["Freja Åhrén – Media Evolution Southern Sweden AB",
                      "Frida Alkestrand Christensen – Project Leader, Media Evolution Southern Sweden AB",
                      "Niels Righolt – The Danish Centre for Arts & Interculture"]


def test_repo_people_pages(repo_sites):
    """Check that the repo's facilitator and programme contacts have pages in both languages."""
    for build in repo_sites.values():
        for url in ("people/niels-righolt/", "people/frida-alkestrand-christensen/", "organisations/region-skane/"):
            assert Path(build.site / url / "index.html").exists(), url
