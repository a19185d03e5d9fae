"""The site built with the real MkDocs: activity pages, languages, staff docs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from lce_platform.content.model import Activity, Resource
from lce_platform.outputs.navigation import section_title
from quality.built_site import page_tree

DISRUPT = "activities/2025/disrupt-for-success"
IMPACT = "activities/2025/making-cultural-impact-measurable"
PEER = "activities/2025/peer-learning-ai-tools"
AI_SEMINAR = "activities/2024/ai-and-creativity"


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_minimal_site_builds_strictly_without_warnings(minimal_sites):
    """Check that both languages build under --strict with no warning at all."""
    for build in minimal_sites.values():
        assert "WARNING" not in build.output, build.output


def test_repo_content_builds_strictly_without_warnings(repo_sites):
    """Check that the repo's own content builds in both languages with no warning."""
    for build in repo_sites.values():
        assert "WARNING" not in build.output, build.output
        assert (build.site / "index.html").exists()


def test_every_content_file_becomes_a_page(minimal_sites):
    """Check that no content file is silently missing from either language's site."""
    from conftest import MINIMAL
    for build in minimal_sites.values():
        for path in MINIMAL.rglob("*.md"):
            relative = path.relative_to(MINIMAL).as_posix().removesuffix(".en.md").removesuffix(".md")
            url = "" if relative == "index" else relative
            assert (build.site / url / "index.html").exists(), (build.site, relative)


def test_activity_page_shows_its_facts_in_swedish(minimal_sites):
    """Check that an activity page shows type, status, local time, venue, sectors, people and area."""
    page = soup(minimal_sites["sv"].page(DISRUPT))
    header = page.select_one("header.lce-activity")
    text = header.get_text(" ", strip=True)
    assert page.find("html")["lang"] == "sv"
    assert "Klass" in text and "Fullbokad" in text
    assert "19 mars 2025" in text and "13:00" in text and "16:00" in text
    assert "Media Evolution" in text and "Malmö" in text
    assert "Design" in text and "Media" in text
    assert "Niels Righolt" in text and "frida@mediaevolution.se" in text
    assert "Skräddarsydd kompetensutveckling" in text
    assert "Engelska" in text
    assert header.select_one("time")["datetime"] == "2025-03-19T13:00:00+01:00"


def test_activity_page_in_english(minimal_sites):
    """Check that the English page uses the translation and English interface text."""
    page = soup(minimal_sites["en"].page(DISRUPT))
    text = page.select_one("header.lce-activity").get_text(" ", strip=True)
    assert page.find("html")["lang"] == "en"
    assert "Class" in text and "Fully booked" in text and "Tailored Competence Development" in text
    assert "The class is about brands." in page.get_text()
    assert not page.select(".lce-fallback")


def test_registration_offered_only_while_it_makes_sense(minimal_sites):
    """Check that registration shows for a scheduled upcoming activity but not when full or cancelled."""
    site = minimal_sites["sv"]
    assert soup(site.page(IMPACT)).select_one(".lce-register a")["href"] == "https://example.org/register/impact"
    assert not soup(site.page(DISRUPT)).select(".lce-register")
    assert not soup(site.page(PEER)).select(".lce-register")
    assert "Inställd" in soup(site.page(PEER)).select_one(".lce-badge").get_text()


def test_sessions_are_listed_in_local_time(minimal_sites):
    """Check that each meeting of a multi-session activity is listed with its own time and venue."""
    sessions = soup(minimal_sites["en"].page(PEER)).select(".lce-sessions li")
    assert len(sessions) == 3
    assert "17:00" in sessions[1].get_text() and "Online" in sessions[1].get_text()
    assert sessions[1].time["datetime"] == "2025-04-09T17:00:00+02:00"


def test_month_only_date_is_shown_as_month(minimal_sites):
    """Check that an activity known only by month says so instead of inventing a day."""
    text = soup(minimal_sites["en"].page(AI_SEMINAR)).select_one("header.lce-activity").get_text(" ", strip=True)
    assert "November 2024" in text and "exact day not announced" in text


def test_missing_translation_falls_back_with_notice(minimal_sites):
    """Check that a page missing in English shows the Swedish text with a visible notice."""
    page = soup(minimal_sites["en"].page(IMPACT))
    notice = page.select_one(".lce-fallback")
    assert notice is not None and "not yet available in English" in notice.get_text()
    assert page.select_one('div[lang="sv"]') is not None
    assert not soup(minimal_sites["sv"].page(IMPACT)).select(".lce-fallback")


def test_language_switcher_and_alternates_point_to_the_same_page(minimal_sites):
    """Check that each page links to itself in the other language, with hreflang and x-default."""
    for language, other in (("sv", "en"), ("en", "sv")):
        page = soup(minimal_sites[language].page(DISRUPT))
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert alternates == {"sv": f"https://lce.test/{DISRUPT}/", "en": f"https://lce.test/en/{DISRUPT}/",
                              "x-default": f"https://lce.test/{DISRUPT}/"}
        switch = page.select_one(f'.md-select__link[hreflang="{other}"]')
        assert switch["href"] == alternates[other]
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical == alternates[language]


def test_staff_field_reference_is_generated_from_the_model(minimal_sites):
    """Check that the content model page lists every field of activities and resources with vocabulary values."""
    for language in ("sv", "en"):
        page = soup(minimal_sites[language].page("staff/content-model"))
        for collection, model in (("activities", Activity), ("resources", Resource)):
            table = page.find(id=collection).find_next("table")
            names = [row.code.get_text() for row in table.tbody.find_all("tr")]
            assert names == list(model.model_fields), collection
        sectors_row = page.find(id="activities").find_next("table").find(id="activities-sectors")
        allowed = [code.get_text() for code in sectors_row.find_all("td")[3].find_all("code")]
        assert {"music", "visual-arts", "all"} <= set(allowed) and len(allowed) == 12
        type_row = page.find(id="activities").find_next("table").find(id="activities-type")
        assert "seminar" in [code.get_text() for code in type_row.find_all("td")[3].find_all("code")]
    assert "Musik" in soup(minimal_sites["sv"].page("staff/content-model")).get_text()


def test_home_lists_the_latest_resources(minimal_sites):
    """Check that the home page shows the newest resources with links that lead to them."""
    for language in ("sv", "en"):
        section = soup(minimal_sites[language].page("")).select_one(".lce-home-library")
        link = section.find("a", string=lambda text: text and "AI & Creativity" in text)
        assert link is not None, section
        assert (minimal_sites[language].site / link["href"] / "index.html").exists()


def test_activity_links_to_its_programme_and_area(minimal_sites):
    """Check that the activity header links to existing programme and area pages."""
    site = minimal_sites["en"]
    links = soup(site.page(DISRUPT)).select("header.lce-activity dd a")
    targets = {link.get_text(): link["href"] for link in links}
    assert (site.site / DISRUPT / targets["Tailored Competence Development"] / "index.html").resolve().exists()
    assert (site.site / DISRUPT / targets["Learn, Create, Engage"] / "index.html").resolve().exists()


def test_every_page_navigation_leads_to_the_same_pages(repo_sites):
    """Check that the navigation and the header of every page (written once per folder, see
    overrides/partials/nav.html and header.html) link, once resolved from that page, to the same pages as the
    home page's (leaving out the links into a page's own sections, which Material nests under the current
    page, and the language links, which lead to the page itself in each language)."""
    for language, build in repo_sites.items():
        def targets(page: Path) -> list[str]:
            url = "https://site.test/" + page.relative_to(build.site).parent.as_posix().strip(".") + "/"
            html = page_tree(page.read_text(encoding="utf-8"))
            links = html.cssselect("header.md-header a[href]:not(.md-select__link), nav.md-nav--primary a[href]")
            return [urljoin(url.replace("//", "/").replace(":/", "://"), link.get("href"))
                    for link in links if "#" not in link.get("href")]
        expected = targets(build.site / "index.html")
        assert len(expected) > 10
        wrong = {page.relative_to(build.site).as_posix() for page in build.pages()
                 if page.name == "index.html" and targets(page) != expected}
        assert wrong == set(), language


def test_navigation_names_each_page_by_its_title(repo_sites):
    """Check that every link of the navigation is labelled with its page's title (the one in the page's <title>),
    never the 'None' MkDocs gives a page it has forgotten the title of."""
    for language, build in repo_sites.items():
        home = BeautifulSoup(build.page(""), "html.parser")
        links = [link for link in home.select("nav.md-nav--primary a.md-nav__link[href]")
                 if "#" not in link["href"] and link["href"] not in (".", "./")]
        assert len(links) > 5
        for link in links:
            target = BeautifulSoup((build.site / link["href"] / "index.html").read_text(encoding="utf-8"), "html.parser")
            title = target.title.get_text(strip=True).rsplit(" – ", 1)[0]
            assert link.get_text(" ", strip=True) == title, (language, link["href"])


def test_visitor_navigation_is_a_handful_of_entries_named_in_each_language(repo_sites):
    """Check that the navigation of every page has the home page, the calendar, the library, the sectors and two
    sections (the programmes; about the platform) named in the page's language, and nothing of the staff guide."""
    for language, build in repo_sites.items():
        for url in ("", "calendar/", "activities/2025/making-cultural-impact-measurable/", "about/"):
            page = BeautifulSoup(build.page(url), "html.parser")
            entries = [item.find("label" if "md-nav__item--section" in item["class"] else "a", class_="md-nav__link")
                       for item in page.select("nav.md-nav--primary > ul.md-nav__list > li")]
            targets = [urljoin(f"https://lce.test/{url}", entry["href"]) for entry in entries if entry.name == "a"]
            assert targets == [f"https://lce.test/{path}" for path in ("", "calendar/", "library/", "sectors/")]
            assert [entry.get_text(" ", strip=True) for entry in entries if entry.name == "label"] == [
                section_title(language, "programmes"), section_title(language, "about")]
            assert not [link for link in page.select("nav.md-nav--primary a[href]") if "staff/" in link["href"]]


def test_staff_guide_is_reached_from_the_footer_and_the_about_page(repo_sites):
    """Check that the footer of every kind of page and the About page link to the staff guide, which is built, and
    that the pages left out of the navigation give MkDocs nothing to report."""
    for language, build in repo_sites.items():
        for url in ("", "sectors/music/", "activities/2025/making-cultural-impact-measurable/"):
            footer = BeautifulSoup(build.page(url), "html.parser").select_one(".lce-footer-nav")
            targets = [urljoin(f"https://lce.test/{url}", link["href"]) for link in footer.select("a[href]")]
            assert targets[-1] == "https://lce.test/staff/"
            assert "https://lce.test/about/accessibility/" in targets
        about = BeautifulSoup(build.page("about"), "html.parser").select_one("article")
        assert about.select_one('a[href="../staff/"]') is not None
        assert (build.site / "staff" / "publish-an-activity" / "index.html").exists()
        assert 'not included in the "nav"' not in build.output
