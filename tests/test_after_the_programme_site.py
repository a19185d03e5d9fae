"""The built site after the programme (SITE_TODAY 2027-02-01), read as a visitor reads it: activities that took
place, an account, the ended programme, the home page, a sector page and the staff guide's list."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, built_in_both_languages, make_content
from test_after_the_programme import FILES

AFTER = "2027-02-01"

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The spring 2025 fixture with the account fixtures, built strictly in both languages on 2027-02-01."""
    content = make_content(tmp_path_factory.mktemp("after-site"), base=FIXTURES / "spring-2025" / "content",
                           files=FILES)
    return built_in_both_languages(content, today=AFTER)


def read(build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url), "html.parser")


def test_built_activity_pages_say_what_happened_and_offer_no_calendar(sites):
    """Check that the built page of the fully booked class of 2025 says it took place, offers no calendar links,
    no registration and no booking status, and that one with an account leads with it, in both languages."""
    for language, held, account in (("sv", "Genomförd", "Så blev det"), ("en", "Took place", "What happened")):
        page = read(sites[language], "activities/2025/disrupt-for-success/")
        header = page.select_one("header.lce-activity")
        assert [badge.get_text() for badge in header.select(".lce-badge")] == [held]
        assert page.select(".lce-add-to-calendar, .lce-register, a[href$='.ics']") == []
        assert "calendar.google.com" not in str(page.select_one("article"))
        with_account = read(sites[language], "activities/2025/held-with-account/")
        headings = [heading.get_text(strip=True) for heading in with_account.select("article h2")]
        assert headings[0] == account
        assert with_account.select_one("section.lce-announcement") is not None


def test_built_lists_home_programme_and_sector_pages_after_the_programme(sites):
    """Check the built calendar (no 'fully booked' badge left), the home page (knowledge first), the programme page
    (ran from … to …), a sector page (own items, then those for every sector) and the staff list."""
    sv, en = sites["sv"], sites["en"]
    calendar = read(en, "calendar/")
    badges = {badge.get_text() for badge in calendar.select("article .lce-badge:not([hidden])")}
    assert badges == {"Took place", "Cancelled"}
    home = read(sv, "")
    assert home.select("article h2")[0].get_text(strip=True) == "Senaste inspelningarna, materialen och fallstudierna"
    programme = read(en, "programmes/learn-create-engage/")
    assert "Ran from January 1, 2024 to December 31, 2026." in programme.select_one(".lce-facts").get_text()
    sector = read(en, "sectors/design/")
    assert [heading.get_text(strip=True) for heading in sector.select("article h2")][:2] == [
        "For Design", "Open to every sector"]
    staff = read(sv, "staff/accounts-to-write/")
    assert "Disrupt for Success – Brand Development of Cultural Institutions" in staff.select_one("tbody").get_text()
