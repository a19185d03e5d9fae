"""People and organisation pages without MkDocs: who gets a page, what it lists and in which order, the addresses."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import PINNED_TODAY, make_content
from lce_platform.content.errors import ContentErrors
from rich_content import EXTRA_FILES
from lce_platform.facts.timeline import phase
from lce_platform.facts.urls import PEOPLE_URL, organisation_url, person_url, url_of
from lce_platform.facts.urls import SITEMAP_FILE
from lce_platform.outputs.sitemap import sitemap_files
from lce_platform.plan import BuildPlan

ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
TODAY = date.fromisoformat(PINNED_TODAY)

# Beside the rich content: a resource of no programme by a facilitator, and a second programme naming a contact.
PEOPLE_FILES = {
    **EXTRA_FILES,
    "resources/material/loose-notes.md": """---
title: Loose notes
kind: material
date: 2025-01-15
sectors: [design]
summary: Notes that belong to no programme.
authors: [niels-righolt]
---
""",
    "programmes/other-programme.md": """---
title: Other programme
summary: A programme whose contact facilitates elsewhere.
funders: [media-evolution]
contacts: [niels-righolt]
---
""",
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, BuildPlan]:
    """The rich content with the files above, planned in both languages by the core."""
    content = make_content(tmp_path_factory.mktemp("people"), files=PEOPLE_FILES)
    swedish = BuildPlan.start(content, "sv", TODAY, ROOTS)
    return {"sv": swedish, "en": BuildPlan.start(content, "en", TODAY, ROOTS, site=swedish.site)}


def test_addresses_of_people_and_organisations():
    """Check the address rules of the index, a person's page and an organisation's page."""
    assert PEOPLE_URL == "people/"
    assert person_url("niels-righolt") == "people/niels-righolt/"
    assert organisation_url("region-skane") == "organisations/region-skane/"


def test_only_what_the_content_names_gets_a_page(plans):
    """Check that every person and organisation the content names has a page in each language, and that a
    vocabulary entry nothing refers to has none."""
    for plan in plans.values():
        people = {src_uri.split("/")[1] for src_uri in plan.generated if src_uri.startswith("people/")
                  and src_uri != "people/index.md"}
        organisations = {src_uri.split("/")[1] for src_uri in plan.generated if src_uri.startswith("organisations/")}
        assert people == {"frida-alkestrand-christensen", "freja-ahren", "niels-righolt"}
        # The Danish centre is a partner of the sister programme; the funders and the owner are named by programmes.
        assert organisations == {"media-evolution", "european-social-fund", "region-skane",
                                 "danish-centre-for-arts-and-interculture"}
        assert "people/index.md" in plan.generated


def test_an_organisation_named_only_through_its_people_gets_a_page(tmp_path):
    """Check that an organisation no programme names, but that a named person belongs to, gets a page listing
    them, and that without any named person or organisation the site makes none of these pages."""
    content = make_content(tmp_path / "one", files={"programmes/sister-programme.md": PEOPLE_FILES[
        "programmes/sister-programme.md"].replace("partners: [danish-centre-for-arts-and-interculture]\n", "")})
    plan = BuildPlan.start(content, "sv", TODAY, ROOTS)
    assert plan.edition.people.organisations["danish-centre-for-arts-and-interculture"] == {}
    assert plan.edition.people.members["danish-centre-for-arts-and-interculture"] == ["niels-righolt"]
    page = plan.generated["organisations/danish-centre-for-arts-and-interculture/index.md"]
    assert 'href="../../people/niels-righolt/"' in page.html

    empty = make_content(tmp_path / "none", files={
        "activities/2025/disrupt-for-success.md": (tmp_path / "one/content/activities/2025/disrupt-for-success.md")
        .read_text(encoding="utf-8").replace("facilitators: [niels-righolt]\ncontact: frida-alkestrand-christensen\n", ""),
        "programmes/learn-create-engage.md": (tmp_path / "one/content/programmes/learn-create-engage.md")
        .read_text(encoding="utf-8").replace("contacts: [frida-alkestrand-christensen, freja-ahren]\n", "")
        .replace("owner: media-evolution\n", "").replace("funders: [european-social-fund, media-evolution, region-skane]\n", ""),
    })
    plan = BuildPlan.start(empty, "sv", TODAY, ROOTS)
    assert not [src_uri for src_uri in plan.generated if src_uri.startswith(("people/", "organisations/"))]


def test_a_person_is_listed_by_programme_and_role(plans):
    """Check that a person's part is grouped by programme, in the content's programme order with what belongs to
    no programme last, with their activities ongoing and upcoming first, then past newest first."""
    edition = plans["sv"].edition
    parts = edition.people.people["niels-righolt"]
    assert list(parts) == ["learn-create-engage", "other-programme", None]
    led = parts["learn-create-engage"].led
    assert {entry.id for entry in led} == {"2025/disrupt-for-success", "2025/data-driven-methods"}
    phases = [phase(entry.data, TODAY) for entry in led]
    assert phases == sorted(phases, key=["ongoing", "upcoming", "past"].index)
    assert parts["other-programme"].contact and not parts["other-programme"].led
    assert [entry.id for entry in parts[None].authored] == ["material/loose-notes"]
    freja = edition.people.people["freja-ahren"]["learn-create-engage"]
    assert freja.contact and [entry.id for entry in freja.authored] == ["case-study/marketing-a-museum"]


def test_organisations_have_their_roles_by_programme(plans):
    """Check that an organisation's roles in each programme are the programme's owner, funders and partners."""
    organisations = plans["en"].edition.people.organisations
    assert {key: part.roles for key, part in organisations["media-evolution"].items()} == {
        "learn-create-engage": ["owner", "funder"], "other-programme": ["funder"], "sister-programme": ["owner"]}
    assert list(organisations["danish-centre-for-arts-and-interculture"]) == ["sister-programme"]
    page = plans["en"].generated["organisations/media-evolution/index.md"]
    assert "Project owner, funder" in page.html
    assert page.lists == ("programmes/learn-create-engage.md", "programmes/other-programme.md",
                          "programmes/sister-programme.md")


def test_contact_details_only_for_contacts(plans):
    """Check that a person's page shows the e-mail address and phone number the vocabulary holds only when the
    content names them as a contact (of an activity or programme), never for a facilitator only."""
    edition = plans["sv"].edition
    assert edition.people.person_is_contact("frida-alkestrand-christensen")
    frida = plans["sv"].generated["people/frida-alkestrand-christensen/index.md"].html
    assert 'href="mailto:frida@mediaevolution.se"' in frida
    assert not edition.people.person_is_contact("unnamed-person")
    # Niels is the contact of the other programme here, so his address shows; in the rich content alone it does not.
    assert "niels.facilitator@example.org" in plans["sv"].generated["people/niels-righolt/index.md"].html


def test_a_facilitator_only_shows_no_contact_details(tmp_path):
    """Check that a person named only as facilitator and author gets a page without the e-mail address the
    vocabulary holds for them."""
    content = make_content(tmp_path, files=EXTRA_FILES)
    plan = BuildPlan.start(content, "sv", TODAY, ROOTS)
    page = plan.generated["people/niels-righolt/index.md"]
    assert "niels.facilitator@example.org" not in page.html
    assert "mailto:" not in page.html and "tel:" not in page.html


def test_pages_are_in_both_languages_and_the_sitemap(plans):
    """Check that the index and every person's page have their titles in each language, and that the sitemap
    lists them with both languages' addresses."""
    assert plans["sv"].generated["people/index.md"].title == "Personer och organisationer"
    assert plans["en"].generated["people/index.md"].title == "People and organisations"
    english = plans["en"].generated["people/niels-righolt/index.md"].html
    assert "As facilitator" in english and "Outside the programmes" in english
    swedish = plans["sv"].generated["people/niels-righolt/index.md"].html
    assert "Som ledare" in swedish and "Utanför programmen" in swedish
    written = {file.path: file.data() for file in sitemap_files(plans["sv"].edition, plans["sv"].generated)}
    sitemap = written[SITEMAP_FILE].decode()
    for src_uri in plans["sv"].generated:
        if src_uri.startswith(("people/", "organisations/")):
            assert f"<loc>https://lce.test/{url_of(src_uri)}</loc>" in sitemap
            assert f"<loc>https://lce.test/en/{url_of(src_uri)}</loc>" in sitemap


def test_a_person_page_lists_its_entries_for_the_sitemap_date(plans):
    """Check that a person's page names the entries it lists, so its last change in the sitemap is theirs."""
    page = plans["sv"].generated["people/freja-ahren/index.md"]
    assert set(page.lists) == {"resources/case-study/marketing-a-museum.md", "programmes/learn-create-engage.md"}


def test_a_content_file_at_a_person_address_is_a_clash(tmp_path):
    """Check that a content page at the address of a person's page is an error naming the file."""
    content = make_content(tmp_path, files={"people/niels-righolt.md": "---\ntitle: Niels\n---\n\nText.\n"})
    with pytest.raises(ContentErrors) as raised:
        BuildPlan.start(content, "sv", TODAY, ROOTS)
    assert "people/niels-righolt" in str(raised.value)
