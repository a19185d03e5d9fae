"""A site that reads true after the day, without MkDocs: activities that took place, their accounts, programmes
that ended, the home page of every phase and the sector pages, planned by the core as of pinned days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, make_content
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.model import TRANSLATIONS, Activity
from lce_platform.facts.urls import HOME_SRC_URI, url_of
from lce_platform.outputs.activity_record import shift_headings
from lce_platform.plan import BuildPlan
from lce_platform.outputs.sharing import entry_card
from lce_platform.publishing.cms import cms_field

SPRING_2025 = FIXTURES / "spring-2025" / "content"
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
BEFORE, DURING, AFTER, YEAR_AFTER = date(2024, 6, 1), date(2025, 3, 15), date(2027, 2, 1), date(2028, 1, 15)
DISRUPT = "activities/2025/disrupt-for-success.md"  # fully booked, 2025-03-19, with a registration link
HELD = "activities/2025/held-with-account.md"
BODY = "<h2 id=\"om\">Om klassen</h2><p>Klassen hålls den 20 juni 2025.</p>"

ACTIVITY = ("---\ntitle: {title}\ntype: seminar\nprogramme: learn-create-engage\narea: outreach-events\n"
            "start: {start}\nsectors: {sectors}\nsummary: Ett seminarium i testerna.\n{extra}---\n\nText.\n")
FILES = {
    HELD: ACTIVITY.format(
        title="Seminarium med redogörelse", start="2025-06-20T13:00", sectors="[music]",
        extra="status: full\nreported_participants: 42\naccount: |\n  Fyrtiotvå deltog.\n\n  ## Vad vi lärde oss\n\n"
              "  Mycket om *ljud*.\n"),
    HELD.replace(".md", ".en.md"): "---\ntitle: Seminar with an account\naccount: Forty-two took part.\n---\n\nText.\n",
    "activities/2025/account-in-swedish-only.md": ACTIVITY.format(
        title="Bara svensk redogörelse", start="2025-06-21", sectors="all", extra="account: Det gick bra, sa alla.\n"),
    "activities/2025/account-in-swedish-only.en.md": "---\ntitle: Swedish account only\n---\n\nText.\n",
    "activities/2025/cancelled-seminar.md": ACTIVITY.format(
        title="Inställt seminarium", start="2025-06-22", sectors="all", extra="status: cancelled\n"),
    "programmes/ended-without-end.md": "---\ntitle: Programme Without End\nsummary: Ett program utan slutdatum.\n"
                                       "start: 2016\n---\n\nText.\n",
}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """The spring 2025 fixture with a held activity that has an account in both languages, one whose account is
    only in Swedish, a cancelled one, and a programme whose end is not known."""
    return make_content(tmp_path_factory.mktemp("after"), base=SPRING_2025, files=FILES)


def plan_on(content: Path, today: date, language: str = "sv") -> BuildPlan:
    """The content planned by the core as of `today`."""
    return BuildPlan.start(content, language, today, ROOTS)


def page(plan: BuildPlan, src_uri: str, body: str = BODY) -> BeautifulSoup:
    """A content page's HTML as the build makes it, from a body as Markdown would make it."""
    return BeautifulSoup(plan.page_html(src_uri, body, url_of(src_uri)), "html.parser")


def generated(plan: BuildPlan, src_uri: str) -> BeautifulSoup:
    """A generated page's HTML."""
    return BeautifulSoup(plan.generated[src_uri].html, "html.parser")


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True) for element in soup.select(selector)]


# 1. Activities that took place -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "held", "full"), [("sv", "Genomförd", "Fullbokad"), ("en", "Took place", "Fully booked")])
def test_an_ended_activity_says_it_took_place_without_booking_status_or_calendar_links(content, language, held, full):
    """Check that, once ended, a fully booked activity's header shows 'took place', no booking badge, no
    add-to-calendar or calendar service links and no registration, in both languages."""
    soup = page(plan_on(content, AFTER, language), DISRUPT)
    header = soup.select_one("header.lce-activity")
    assert texts(header, ".lce-badge") == [held]
    assert full not in header.get_text()
    assert header.select(".lce-add-to-calendar, .lce-session-calendar, .lce-register, [hidden]") == []


def test_before_it_ends_the_header_keeps_its_status_and_a_hidden_badge_for_the_clock(content):
    """Check that, before it ends, the header shows the booking status (marked as giving way), the calendar links,
    and a hidden 'took place' badge that the visitor's clock shows once the end in data-lce-end has passed."""
    header = page(plan_on(content, DURING, "en"), DISRUPT).select_one("header.lce-activity")
    assert header["data-lce-end"] == "2025-03-19T16:00:00+01:00"
    live = header.select_one(".lce-badge--live")
    assert live.get_text() == "Fully booked" and not live.has_attr("hidden")
    assert header.select_one(".lce-badge--held")["hidden"] == ""
    assert header.select_one(".lce-badge--held").get_text() == "Took place"
    assert header.select_one(".lce-add-to-calendar") is not None


def test_every_list_shows_the_state_of_the_day(content):
    """Check that the calendar lists an ended fully booked activity as taken place (no 'fully booked'), a cancelled
    one still as cancelled, and, before the end, the booking status with the hidden badge."""
    after = generated(plan_on(content, AFTER, "en"), "calendar/index.md")
    item = after.find("a", string="Disrupt for Success – Brand Development of Cultural Institutions").find_parent("li")
    assert texts(item, ".lce-badge") == ["Took place"]
    cancelled = after.find("a", string="Inställt seminarium").find_parent("li")
    assert texts(cancelled, ".lce-badge") == ["Cancelled"]
    during = generated(plan_on(content, DURING, "sv"), "calendar/index.md")
    item = during.find("a", string="Disrupt for Success – Brand Development of Cultural Institutions").find_parent("li")
    assert [(badge.get_text(), badge.has_attr("hidden")) for badge in item.select(".lce-badge")] == [
        ("Fullbokad", False), ("Genomförd", True)]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_calendar_with_nothing_on_or_coming_says_so_and_offers_no_subscription(content, language):
    """Check that while activities are coming the calendar, a year's page and an area's page offer their feed and
    how to subscribe; after the programme, with nothing on or coming, each says so instead and offers neither (the
    feeds stay at their addresses), and the subscribe page says what its feeds will still hold."""
    calendars = ("calendar/index.md", "calendar/2025/index.md", "areas/outreach-events/index.md")
    during, after = plan_on(content, DURING, language), plan_on(content, AFTER, language)
    quiet = {"sv": "Ingen aktivitet pågår eller är utannonserad just nu.",
             "en": "No activity is on or announced at the moment."}[language]
    for src_uri in calendars:
        offered = generated(during, src_uri)
        assert offered.select_one('.lce-feed-links a[href^="webcal://"]') is not None, src_uri
        assert offered.select_one('.lce-feed-links a[href$="subscribe/"]') is not None, src_uri
        assert quiet not in offered.get_text()
        ended = generated(after, src_uri)
        intro = ended.select_one(".lce-calendar-intro")
        assert intro.select_one(".lce-calendar-quiet").get_text().startswith(quiet), src_uri
        assert intro.select(".lce-feed-links, a") == [], src_uri
    assert quiet not in generated(during, "calendar/subscribe.md").get_text()
    subscribe = generated(after, "calendar/subscribe.md")
    assert subscribe.select_one(".lce-calendar-quiet").get_text().startswith(quiet)
    assert subscribe.select('a[href^="webcal://"]') != []


def test_the_share_card_of_an_ended_activity_says_it_took_place(content):
    """Check that an ended activity's share image names its state of the day, not its old booking status."""
    for today, status in ((DURING, "Fully booked"), (AFTER, "Took place")):
        plan = plan_on(content, today, "en")
        assert entry_card(plan.edition, plan.site.entries[DISRUPT]).status == status


# 2. An account of what happened ----------------------------------------------------------------------------------


def test_a_held_activity_leads_with_its_account_and_keeps_the_announcement_below(content):
    """Check that a held activity's page has its header, then its account (Markdown, headings under the section's),
    the reported participants, then the announcement under its own heading with its headings moved down."""
    soup = page(plan_on(content, AFTER, "sv"), HELD)
    assert [heading.get_text(strip=True) for heading in soup.select("h1, h2, h3")] == [
        "Seminarium med redogörelse", "Så blev det", "Vad vi lärde oss", "Så annonserades den", "Om klassen"]
    account = soup.select_one(".lce-record__account")
    assert account.select_one("em").get_text() == "ljud" and account.select_one("h3") is not None
    assert "Antal deltagare enligt rapporteringen: 42." in soup.select_one(".lce-record").get_text()
    announcement = soup.select_one("section.lce-announcement")
    assert announcement.select_one("h3#om") is not None
    assert announcement.find(string="Klassen hålls den 20 juni 2025.") is not None
    english = page(plan_on(content, AFTER, "en"), HELD)
    assert english.select_one(".lce-record__account").get_text(strip=True) == "Forty-two took part."
    assert english.select_one("#lce-announcement").get_text() == "As announced"


def test_an_account_only_in_swedish_is_marked_as_swedish_on_the_english_page(content):
    """Check that the English page of an activity whose translation has no account shows the Swedish one with
    lang="sv" and says that it is only in Swedish."""
    soup = page(plan_on(content, AFTER, "en"), "activities/2025/account-in-swedish-only.md")
    assert soup.select_one(".lce-record__account")["lang"] == "sv"
    assert soup.select_one(".lce-record__language").get_text() == "The account is only available in Swedish."


def test_without_an_account_the_page_says_plainly_what_is_known(content):
    """Check that a held activity without an account says that it took place and that no account is published, that
    the participants are not reported, and links the library, before the announcement."""
    soup = page(plan_on(content, AFTER, "en"), DISRUPT)
    record = soup.select_one(".lce-record")
    assert record.h2.get_text() == "After the activity"
    assert "No account of how it went has been published yet." in record.get_text()
    assert "The number of participants has not been reported." in record.get_text()
    assert record.select_one('a[href="../../../library/"]') is not None
    assert soup.select("section")[0] is record


def test_nothing_of_the_record_before_the_activity_ends_or_when_it_was_cancelled(content):
    """Check that an activity to come, and one cancelled, show neither a record nor an announcement heading, even
    with an account written."""
    for src_uri, today in ((HELD, DURING), ("activities/2025/cancelled-seminar.md", AFTER)):
        soup = page(plan_on(content, today), src_uri)
        assert soup.select(".lce-record, .lce-announcement") == [], src_uri


def test_the_staff_guide_lists_held_activities_without_an_account(content):
    """Check that the staff list names the activities that took place and have no account, with their file, and
    leaves out those with an account, the cancelled one and those still to come."""
    soup = generated(plan_on(content, AFTER, "en"), "staff/accounts-to-write.md")
    listed = texts(soup, "tbody th")
    assert "Disrupt for Success – Brand Development of Cultural Institutions" in listed
    assert "Seminar with an account" not in listed and "Swedish account only" not in listed
    assert "Inställt seminarium" not in listed
    assert "content/activities/2025/disrupt-for-success.md" in texts(soup, "tbody code")
    during = texts(generated(plan_on(content, DURING, "en"), "staff/accounts-to-write.md"), "tbody th")
    assert "Disrupt for Success – Brand Development of Cultural Institutions" not in during


def test_the_account_is_translatable_markdown_in_the_model_and_the_cms(content):
    """Check that the account is a translatable field, a Markdown widget in the CMS, and that a control character in
    it is an error naming the file and the field."""
    assert "account" in TRANSLATIONS[Activity].model_fields
    site = load_site(content, AFTER)
    assert cms_field(site, Activity, "account")["widget"] == "markdown"
    broken = make_content(content.parent / "broken", base=content,
                          files={HELD: FILES[HELD].replace("Fyrtiotvå deltog.", "Fyrtiotvå\x07 deltog.")})
    with pytest.raises(ContentErrors) as caught:
        load_site(broken, AFTER)
    assert [(error.path, error.field) for error in caught.value.errors] == [
        ("content/activities/2025/held-with-account.md", "account")]


def test_shift_headings_keeps_the_outline_under_a_section():
    """Check that headings move down so the highest is at the level asked, never past h6, and stay when deeper."""
    assert shift_headings("<h1>A</h1><h2 id='b'>B</h2><h6>C</h6>", 3) == "<h3>A</h3><h4 id='b'>B</h4><h6>C</h6>"
    assert shift_headings("<h3>A</h3><p>h2</p>", 3) == "<h3>A</h3><p>h2</p>"


# 3. Programmes that end --------------------------------------------------------------------------------------------


def test_a_programme_says_in_the_tense_of_its_dates_whether_it_runs_or_ran(content):
    """Check that the programme's page, the home page's list and About say 'runs from … to …' during its period and
    'ran from … to …' after it, with an Ended badge; and that a programme without an end says only when it
    started."""
    during = page(plan_on(content, DURING, "en"), "programmes/learn-create-engage.md", "<p>Text.</p>")
    assert "Runs from January 1, 2024 to December 31, 2026." in during.select_one(".lce-facts").get_text()
    assert during.select(".lce-badge") == []
    after = page(plan_on(content, AFTER, "en"), "programmes/learn-create-engage.md", "<p>Text.</p>")
    assert "Ran from January 1, 2024 to December 31, 2026." in after.select_one(".lce-facts").get_text()
    assert texts(after, ".lce-badge") == ["Ended"]
    sv = page(plan_on(content, AFTER, "sv"), "programmes/learn-create-engage.md", "<p>Text.</p>")
    assert "Pågick från 1 januari 2024 till 31 december 2026." in sv.select_one(".lce-facts").get_text()
    without_end = page(plan_on(content, AFTER, "en"), "programmes/ended-without-end.md", "<p>Text.</p>")
    assert without_end.select_one(".lce-facts dd").get_text() == "Started 2016."
    assert without_end.select(".lce-badge") == []
    home = page(plan_on(content, AFTER, "sv"), HOME_SRC_URI, "<h1>Hem</h1>")
    assert "Pågick från 1 januari 2024 till 31 december 2026." in texts(home, ".lce-card__meta")


def test_about_lists_the_programmes_with_their_periods_of_the_day(content):
    """Check that About begins with each programme and its period in the tense of the build's day."""
    files = {"about.md": "---\ntitle: Om oss\n---\n\n# Om plattformen\n\nText.\n"}
    about = make_content(content.parent / "about", base=content, files=files)
    for today, sentence in ((DURING, "Pågår från"), (AFTER, "Pågick från")):
        soup = page(plan_on(about, today), "about.md", "<h1>Om plattformen</h1><p>Text.</p>")
        item = soup.select_one(".lce-about-programmes li")
        assert item.a.get_text() == "Learn, Create, Engage" and sentence in item.get_text()
        assert soup.find("h1").find_next("section")["class"] == ["lce-about-programmes"]


def test_an_ended_programmes_impact_page_is_its_record(content):
    """Check that an ended programme's impact page is titled its record, says that it ran, leaves out the empty
    ongoing and upcoming rows, keeps planned against reported, and lists what the library holds from it."""
    plan = plan_on(content, AFTER, "en")
    record = plan.generated["impact/learn-create-engage/index.md"]
    assert record.title == "Learn, Create, Engage: the record"
    soup = BeautifulSoup(record.html, "html.parser")
    assert soup.p.get_text().startswith("Ran from January 1, 2024 to December 31, 2026. The numbers cover the whole")
    rows = texts(soup, "#impact-in-short tbody th")
    assert "Ongoing" not in rows and "Upcoming" not in rows
    assert {"Held", "Planned number of participants", "Reported number of participants"} <= set(rows)
    assert soup.select_one("#held-in-the-library") is not None
    assert soup.select(".lce-item__title a")
    during = BeautifulSoup(plan_on(content, DURING, "en").generated["impact/learn-create-engage/index.md"].html,
                           "html.parser")
    assert during.select_one("#held-in-the-library") is None and "Upcoming" in texts(during, "#impact-in-short th")


# 4. A home page for every phase ------------------------------------------------------------------------------------


@pytest.mark.parametrize("today", [BEFORE, DURING])
def test_while_activities_are_coming_the_home_page_leads_with_them(content, today):
    """Check that before and during the programme the home page leads with what is on or coming."""
    home = page(plan_on(content, today, "en"), HOME_SRC_URI, "<h1>Home</h1>")
    first = home.select("h2")[0].get_text(strip=True)
    assert first in ("Ongoing now", "Upcoming activities")
    assert home.select_one(".lce-home-knowledge") is None


@pytest.mark.parametrize("today", [AFTER, YEAR_AFTER])
def test_after_the_programme_the_home_page_leads_with_the_knowledge(content, today):
    """Check that after the programme, and a year after, the home page leads with the resources, then the
    programmes' records, then the feed of new publications, and promises no next activity."""
    for language, promise in (("sv", "nästa aktivitet"), ("en", "next activity")):
        home = page(plan_on(content, today, language), HOME_SRC_URI, "<h1>Home</h1>")
        knowledge = home.select_one(".lce-home-knowledge")
        assert home.select("h2")[0].parent is knowledge.select_one(".lce-home-library")
        records = knowledge.select_one(".lce-home-programmes")
        assert records.select_one('a[href="impact/learn-create-engage/"]').get_text().startswith(
            "Programmets resultat" if language == "sv" else "The programme's record")
        assert [link["href"] for link in knowledge.select(".lce-home-follow a")] == ["feed.xml"]
        assert promise not in home.get_text().lower()
        assert home.select_one('a[href="calendar/subscribe/"]') is None


# 5. Sector pages ---------------------------------------------------------------------------------------------------


def test_a_sector_page_lists_its_own_items_first_and_those_for_every_sector_after(content):
    """Check that the design page lists the activity tagged design under its own heading and the activities for all
    sectors only under 'Open to every sector'; that music, with nothing of its own in the fixture but the held
    seminar, lists that one; and that a sector with nothing of its own says so in one line."""
    plan = plan_on(content, AFTER, "en")
    design = generated(plan, "sectors/design/index.md")
    assert texts(design, "h2") == ["For Design", "Open to every sector"]
    own = texts(design, 'section[aria-labelledby="past"] .lce-item__title')
    assert own == ["Disrupt for Success – Brand Development of Cultural Institutions"]
    every = texts(design, 'section[aria-labelledby="all-past"] .lce-item__title')
    assert "Inställt seminarium" in every and own[0] not in every
    assert design.select_one(".lce-sector__none") is None
    music = generated(plan, "sectors/music/index.md")
    assert texts(music, 'section[aria-labelledby="past"] .lce-item__title') == ["Seminar with an account"]
    film = generated(plan, "sectors/architecture/index.md")
    assert texts(film, ".lce-sector__none") == [
        "No activities or resources are aimed at the Architecture sector in particular; what is open to every "
        "sector is below."]
    assert film.select('section[aria-labelledby="all-past"] .lce-item')
