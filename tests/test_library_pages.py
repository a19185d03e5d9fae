"""The library, resource and recording pages, sector and type pages, built with the real MkDocs."""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PINNED_TODAY, Build, build_site, fixture_files, make_content
from lce_platform.content.collections import ACTIVITIES, RESOURCES, Collection
from lce_platform.content.loader import load_site
from lce_platform.content.model import ALL_SECTORS
from lce_platform.content.site import Entry
from lce_platform.facts.timeline import phase

pytestmark = pytest.mark.build
LANGUAGES = ("sv", "en")


_articles: dict[tuple[Path, str], BeautifulSoup] = {}


def soup(build: Build, url: str) -> BeautifulSoup:
    """The parsed article of a built page, parsed once per test session (the tests only read it: the sector pages of
    the repo's content are read dozens of times)."""
    key = (build.site, url)
    if key not in _articles:
        _articles[key] = BeautifulSoup(build.page(url), "html.parser").find("article")
    return _articles[key]


def linked_pages(build: Build, url: str, selector: str = "a") -> set[str]:
    """The site pages a page links to (as directory URLs from the site root), within `selector`."""
    found = set()
    for container in soup(build, url).select(selector):
        for link in ([container] if container.name == "a" else container.find_all("a")):
            href = link.get("href", "")
            if href and "://" not in href and not href.startswith(("#", "mailto:")):
                target = posixpath.normpath(posixpath.join("/" + url, href)).lstrip("/")
                found.add(target + "/" if target and not target.endswith((".ics", ".xml")) else target)
    return found


def content_of(build: Build) -> list[Entry]:
    """The entries of the content tree a build was made from, loaded by the core."""
    return list(load_site(build.site.parent / "content", date.fromisoformat(PINNED_TODAY)).entries.values())


def entries(build: Build, collection: Collection) -> list[Entry]:
    """The entries of one collection of a build's content."""
    return [entry for entry in content_of(build) if entry.collection is collection]


def is_for(entry: Entry, sector: str) -> bool:
    """Whether an item is tagged with the sector or with 'all'."""
    return sector in entry.data.sectors or ALL_SECTORS in entry.data.sectors


def sector_ids(build: Build) -> list[str]:
    """The sectors of a build's vocabulary."""
    import yaml

    return list(yaml.safe_load((build.site.parent / "content/vocabularies/sectors.yml").read_text(encoding="utf-8")))


def check_sector_pages(build: Build) -> None:
    """Every sector page lists exactly the activities and resources tagged with it, in its own sections, and those
    for 'all' sectors under their own heading after them."""
    activities, resources = entries(build, ACTIVITIES), entries(build, RESOURCES)
    today = date.fromisoformat(PINNED_TODAY)
    for sector in sector_ids(build):
        url = f"sectors/{sector}/"
        page = soup(build, url)
        assert page.find("h1"), url
        for prefix, wanted in (("", lambda entry: sector in entry.data.sectors),
                               ("all-", lambda entry: entry.data.sectors == (ALL_SECTORS,))):
            current = {entry.url for entry in activities if wanted(entry) and phase(entry.data, today) != "past"}
            past = {entry.url for entry in activities if wanted(entry) and phase(entry.data, today) == "past"}
            tagged = {entry.url for entry in resources if wanted(entry)}
            for section, expected in (("current", current), ("past", past), ("resources", tagged)):
                selector = f'section[aria-labelledby="{prefix}{section}"] .lce-item__title a'
                assert linked_pages(build, url, selector) == expected, (url, prefix, section)
        headings = [heading.get("id") for heading in page.select("h2")]
        assert headings[:2] == ["for-sector", "for-every-sector"], url
        own = [entry for entry in (*activities, *resources) if sector in entry.data.sectors]
        assert (page.select_one(".lce-sector__none") is None) == bool(own), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_sector_pages_list_exactly_their_items(library_sites, language):
    """Check that each of the 11 sector pages lists exactly the items tagged with its sector or 'all'."""
    assert len(sector_ids(library_sites[language])) == 11
    check_sector_pages(library_sites[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_sector_pages_of_the_repo_content(repo_sites, language):
    """Check that the repo's content has all 11 sector pages, each listing exactly its items."""
    assert len(sector_ids(repo_sites[language])) == 11
    check_sector_pages(repo_sites[language])


@pytest.mark.parametrize("sites", ["library_sites", "repo_sites"])
def test_an_activity_for_all_sectors_is_on_every_sector_page(sites, request):
    """Check that an activity for 'all' sectors appears on all 11 sector pages, in both languages."""
    builds = request.getfixturevalue(sites)
    for language in LANGUAGES:
        build = builds[language]
        for_all = [entry.url for entry in entries(build, ACTIVITIES) if entry.data.sectors == (ALL_SECTORS,)]
        assert for_all
        listed = {f"sectors/{sector}/": linked_pages(build, f"sectors/{sector}/", ".lce-item__title a")
                  for sector in sector_ids(build)}
        for url in for_all:
            assert [page for page, links in listed.items() if url in links] == list(listed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_resource_is_on_its_kind_page_sector_pages_and_activity_page(library_sites, language):
    """Check that every resource appears in the library, on its kind page, its sectors' pages and its activity's page."""
    build = library_sites[language]
    all_sectors = sector_ids(build)
    resources = entries(build, RESOURCES)
    assert len(resources) >= 5
    library = linked_pages(build, "library/", ".lce-item__title a")
    for entry in resources:
        resource = entry.data
        assert entry.url in library
        assert entry.url in linked_pages(build, f"library/{resource.kind.value}/", ".lce-item__title a")
        sectors = all_sectors if ALL_SECTORS in resource.sectors else resource.sectors
        for sector in sectors:
            assert entry.url in linked_pages(build, f"sectors/{sector}/", "section[aria-labelledby$='resources'] .lce-item__title a")
        if resource.activity:
            activity_url = f"activities/{resource.activity}/"
            assert entry.url in linked_pages(build, activity_url, ".lce-activity-resources .lce-item__title a")
            assert activity_url in linked_pages(build, entry.url, ".lce-resource-page .lce-facts a")


def test_kind_pages_hold_only_their_kind_newest_first(library_sites):
    """Check that a kind page lists only resources of its kind, newest first, grouped by year."""
    build = library_sites["sv"]
    by_url = {entry.url: entry for entry in entries(build, RESOURCES)}
    for kind in ("material", "recording", "case-study", "tutorial", "report"):
        listed = [
            posixpath.normpath(posixpath.join(f"/library/{kind}/", link["href"])).lstrip("/") + "/"
            for link in soup(build, f"library/{kind}/").select(".lce-item__title a")
        ]
        assert {by_url[url].data.kind.value for url in listed} <= {kind}
        assert sorted(listed) == sorted(url for url, entry in by_url.items() if entry.data.kind.value == kind)
        days = [by_url[url].data.date.begins() for url in listed]
        assert days == sorted(days, reverse=True)
    years = [section["data-lce-year"] for section in soup(build, "library/").select("section.lce-year")]
    assert years == sorted(years, reverse=True) and len(years) == len(set(years)) > 1


def test_library_filter_is_a_real_form_hidden_without_script(library_sites):
    """Check that the library has labelled sector and year selects, hidden without JavaScript, and year links."""
    page = soup(library_sites["en"], "library/")
    form = page.find("form", attrs={"data-lce-filter": True})
    assert "lce-needs-script" in form["class"]
    for name in ("sector", "year"):
        select = form.find("select", attrs={"name": name})
        assert page.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    sectors = [option["value"] for option in form.find("select", attrs={"name": "sector"}).find_all("option")]
    assert sectors == ["", *sector_ids(library_sites["en"])]
    years = [option["value"] for option in form.find("select", attrs={"name": "year"}).find_all("option")][1:]
    assert [link["href"] for link in page.select(".lce-jump a[href^='#']")] == [f"#year-{year}" for year in years]


def test_a_past_activity_leads_with_its_recording_and_materials(library_sites):
    """Check that a past activity's page shows 'Recording and materials' before its own text, and an upcoming one after."""
    for language, heading in (("sv", "Inspelning och material"), ("en", "Recording and materials")):
        past = soup(library_sites[language], "activities/2024/ai-and-creativity/")
        section = past.find("section", class_="lce-activity-resources")
        assert section.find("h2").get_text(strip=True) == heading
        assert section.find_previous_sibling("header", class_="lce-activity")
        assert section.find_next(string="Seminariet hölls i november 2024.")
    upcoming = soup(library_sites["en"], "activities/2025/disrupt-for-success/")
    section = upcoming.find("section", class_="lce-activity-resources")
    assert section.find("h2").get_text(strip=True) == "Materials"
    assert section.find_previous_sibling().get_text(strip=True) == "The class is about brands."
    assert upcoming.select_one(".lce-activity-resources a[href='https://example.org/files/disrupt-slides.pdf']")
    assert soup(library_sites["en"], "activities/2025/making-cultural-impact-measurable/").find(
        "section", class_="lce-activity-resources") is None


def test_resource_page_shows_its_facts(library_sites):
    """Check that a resource page shows kind, date, sectors, authors, licence, language, activity and its link."""
    page = soup(library_sites["en"], "resources/material/disrupt-for-success-slides/")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select(".lce-resource-page dt")}
    assert page.select_one(".lce-resource-page h1").get_text(strip=True) == "Disrupt for Success – slides"
    assert page.select_one(".lce-activity__type a")["href"] == "../../../library/material/"
    assert facts["Date"].time["datetime"] == "2025-03-10"
    assert [a["href"] for a in facts["Sectors"].find_all("a")] == ["../../../sectors/design/", "../../../sectors/media/"]
    assert facts["Authors"].get_text(strip=True) == "Niels Righolt"
    assert facts["Licence"].a["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert facts["Language"].get_text(strip=True) == "English"
    assert facts["From the activity"].a["href"] == "../../../activities/2025/disrupt-for-success/"
    assert page.select_one(".lce-open a")["href"] == "https://example.org/files/disrupt-slides.pdf"
    report = soup(library_sites["sv"], "resources/report/sector-survey-2023/")
    assert report.select_one("dt:-soup-contains('Program') + dd a")["href"] == "../../../programmes/learn-create-engage/"


def test_recording_page_has_player_facts_and_transcript(library_sites):
    """Check that a recording's watch page holds an inert player, its duration, language, captions and transcript."""
    page = soup(library_sites["en"], "resources/recording/games-meetup/")
    player = page.find("figure", class_="lce-player")
    button = player.find("button")
    assert button["type"] == "button" and button.has_attr("hidden") and "Play the video" in button.get_text()
    assert [tag for tag in page.find_all(["iframe", "video"]) if not tag.find_parent("template")] == []
    video = BeautifulSoup(player.find("template").decode_contents(), "html.parser").find("video")
    assert video["src"] == "https://lce.test/media/games-meetup.mp4"
    assert [(track["kind"], track["srclang"]) for track in video.find_all("track")] == [("captions", "en")]
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select(".lce-resource-page dt")}
    assert facts["Length"].time["datetime"] == "PT20M" and facts["Length"].get_text(strip=True) == "20 minutes"
    assert facts["Language"].get_text(strip=True) == "English"
    assert facts["Captions"].a["href"] == "https://lce.test/media/games-meetup.en.vtt"
    assert facts["Transcript"].a["href"] == "#transcript"
    transcript = page.find("section", id="transcript")
    assert [p.get_text() for p in transcript.find_all("p")] == [
        "Welcome to the games meetup.", "Today we talk about <b>prototyping</b>."]
    assert transcript.find("b") is None
    silent = soup(library_sites["sv"], "resources/recording/impact-webinar/")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in silent.select(".lce-resource-page dt")}
    assert facts["Transkribering"].get_text(strip=True) == "Ingen transkribering"
    assert silent.find("section", id="transcript") is None
    iframe = BeautifulSoup(silent.find("template").decode_contents(), "html.parser").find("iframe")
    assert iframe["src"].startswith("https://player.vimeo.com/video/123456789?dnt=1")


def test_content_text_is_escaped_everywhere_it_is_listed(library_sites):
    """Check that markup in a resource title reaches the library, sector and resource pages as text."""
    for url in ("library/", "library/tutorial/", "sectors/games/", "resources/tutorial/ai-image-tools/"):
        html = library_sites["sv"].page(url)
        assert "<em>AI</em>" not in html
        assert "&lt;em&gt;AI&lt;/em&gt;-verktyg" in html


def test_sector_pages_link_to_their_feeds_and_the_overview_counts(library_sites):
    """Check that each sector page links to its iCalendar and Atom feeds, and the overview counts its items."""
    build = library_sites["sv"]
    overview = soup(build, "sectors/")
    rows = {row.th.a["href"]: [int(td.get_text()) for td in row.find_all("td")] for row in overview.select("tbody tr")}
    assert len(rows) == 11
    for sector in sector_ids(build):
        url = f"sectors/{sector}/"
        assert f"{url}calendar.ics" in linked_pages(build, url, ".lce-feeds")
        assert f"{url}feed.xml" in linked_pages(build, url, ".lce-feeds")
        page = soup(build, url)
        counts = [len(page.select(f'section[aria-labelledby$="{section}"] .lce-item'))
                  for section in ("current", "past", "resources")]
        assert rows[f"{sector}/"] == counts


def test_type_pages_list_exactly_their_activities(library_sites):
    """Check that each activity type has a page listing exactly the activities of that type."""
    build = library_sites["en"]
    activities = entries(build, ACTIVITIES)
    types = {row.th.a["href"].rstrip("/") for row in soup(build, "types/").select("tbody tr")}
    assert {"seminar", "class", "study-visit"} <= types
    for activity_type in types:
        listed = linked_pages(build, f"types/{activity_type}/", ".lce-item__title a")
        assert listed == {entry.url for entry in activities if entry.data.type == activity_type}
    assert soup(build, "types/seminar/").find("h1").get_text() == "Seminars"


def test_strict_build_fails_on_a_recording_without_captions_or_transcript(tmp_path: Path):
    """Check that a recording with neither captions nor a transcript fails a strict build with file and line."""
    content = make_content(tmp_path, files=fixture_files("recording-without-text"))
    strict = build_site(content, "sv")
    assert strict.returncode != 0
    assert "content/resources/recording/silent-seminar.md:7: captions: a recording needs captions or a transcript" \
        in strict.output
    relaxed = build_site(content, "sv", strict=False)
    assert relaxed.returncode == 0
    assert "WARNING" in relaxed.output and "silent-seminar.md:7: captions" in relaxed.output


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_loads_the_library_and_player_scripts_only_when_it_has_their_markup(library_sites, language):
    """Check, on every built page, that lce-library.js comes with a filter form and lce-player.js with a video
    player, and neither without; and that no page loads Material's palette stylesheet (the site has one scheme)."""
    site = library_sites[language].site
    pages = [path for path in site.rglob("index.html") if language == "en" or "en" not in path.relative_to(site).parts[:1]]
    seen = {"filter": 0, "player": 0, "neither": 0}
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = {script["src"].rsplit("/", 1)[-1] for script in page.find_all("script", src=True)}
        has_filter = page.find("form", attrs={"data-lce-filter": True}) is not None
        has_player = page.find(attrs={"data-lce-player": True}) is not None
        assert ("lce-library.js" in scripts) == has_filter, path
        assert ("lce-player.js" in scripts) == has_player, path
        assert not page.select("link[href*='palette']"), path
        seen["filter"] += has_filter
        seen["player"] += has_player
        seen["neither"] += not (has_filter or has_player)
    assert all(seen.values()), seen
